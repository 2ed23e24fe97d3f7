import Testing

@testable import PartyScreening

/// The pieces of the matcher: normalization, word similarity, and the scorer's caps.
@Suite struct NameMatchingTests {
    @Test(arguments: [
        ("Huawei Technologies Co., Ltd.", ["huawei", "technology"], ["co", "ltd"]),
        ("HUAWEI TECHNOLOGIES COMPANY LIMITED", ["huawei", "technology"], ["company", "limited"]),
        ("Société Fictive S.A.", ["societe", "fictive"], ["sa"]),
        ("Xi?an Fictional Aero Co", ["xian", "fictional", "aero"], ["co"]),
        ("O'Brien & Sons GmbH", ["obrien", "sons"], ["gmbh"]),
        ("Haiguang Xinxi Jishu Youxian Gongsi", ["haiguang", "xinxi", "jishu"], ["youxian", "gongsi"]),
        ("Müller Straße AG", ["muller", "strasse"], ["ag"]),
        ("华为技术有限公司", ["华为技术"], ["有限公司"]),
        ("Limited", ["limited"], []),
        ("AS", ["as"], []),
    ])
    func normalization(_ name: String, _ tokens: [String], _ legalForms: [String]) {
        let form = NameForm(name)
        #expect(form.tokens == tokens)
        #expect(form.legalForms == legalForms)
    }

    @Test func misspeltCommonWordsStayCommon() {
        #expect(NameForm("Huawei Technolgies").tokens == ["huawei", "technology"])
        #expect(NameForm("Internatinal Semiconducter").isCommon == [true, true])
        #expect(NameForm("Sophgo").tokens == ["sophgo"])
    }

    @Test func commonWordsAreFlagged() {
        let form = NameForm("Beijing Zhipu Huazhang Technology")
        #expect(form.isCommon == [true, false, false, true])
        #expect(!NameForm("International Technology Holdings").hasDistinctiveToken)
    }

    @Test func jaroWinklerMatchesPublishedExamples() {
        // Winkler (1990) / Wikipedia: MARTHA–MARHTA 0.961, DWAYNE–DUANE 0.84, DIXON–DICKSONX 0.813.
        func jw(_ a: String, _ b: String) -> Double { StringDistance.jaroWinkler(a.scalarValues, b.scalarValues) }
        #expect(abs(jw("MARTHA", "MARHTA") - 0.961) < 0.001)
        #expect(abs(jw("DWAYNE", "DUANE") - 0.840) < 0.001)
        #expect(abs(jw("DIXON", "DICKSONX") - 0.813) < 0.001)
        #expect(jw("abc", "xyz") == 0)
    }

    @Test func levenshteinStopsAtItsLimit() {
        func lev(_ a: String, _ b: String, _ limit: Int) -> Int? {
            StringDistance.levenshtein(a.scalarValues, b.scalarValues, limit: limit)
        }
        #expect(lev("kitten", "sitting", 3) == 3)
        #expect(lev("kitten", "sitting", 2) == nil)
        #expect(lev("", "abc", 5) == 3)
    }

    @Test(arguments: [
        ("huawei", "huawai", true), ("huawei", "huawie", true), ("threads", "thread", true), ("moore", "more", true),
        ("sugon", "sguon", true), ("technologies", "technolgies", true), ("smic", "smc", false),
        ("higon", "hogan", false), ("sugon", "sugar", false), ("sugon", "sugan", false), ("zhipu", "zhihu", false),
        ("sophgo", "sophia", false), ("hmc", "hmo", false),
    ])
    func wordSimilarity(_ a: String, _ b: String, _ similar: Bool) {
        #expect((StringDistance.wordSimilarity(a.scalarValues, b.scalarValues) > 0) == similar)
    }

    @Test func aNameOfCommonWordsMustBeMatchedWhole() {
        let list = PartyList(parties: [Party(name: "National Supercomputing Institute", list: "Test")])
        // "supercomputing" is not a common word, so this name has one distinctive word.
        #expect(list.screen("Supercomputing Institute").first != nil)
        let generic = PartyList(parties: [Party(name: "International Technology Holdings Co", list: "Test")])
        #expect(generic.screen("International Technology Holdings").first?.score == 1)
        #expect(generic.screen("International Technology", threshold: 0.3).allSatisfy { $0.score <= 0.5 })
    }
}

/// The banded, early-exit distances agree with the textbook dynamic programme.
@Suite struct StringDistanceTests {
    static func fullLevenshtein(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var previous = Array(0...b.count)
        for i in 1..<(a.count + 1) {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1..<(b.count + 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test func bandedLevenshteinAgreesWithTheFullTable() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let a = (0..<next(12)).map { _ in UInt32(97 + next(4)) }
            let b = (0..<next(12)).map { _ in UInt32(97 + next(4)) }
            let exact = Self.fullLevenshtein(a, b)
            for limit in 0...4 {
                let banded = StringDistance.levenshtein(a, b, limit: limit)
                #expect(banded == (exact <= limit ? exact : nil), "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test func transpositionsCountOnce() {
        #expect(StringDistance.transpositionDistance("huawei".scalarValues, "huawie".scalarValues, limit: 1) == 1)
        #expect(StringDistance.levenshtein("huawei".scalarValues, "huawie".scalarValues, limit: 2) == 2)
        #expect(StringDistance.transpositionDistance("abcdef".scalarValues, "badcfe".scalarValues, limit: 2) == nil)
    }
}

/// Blocking finds every name a screened name can match.
@Suite struct PartyIndexTests {
    @Test func aWordFirstSeenAsAJoinIsStillFoundFuzzily() {
        let list = PartyList(parties: [
            Party(name: "Qua Zorb Fictional", list: "Test"),  // join "quazorb" seen first
            Party(name: "Quazorb Holdings", list: "Test"),
        ])
        #expect(list.screen("Quazorp Holdings").map(\.party.name).contains("Quazorb Holdings"))
    }
}
