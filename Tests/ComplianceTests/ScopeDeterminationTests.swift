import Compliance
import PartyScreening
import Testing

/// Who a rule reaches besides the destination: the headquarters provision (15 CFR 744.23(a)(3), 88 FR 73458, from
/// 2023-11-17), the H20 letter's "headquartered or with an ultimate parent therein" clause (NVIDIA 8-K, 2025-04-15;
/// letter of 2025-04-09) and the Affiliates Rule (2025-09-29, suspended 2025-11-10 to 2026-11-09), with ultimate
/// parents found by majority ownership and headquarters from the lists or `end_user_hq`, each side of each rule's
/// date. Huawei is the bundled Entity List party (address CN); the companies below are made up.
@Suite struct ScopeDeterminationTests {
    static let huawei = "Huawei Technologies Co., Ltd."

    /// Merlion AI: 60% Huawei. Tide Labs: 50% Huawei. Quay Data: 49% Huawei. Strait Systems: Huawei 60% of Keppel
    /// Holdco, which owns 60% of it. Harbour Ops: 60% by Keppel Holdco's 40% subsidiary Pier Holdings.
    static let engine: ComplianceEngine = {
        var engine = ComplianceEngine()
        try! engine.parties.ownership.add(contentsOf: [
            OwnershipEdge(owner: huawei, owned: "Merlion AI", percent: 60),
            OwnershipEdge(owner: huawei, owned: "Tide Labs", percent: 50),
            OwnershipEdge(owner: huawei, owned: "Quay Data", percent: 49),
            OwnershipEdge(owner: huawei, owned: "Keppel Holdco", percent: 60),
            OwnershipEdge(owner: "Keppel Holdco", owned: "Strait Systems", percent: 60),
            OwnershipEdge(owner: "Keppel Holdco", owned: "Pier Holdings", percent: 40),
            OwnershipEdge(owner: "Pier Holdings", owned: "Harbour Ops", percent: 60),
        ])
        return engine
    }()

    struct Row: Sendable, CustomStringConvertible {
        var chip: String
        var endUser: String?
        var hq: String?
        var destination = "Singapore"
        var date: String
        var licenseRequired: Bool
        var rule: String? = nil
        var source: String
        var description: String {
            "\(chip) for \(endUser ?? "-") (hq \(hq ?? "-")) → \(destination) on \(date) [\(source)]"
        }
    }

