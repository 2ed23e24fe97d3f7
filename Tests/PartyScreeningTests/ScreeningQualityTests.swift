import AIKitTesting
import PartyScreening
import Testing

/// Screening finds what analysts type: the labelled set of real names (AIKitTesting.ScreeningLabels) at the default
/// threshold. `aikit-bench` prints the same precision and recall.
@Suite struct ScreeningQualityTests {
    @Test func precisionAndRecallOnTheLabelledSet() throws {
        let queries = try ScreeningLabels.queries()
        let result = ScreeningLabels.score(queries)
        print("screening: precision \(result.precision), recall \(result.recall) on \(queries.count) queries")
        for miss in result.misses { print("  missed (\(miss.variant)): \(miss.text) → \(miss.party ?? "-")") }
        for (query, party) in result.falseHits { print("  false hit (\(query.variant)): \(query.text) → \(party)") }
        #expect(result.precision >= 0.99)
        #expect(result.recall >= 0.97)
    }

    @Test(arguments: [
        ("Semiconductor Mfg Intl Corp", "Semiconductor Manufacturing International Corporation Incorporated"),
        ("MOORE THREADS TECH CO LTD", "Moore Threads Technology Co., Ltd."),
        ("Inspur Electronic Info Industry Company Limited", "Inspur Electronic Information Industry Co., Ltd."),
        (
            "Semiconductor Manufacturing International (Peking) Corp.",
            "Semiconductor Manufacturing International (Beijing) Corporation"
        ),
        ("Huawei Technologies Co., Ltd. (Shenzhen)", "Huawei Technologies Co., Ltd."),
        ("Wuxi Jiangnan Inst. of Computing Tech.", "Wuxi Jiangnan Institute of Computing Technology"),
    ])
    func abbreviationsRomanisationsAndQualifiersFold(query: String, party: String) {
        let top = PartyList.bundled.screen(query).first
        #expect(top?.party.name == party, "\(query) → \(top?.party.name ?? "nothing") \(top?.reasons ?? [])")
    }
}
