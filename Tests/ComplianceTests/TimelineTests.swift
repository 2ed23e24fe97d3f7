import Compliance
import PartyScreening
import Testing

@Suite struct TimelineTests {
    let engine = ComplianceEngine()

    func question(_ chip: String, _ destination: String, from: String? = nil, endUser: String? = nil) throws
        -> ExportQuestion
    {
        ExportQuestion(
            item: try engine.item(chip: chip), destination: try engine.countries.country(destination),
            date: try CalendarDay("2022-01-01"), endUser: endUser, exportedFrom: from)
    }

    @Test func h800ToChinaOverTime() throws {
        let periods = engine.timeline(try question("H800", "China"), from: try CalendarDay("2022-01-01"))
        let summary = periods.map {
            "\($0.from): \($0.determination.licenseRequired ? "licence" : "free") \($0.determination.status)"
        }
        // Designed for the 2022 rule (not 3A090), caught by the 2023 rule.
        #expect(summary.first == "2022-01-01: free not controlled")
        #expect(summary.contains("2023-11-17: licence in force"))
        #expect(!periods.contains { $0.from < (try! CalendarDay("2023-11-17")) && $0.determination.licenseRequired })
    }

    /// A file of stakes each dated its own day made a timeline evaluate every one of those dates, each a walk up the
    /// graph; now a timeline evaluates at most `mostDates` dates and its last period says where it stopped.
    @Test func aTimelineOfManyStakeDatesIsBoundedAndSaysWhereItStopped() throws {
        var engine = ComplianceEngine()
        let start = try CalendarDay("2000-01-01")
        let days = try (1...28).map { try CalendarDay("2001-02-\($0 < 10 ? "0" : "")\($0)") }
        try engine.parties.ownership.add(
            contentsOf: days.enumerated().map {
                OwnershipEdge(owner: "Fund \($0.offset)", owned: "Target Co", percent: 1, from: $0.element)
            })
        let periods = engine.timeline(
            try question("H100", "Malaysia", endUser: "Target Co"), from: start, to: try CalendarDay("2001-03-01"),
            mostDates: 10)
        let last = try #require(periods.last)
        #expect(last.until == days[9])
        #expect(
            last.determination.notes.last
                == "the timeline stops at 2001-02-10: the question changes on 29 dates, more than the 10 a timeline "
                + "evaluates; ask again with from = 2001-02-10")
    }

    @Test func h20ToChinaIsCaughtByTheLetter() throws {
        let periods = engine.timeline(try question("H20", "China"), from: try CalendarDay("2023-01-01"))
        let letter = try #require(periods.first { $0.determination.status == "letter" })
        #expect(letter.from == (try CalendarDay("2025-04-09")))
        #expect(periods.filter { $0.from < letter.from }.allSatisfy { !$0.determination.licenseRequired })
    }

    @Test func h200FromTheUSBecomesCaseByCase() throws {
        let diff = engine.diff(
            try question("H200", "China", from: "US"), from: try CalendarDay("2025-12-01"),
            to: try CalendarDay("2026-02-01"))
        #expect(diff.changes.contains("policy: presumption of denial → case-by-case"))
        #expect(diff.changes.contains("deciding rule: ACS-2023-LR-D5 → CBC-2026-01"))
        let changed = try #require(diff.rules.first { $0.rule == "CBC-2026-01" })
        #expect(changed.change.contains("2026-01-15"))
        #expect(changed.citation.contains("91 FR 1684"))
    }

    @Test func rulesInForceOnADate() throws {
        let on = engine.rules.rules(on: try CalendarDay("2025-06-01"))
        let ids = Set(on.map(\.rule.id))
        #expect(ids.contains("ACS-2023-CCL") && ids.contains("NVIDIA-H20-LETTER-2025"))
        #expect(!ids.contains("AC-2022-CCL"))  // superseded on 2023-11-17
        #expect(on.first { $0.rule.id == "AID-2025-LR-T2" }?.status == .notEnforced)
        #expect(on.first { $0.rule.id == "NVIDIA-H20-LETTER-2025" }?.status == .letter)
    }

    @Test func countryGroupsHaveValidity() throws {
        let before = engine.countries.groups(of: "KH", on: try CalendarDay("2026-01-01"))
        let after = engine.countries.groups(of: "KH", on: try CalendarDay("2026-02-03"))
        #expect(before.contains("D:5") && !after.contains("D:5"))
        #expect(engine.countries.members(of: "AI:Tier1", on: try CalendarDay("2025-02-01")).count == 18)
        #expect(engine.countries.members(of: "AI:Tier1", on: try CalendarDay("2024-02-01")).isEmpty)
        #expect(try engine.countries.country("Macao").iso2 == "MO")
        #expect(try engine.countries.country("chn").iso2 == "CN")
    }
}
