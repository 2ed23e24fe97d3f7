import Compliance
import PartyScreening
import Testing

/// The Affiliates Rule through the ownership graph: direct, indirect and aggregated ownership, before, during and
/// after its suspension. Owners are the bundled sample's Entity List parties (Huawei, listed 2019-05-16; SMIC Holdings,
/// listed 2020-12-18); the owned companies are made up for the test (they stand for any counterparty).
@Suite struct OwnershipDeterminationTests {
    static let huawei = "Huawei Technologies Co., Ltd."
    static let smic = "SMIC Holdings Limited"

    static func engine() throws -> ComplianceEngine {
        var engine = ComplianceEngine()
        try engine.parties.ownership.add(contentsOf: [
            // Aggregated: 30% + 25% by two listed parties.
            OwnershipEdge(owner: huawei, owned: "Aggregate Co", percent: 30),
            OwnershipEdge(owner: smic, owned: "Aggregate Co", percent: 25),
            OwnershipEdge(owner: "Pension Fund", owned: "Aggregate Co", percent: 45),
            // Indirect: Huawei 60% of Holdco, Holdco 50% of Chain Sub (counts in full, as OFAC reads it).
            OwnershipEdge(owner: huawei, owned: "Holdco", percent: 60),
            OwnershipEdge(owner: "Holdco", owned: "Chain Sub", percent: 50),
            // Below 50% with every owner known.
            OwnershipEdge(owner: huawei, owned: "Minority Co", percent: 20),
            OwnershipEdge(owner: "Pension Fund", owned: "Minority Co", percent: 80),
            // A listed owner and an unknown remainder that could reach 50%.
            OwnershipEdge(owner: huawei, owned: "Partial Co", percent: 30),
            OwnershipEdge(owner: "Unknown Fund", owned: "Partial Co", percent: 20),
            // A listed owner with a stake of unknown size.
            OwnershipEdge(owner: huawei, owned: "Unsized Co", percent: nil),
            // A stake sold: Huawei held Sold Co until 2025-10-15.
            OwnershipEdge(owner: huawei, owned: "Sold Co", percent: 51, until: try CalendarDay("2025-10-15")),
        ])
        return engine
    }

    struct Case: CustomStringConvertible {
        let party: String
        let date: String
        let status: String
        let licence: Bool
        let explanation: String
        var description: String { "\(party) on \(date)" }
    }

    static let cases: [Case] = [
        // Before the rule (2025-09-29): owners do not matter.
        Case(party: "Aggregate Co", date: "2025-09-01", status: "not controlled", licence: false, explanation: ""),
        // In force.
        Case(
            party: "Aggregate Co", date: "2025-10-01", status: "in force", licence: true,
            explanation: "'Aggregate Co' is 55% owned by listed or covered parties: Huawei Technologies Co., Ltd. 30% "
                + "(Entity List (EL), listed 2019-05-16) + SMIC Holdings Limited 25% (Entity List (EL), listed 2020-12-18)"
        ),
        Case(
            party: "Chain Sub", date: "2025-10-01", status: "in force", licence: true,
            explanation: "'Chain Sub' is 50% owned by listed or covered parties: Holdco 50% (covered: 60% owned by "
                + "listed or covered parties: Huawei Technologies Co., Ltd. 60% (Entity List (EL), listed 2019-05-16))"
        ),
        Case(
            party: "Minority Co", date: "2025-10-01", status: "not controlled", licence: false,
            explanation: "'Minority Co' is only 20% owned by listed or covered parties"),
        Case(
            party: "Partial Co", date: "2025-10-01", status: "undetermined", licence: false,
            explanation: "the owners of 50% are not recorded: together they could reach 50%"),
        Case(
            party: "Unsized Co", date: "2025-10-01", status: "undetermined", licence: false,
            explanation: "stakes of unknown size (Huawei Technologies Co., Ltd.)"),
        Case(party: "Sold Co", date: "2025-10-14", status: "in force", licence: true, explanation: "51%"),
        Case(party: "Sold Co", date: "2025-10-15", status: "not controlled", licence: false, explanation: ""),
        // Suspended 2025-11-10 to 2026-11-10: no licence from the rule, but a red flag.
        Case(
            party: "Aggregate Co", date: "2025-12-01", status: "not enforced", licence: false,
            explanation: "is not enforced on 2025-12-01"),
        Case(party: "Partial Co", date: "2025-12-01", status: "not controlled", licence: false, explanation: ""),
        // The suspension ended 2026-11-10; the data has no later action.
        Case(party: "Aggregate Co", date: "2026-11-10", status: "in force", licence: true, explanation: "55% owned"),
        Case(party: "Chain Sub", date: "2026-12-01", status: "in force", licence: true, explanation: "Holdco 50%"),
    ]