    static let rows: [Row] = [
        // The headquarters provision, through a 60% Chinese parent, either side of 2023-11-17.
        .init(
            chip: "H100", endUser: "Merlion AI", hq: "Singapore", date: "2023-11-16", licenseRequired: false,
            source: "88 FR 73458 effective 2023-11-17"),
        .init(
            chip: "H100", endUser: "Merlion AI", hq: "Singapore", date: "2023-11-17", licenseRequired: true,
            rule: "ACS-2023-HQ", source: "88 FR 73458, 15 CFR 744.23(a)(3)"),
        .init(
            chip: "A100", endUser: "Merlion AI", hq: "Singapore", date: "2024-03-01", licenseRequired: true,
            rule: "ACS-2023-HQ", source: "88 FR 73458 (A100: 3A090.a, TPP 4992)"),
        .init(
            chip: "H800", endUser: "Merlion AI", hq: "Singapore", date: "2023-06-01", licenseRequired: false,
            source: "87 FR 62186: H800 I/O 400 < 600 GB/s, not 3A090"),
        // Two levels of majority ownership reach Huawei; a 40% link breaks the chain.
        .init(
            chip: "H100", endUser: "Strait Systems", hq: "Singapore", date: "2024-06-01", licenseRequired: true,
            rule: "ACS-2023-HQ", source: "88 FR 73458; majority chain Strait ← Keppel 60% ← Huawei 60%"),
        .init(
            chip: "H100", endUser: "Quay Data", hq: "Singapore", date: "2024-06-01", licenseRequired: false,
            source: "88 FR 73458; 49% is not a majority"),
        // Headquarters given directly: Hong Kong is China (85 FR 83765), Macau is named (88 FR 73458), Japan is not.
        .init(
            chip: "H100", endUser: "Victoria Harbour AI", hq: "Hong Kong", date: "2024-06-01", licenseRequired: true,
            rule: "ACS-2023-HQ", source: "88 FR 73458; 85 FR 83765"),
        .init(
            chip: "H100", endUser: "Cotai Compute", hq: "Macau", date: "2024-06-01", licenseRequired: true,
            rule: "ACS-2023-HQ", source: "88 FR 73458 (Macau named)"),
        .init(
            chip: "H100", endUser: "Shibuya Labs", hq: "Japan", date: "2024-06-01", licenseRequired: false,
            source: "88 FR 73458: Japan is in neither D:5 nor Macau"),
        // The H20 letter: destinations, then headquarters and ultimate parents, either side of 2025-04-09.
        .init(
            chip: "H20", endUser: "Merlion AI", hq: "Singapore", date: "2025-04-08", licenseRequired: false,
            source: "NVIDIA 8-K 2025-04-15: letter of 2025-04-09"),
        .init(
            chip: "H20", endUser: "Merlion AI", hq: "Singapore", date: "2025-04-09", licenseRequired: true,
            rule: "NVIDIA-H20-LETTER-2025-HQ", source: "NVIDIA 8-K 2025-04-15 (ultimate parent in China)"),
        .init(
            chip: "H20", endUser: "Cotai Compute", hq: "Macau", date: "2025-06-01", licenseRequired: true,
            rule: "NVIDIA-H20-LETTER-2025-HQ", source: "NVIDIA 8-K 2025-04-15 (headquartered in Macau)"),
        .init(
            chip: "H20", endUser: "Shibuya Labs", hq: "Japan", date: "2025-06-01", licenseRequired: false,
            source: "NVIDIA 8-K 2025-04-15: Japan is outside the letter"),
        .init(
            chip: "H20", endUser: nil, hq: nil, destination: "Hong Kong", date: "2025-06-01", licenseRequired: true,
            rule: "NVIDIA-H20-LETTER-2025", source: "NVIDIA 8-K 2025-04-15 (China incl. Hong Kong)"),
        .init(
            chip: "H20", endUser: nil, hq: nil, destination: "Iran", date: "2025-06-01", licenseRequired: true,
            rule: "NVIDIA-H20-LETTER-2025", source: "NVIDIA 8-K 2025-04-15 (D:5)"),
        // The Affiliates Rule: 50% by a listed party, from 2025-09-29, and its suspension from 2025-11-10.
        .init(
            chip: "H100", endUser: "Tide Labs", hq: "Singapore", date: "2025-09-28", licenseRequired: false,
            source: "Affiliates Rule effective 2025-09-29; 50% is not a majority for the HQ rule"),
        .init(
            chip: "H100", endUser: "Tide Labs", hq: "Singapore", date: "2025-10-01", licenseRequired: true,
            rule: "EAR-744.11-AFFILIATES", source: "Affiliates Rule (50% owned by an Entity List party)"),
        .init(
            chip: "H100", endUser: "Tide Labs", hq: "Singapore", date: "2025-11-15", licenseRequired: false,
            source: "Affiliates Rule suspended 2025-11-10 to 2026-11-09"),
    ]

    @Test(arguments: rows)
    func determination(_ row: Row) throws {
        let engine = Self.engine
        let result = engine.check(
            ExportQuestion(
                item: try engine.item(chip: row.chip), destination: try engine.countries.country(row.destination),
                date: try CalendarDay(row.date), endUser: row.endUser,
                endUserHeadquarters: try row.hq.map { try engine.countries.country($0) }))
        #expect(
            result.licenseRequired == row.licenseRequired,
            "\(row): \(result.status) \(result.rule ?? "-") \(result.missing)")
        if row.licenseRequired { #expect(result.rule == row.rule, "\(row)") }
    }

    /// Asking twice, or after asking about other parties, gives the same answer (a re-run cell changes nothing).
    @Test func askingAgainChangesNothing() throws {
        let engine = Self.engine
        let question = ExportQuestion(
            item: try engine.item(chip: "H100"), destination: try engine.countries.country("Singapore"),
            date: try CalendarDay("2024-06-01"), endUser: "Strait Systems",
            endUserHeadquarters: try engine.countries.country("Singapore"))
        let first = engine.check(question)
        for row in Self.rows { _ = try? determination(row) }
        let again = engine.check(question)
        #expect(first.reasons == again.reasons && first.rule == again.rule && first.missing == again.missing)
    }
}
