import Compliance
import PartyScreening
import Testing

/// The headquarters provision (15 CFR 744.23(a)(3), 2023-11-17) and the H20 letter's "headquartered or with an ultimate
/// parent" clause, with the ultimate parent found by majority ownership up the graph and its headquarters from the
/// party lists. (Huawei is the bundled sample's Entity List party, address CN; the other companies are made up.)
@Suite struct HeadquartersDeterminationTests {
    static let huawei = "Huawei Technologies Co., Ltd."

    static func engine(_ edges: [OwnershipEdge]) throws -> ComplianceEngine {
        var engine = ComplianceEngine()
        try engine.parties.ownership.add(contentsOf: edges)
        return engine
    }

    static func check(
        _ engine: ComplianceEngine, chip: String = "H100", _ endUser: String, hq: String? = nil,
        destination: String = "Singapore", date: String = "2025-06-01"
    ) throws -> ExportDetermination {
        engine.check(
            ExportQuestion(
                item: try engine.item(chip: chip), destination: try engine.countries.country(destination),
                date: try CalendarDay(date), endUser: endUser,
                endUserHeadquarters: try hq.map { try engine.countries.country($0) }))
    }

    /// The case: a Singapore company 60% owned by Huawei got H100 "no licence" unless the user typed
    /// end_user_hq; its ultimate parent is Huawei, headquartered in China (D:5) by its Entity List address.
    @Test func aCompanyWhoseUltimateParentIsChineseNeedsALicenceWherever() throws {
        let engine = try Self.engine([
            OwnershipEdge(
                owner: Self.huawei, owned: "Holdco Pte", percent: 51, from: try CalendarDay("2024-01-01"),
                source: "annual report 2024"),
            OwnershipEdge(owner: "Holdco Pte", owned: "Lion City Compute", percent: 60),
            OwnershipEdge(owner: "Local Fund", owned: "Lion City Compute", percent: 40),
        ])
        let result = try Self.check(engine, "Lion City Compute", hq: "Singapore")
        #expect(result.licenseRequired && result.rule == "ACS-2023-HQ", "\(result.status) \(result.missing)")
        let why = result.trace.first { $0.rule == "ACS-2023-HQ" }?.reasons.last ?? ""
        #expect(
            why
                == "ultimate parent 'Huawei Technologies Co., Ltd.' headquartered in China (D:5), by the Entity List "
                + "(EL) address of 'Huawei Technologies Co., Ltd.'; majority ownership on 2025-06-01: 'Lion City "
                + "Compute' ← Holdco Pte 60% ← Huawei Technologies Co., Ltd. 51% (from 2024-01-01, annual report 2024)")
        // Before the stake, the chain stops at Holdco, whose headquarters nobody recorded: missing, not local.
        let before = try Self.check(engine, "Lion City Compute", hq: "Singapore", date: "2023-12-01")
        #expect(before.status == "undetermined")
        #expect(
            before.missing.contains {
                $0.hasPrefix("ACS-2023-HQ cannot be decided: where the ultimate parent 'Holdco Pte' is headquartered")
            }, "\(before.missing)")
    }

    /// The H20 letter reaches a company with a Chinese ultimate parent wherever it is (no Federal Register rule).
    @Test func theH20LetterReachesCompaniesWithAChineseUltimateParent() throws {
        let engine = try Self.engine([OwnershipEdge(owner: Self.huawei, owned: "Lion City Compute", percent: 60)])
        let result = try Self.check(engine, chip: "H20", "Lion City Compute", hq: "Singapore")
        #expect(result.licenseRequired && result.rule == "NVIDIA-H20-LETTER-2025-HQ", "\(result.status)")
        let local = try Self.check(try Self.engine([]), chip: "H20", "Lion City Compute", hq: "Singapore")
        #expect(!local.licenseRequired && local.missing.isEmpty, "\(local.missing)")
    }

    /// Where the end user is headquartered is not assumed: not given and not on the lists, it is missing.
    @Test func anUnknownHeadquartersIsMissingNotAssumedLocal() throws {
        let engine = try Self.engine([])
        let result = try Self.check(engine, "Lion City Compute")
        // (A dormant AI Diffusion rule names the status on this date; the missing fact is listed all the same.)
        #expect(result.status != "no licence required")
        #expect(
            result.missing.contains {
                $0.contains(
                    "where 'Lion City Compute' is headquartered is neither given (end_user_hq) nor on the party")
            })
        // A listed party's address settles it.
        #expect(try Self.check(engine, "Huawei Technologies", destination: "Malaysia").licenseRequired)
    }

    /// Majority ownership in a cycle has no ultimate parent: missing, with the path.
    @Test func aMajorityCycleLeavesTheParentUnsettled() throws {
        let engine = try Self.engine([
            OwnershipEdge(owner: "Ring One", owned: "Ring Two", percent: 60),
            OwnershipEdge(owner: "Ring Two", owned: "Ring One", percent: 60),
        ])
        let result = try Self.check(engine, "Ring One", hq: "Singapore")
        #expect(result.status != "no licence required")
        #expect(
            result.missing.contains {
                $0.contains(
                    "majority ownership runs in a cycle back to 'Ring One' ('Ring One' ← Ring Two 60% ← Ring One 60%)")
            }, "\(result.missing)")
    }
}