    @Test(arguments: cases)
    func determination(_ expected: Case) throws {
        let engine = try Self.engine()
        let result = engine.check(
            ExportQuestion(
                item: ItemFacts(kind: .other, name: "any item subject to the EAR"),
                destination: try engine.countries.country("Malaysia"), date: try CalendarDay(expected.date),
                endUser: expected.party))
        #expect(result.status == expected.status, "\(result.reasons) \(result.missing) \(result.notes)")
        #expect(result.licenseRequired == expected.licence)
        if expected.licence {
            #expect(result.rule == "EAR-744.11-AFFILIATES")
            #expect(
                result.policy
                    == "presumption of denial (the strictest of its listed owners': Huawei Technologies Co., Ltd.)"
                    || result.policy?.hasPrefix("presumption of denial") == true)
            #expect(result.reasons.contains { $0.contains(expected.explanation) }, "\(result.reasons)")
        } else if expected.status == "undetermined" {
            #expect(
                result.missing.contains { $0.contains(expected.explanation) && $0.contains("red flag") },
                "\(result.missing)")
        } else if !expected.explanation.isEmpty {
            #expect((result.reasons + result.trace.flatMap(\.reasons)).contains { $0.contains(expected.explanation) })
        }
        if expected.status == "not enforced" {
            #expect(result.notes.contains { $0.hasPrefix("red flag: 'Aggregate Co' is 55% owned") })
        }
    }

    @Test func theTemporaryGeneralLicenceIsOfferedUntilNovember28() throws {
        let engine = try Self.engine()
        func check(_ date: String) throws -> ExportDetermination {
            engine.check(
                ExportQuestion(
                    item: ItemFacts(kind: .other, name: "any item"),
                    destination: try engine.countries.country("Malaysia"), date: try CalendarDay(date),
                    endUser: "Aggregate Co"))
        }
        #expect(
            try check("2025-10-01").exceptions.contains { $0.hasPrefix("Affiliates Rule temporary general licence") })
        #expect(try check("2026-11-20").exceptions.isEmpty)
    }

    @Test func aListedPartyIsDecidedByItsListingNotItsOwners() throws {
        var engine = try Self.engine()
        try engine.parties.ownership.add(OwnershipEdge(owner: "Pension Fund", owned: Self.huawei, percent: 100))
        let result = engine.check(
            ExportQuestion(
                item: ItemFacts(kind: .other, name: "any item"),
                destination: try engine.countries.country("China"),
                date: try CalendarDay("2025-10-01"), endUser: Self.huawei))
        #expect(result.rule == "EAR-744.11-ENTITY-LIST")
    }

    @Test func cyclesAndOverfullStakesAreReportedNotFollowedForever() throws {
        var graph = OwnershipGraph()
        try graph.add(contentsOf: [
            OwnershipEdge(owner: "A", owned: "B", percent: 60), OwnershipEdge(owner: "B", owned: "C", percent: 60),
            OwnershipEdge(owner: "C", owned: "A", percent: 60), OwnershipEdge(owner: "D", owned: "C", percent: 70),
        ])
        let problems = graph.problems(on: try CalendarDay("2025-10-01"))
        #expect(problems.contains("the stakes in 'C' add up to 130% on 2025-10-01"))
        #expect(
            problems.contains {
                $0.hasPrefix("ownership cycle on 2025-10-01: ") && $0.contains("A") && $0.contains("C")
            })
        var parties = PartyList.bundled
        parties.ownership = graph
        let affiliation = parties.affiliation(of: "A", on: try CalendarDay("2025-10-01"))
        #expect(affiliation.verdict == .notCovered)
    }

    @Test func badEdgesAreRefusedSayingWhy() throws {
        var graph = OwnershipGraph()
        #expect(throws: OwnershipError("percent 120.0 is not in (0, 100]")) {
            try graph.add(OwnershipEdge(owner: "A", owned: "B", percent: 120))
        }
        #expect(throws: OwnershipError("'Acme Ltd' cannot own itself")) {
            try graph.add(OwnershipEdge(owner: "Acme Ltd", owned: "ACME, Ltd.", percent: 10))
        }
        #expect(throws: OwnershipError("until 2025-01-01 is not after from 2025-02-01")) {
            try graph.add(
                OwnershipEdge(
                    owner: "A", owned: "B", percent: 10, from: try CalendarDay("2025-02-01"),
                    until: try CalendarDay("2025-01-01")))
        }
    }

    @Test func theTimelineSplitsWhereTheRuleAndTheStakesChange() throws {
        let engine = try Self.engine()
        let periods = engine.timeline(
            ExportQuestion(
                item: ItemFacts(kind: .other, name: "any item"), destination: try engine.countries.country("Malaysia"),
                date: try CalendarDay("2025-01-01"), endUser: "Sold Co"), from: try CalendarDay("2025-01-01"))
        let shown = periods.map { "\($0.from) \($0.determination.status)" }
        #expect(shown == ["2025-01-01 not controlled", "2025-09-29 in force", "2025-10-15 not controlled"], "\(shown)")
    }

    @Test func anOwnerMatchedOnlyByAFuzzyNameSaysSoWithTheScore() throws {
        var parties = PartyList.bundled
        try parties.ownership.add(OwnershipEdge(owner: "Huawey Technologies", owned: "Fuzzy Sub", percent: 60))
        let affiliation = parties.affiliation(of: "Fuzzy Sub", on: try CalendarDay("2025-10-01"))
        #expect(affiliation.verdict == .covered)
        #expect(
            affiliation.explanation.hasSuffix(
                "'Huawey Technologies' matched 'Huawei Technologies Co., Ltd.' at "
                    + "score 0.95, a fuzzy match)"))
    }
}
