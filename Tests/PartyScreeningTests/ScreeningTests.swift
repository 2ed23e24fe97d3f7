import PartyScreening
import Testing

/// Screening names against the bundled sample: what must match, and what must not.
@Suite struct ScreeningTests {
    let list = PartyList.bundled

    @Test func exactNameScoresOne() throws {
        let match = try #require(list.screen("Huawei Technologies Co., Ltd.").first)
        #expect(match.party.name == "Huawei Technologies Co., Ltd.")
        #expect(match.score == 1)
        #expect(match.matchedName == "Huawei Technologies Co., Ltd.")
        #expect(match.list == "Entity List (EL) - Bureau of Industry and Security")
        #expect(match.reasons.first == "exact name")
    }

    @Test(arguments: [
        "HUAWEI TECHNOLOGIES CO LTD", "Huawei Technologies Company Limited", "huawei technologies co.,ltd",
        "Huawei Technologies Co. Ltd.", "HUAWEI TECHNOLOGIES", "Huawei Technology Co., Ltd.",
        "HuaweiTechnologies", "Huawei Technologies Limitted",
    ])
    func legalFormsAndCaseAreIgnored(_ name: String) throws {
        let match = try #require(list.screen(name).first)
        #expect(match.party.name == "Huawei Technologies Co., Ltd.")
        #expect(match.score >= 0.97)
    }

    @Test func legalFormIsExplained() throws {
        let match = try #require(list.screen("HUAWEI TECHNOLOGIES CO LTD").first)
        #expect(match.reasons.contains("legal form 'co ltd' ignored"))
    }

    @Test(arguments: ["Technologies Huawei", "Technologies Co Ltd Huawei"])
    func wordOrderDoesNotMatter(_ name: String) throws {
        let match = try #require(list.screen(name).first)
        #expect(match.party.name == "Huawei Technologies Co., Ltd.")
        #expect(match.score >= 0.95)
        #expect(match.reasons.first == "same words in a different order")
    }

    @Test(arguments: [
        ("Huawai Technologies", "Huawei Technologies Co., Ltd."),
        ("Hua Wei Technologies Co Ltd", "Huawei Technologies Co., Ltd."),
        ("Huawei Technolgies Co., Ltd", "Huawei Technologies Co., Ltd."),
        ("Moore Thread Technology", "Moore Threads Technology Co., Ltd."),
        ("Beijing Zhipu Huazang Technology", "Beijing Zhipu Huazhang Technology Co., Ltd."),
        ("Sophgo Technology Limited", "Sophgo Technologies Ltd."),
        (
            "Semiconductor Manufacturing International Corp.",
            "Semiconductor Manufacturing International Corporation Incorporated"
        ),
    ])
    func misspellingsStillMatch(_ name: String, _ party: String) throws {
        let match = try #require(list.screen(name).first, "\(name)")
        #expect(match.party.name == party)
        #expect(match.score >= 0.85, "\(name): \(match.score) \(match.reasons)")
    }

    @Test(arguments: [
        ("Huawei", "Huawei Technologies Co., Ltd."),
        ("SMIC", "Semiconductor Manufacturing International Corporation Incorporated"),
        ("Zhipu AI", "Beijing Zhipu Huazhang Technology Co., Ltd."),
        ("Dawning Information Industry Co., Ltd.", "Sugon"),
        ("Zhongke Shuguang", "Sugon"),
        ("Hygon", "Chengdu Haiguang Integrated Circuit"),
        ("Moore Threads", "Moore Threads Technology Co., Ltd."),
    ])
    func aliasesMatch(_ name: String, _ party: String) throws {
        let match = try #require(list.screen(name).first, "\(name)")
        #expect(match.party.name == party)
        #expect(match.score >= 0.97)
        #expect(match.matchedName != party || name == party)
    }

    @Test func diacriticsAndLostApostrophesAreFolded() throws {
        #expect(try #require(list.screen("Huawéi Technologies").first).score == 1)
        #expect(try #require(list.screen("Hua?wei Technologies").first).score == 1)
    }

    /// Names a person would not take for the listed party: different companies sharing a word or a few letters.
    @Test(arguments: [
        "Hua Wei Foods Ltd", "Huawei Foods Trading Co", "Moore Capital Partners", "Moore Stephens International",
        "Sugar Land Technologies", "Hogan Lovells", "SMC Corporation", "HMC Capital", "Beijing Technology Co., Ltd.",
        "Shanghai Electronics Co", "Zhipu Foods", "Biren Capital Partners", "Inspiration Software Co., Ltd.",
        "Dawn Semiconductor", "Jiangnan Shipyard", "Ningbo Port Co", "Sophia Technologies",
        "Semiconductor Manufacturing Technology", "Zhihu Technology", "Higon Pharmaceuticals",
    ])
    func lookAlikesStayBelowThreshold(_ name: String) {
        let matches = list.screen(name, threshold: 0.5)
        for match in matches {
            #expect(match.score < 0.8, "\(name) ~ \(match.matchedName): \(match.score) \(match.reasons)")
        }
    }

    @Test(arguments: [
        "Technology", "Technologies Co., Ltd.", "Semiconductor", "AI", "Intelligence", "International Holdings",
        "Electronics", "Computing", "Co., Ltd.", "Beijing", "China", "Information Industry", "", "?", "&",
    ])
    func commonWordsAloneMatchNothing(_ name: String) {
        #expect(list.screen(name).isEmpty, "\(name): \(list.screen(name).map { ($0.matchedName, $0.score) })")
    }

    @Test func shortNamesNeedAnExactMatch() throws {
        #expect(try #require(list.screen("HMC").first).party.name == "Chengdu Haiguang Microelectronics Technology")
        let inside = list.screen("HMC Semiconductor Services", threshold: 0.5)
        #expect(inside.allSatisfy { $0.score <= 0.75 })
    }

    @Test func countryMismatchCostsTwoTenths() throws {
        let china = try #require(list.screen("Huawei Technologies Co., Ltd.", country: "CN").first)
        #expect(china.score == 1)
        #expect(china.reasons.contains("country CN matches"))
        let us = try #require(list.screen("Huawei Technologies Co., Ltd.", country: "us", threshold: 0.7).first)
        #expect(abs(us.score - 0.8) < 1e-9)
        #expect(us.reasons.contains { $0.hasPrefix("country US differs from CN") })
        #expect(list.screen("Huawai Technologies", country: "US").isEmpty)
    }

    @Test func resultsComeBestFirst() {
        let matches = list.screen("Inspur Electronic Information", threshold: 0.5)
        #expect(matches.count >= 2)
        #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(matches.first?.party.name == "Inspur Electronic Information Industry Co., Ltd.")
    }
}
