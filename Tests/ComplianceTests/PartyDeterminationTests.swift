import Compliance
import PartyScreening
import Testing

/// Reference examples 11 and 12: parties on the Entity List, by listing date.
@Suite struct PartyDeterminationTests {
    let engine = ComplianceEngine()

    func check(_ endUser: String, _ date: String, destination: String = "China") throws -> ExportDetermination {
        engine.check(
            ExportQuestion(
                item: ItemFacts(kind: .other, name: "any item subject to the EAR"),
                destination: try engine.countries.country(destination), date: try CalendarDay(date),
                endUser: endUser))
    }

    @Test func huaweiAfterItsListing() throws {
        let listed = try check("Huawei Technologies Co., Ltd.", "2019-06-01")
        #expect(listed.licenseRequired)
        #expect(listed.policy == "presumption of denial")
        #expect(listed.rule == "EAR-744.11-ENTITY-LIST")
        #expect(listed.reasons.contains { $0.contains("2019-05-16") })
        let before = try check("Huawei Technologies Co., Ltd.", "2019-05-01")
        #expect(!before.licenseRequired)
    }

    @Test func zhipuListedOnTheSixteenth() throws {
        #expect(!(try check("Zhipu AI", "2025-01-10")).licenseRequired)
        let after = try check("Zhipu AI", "2025-01-20")
        #expect(after.licenseRequired && after.rule == "EAR-744.11-ENTITY-LIST")
        #expect(after.entityMatch != nil)
    }

    @Test func headquartersRuleReachesAnyDestination() throws {
        let result = engine.check(
            ExportQuestion(
                item: try engine.item(chip: "H100"), destination: try engine.countries.country("Malaysia"),
                date: try CalendarDay("2024-03-01"), endUserHeadquarters: try engine.countries.country("China")))
        #expect(result.licenseRequired && result.rule == "ACS-2023-HQ")
    }
}
