import Compliance
import PartyScreening
import Testing

/// A case table of determinations the engine derives from the rules as data (shared/reference/export-controls.md,
/// "Example determinations" 1–12, and more from the same facts). Each row: chip, destination, date, exported from,
/// end user → ECCN, licence required, policy, status, deciding rule.
struct DeterminationCase: Sendable, CustomStringConvertible {
    var chip: String
    var destination: String
    var date: String
    var exportedFrom: String? = nil
    var endUser: String? = nil
    var eccn: String?
    var licenseRequired: Bool
    var policy: String? = nil
    var status: String
    var rule: String? = nil
    var exception: String? = nil

    var description: String { "\(chip) → \(destination) on \(date)" + (exportedFrom.map { " from \($0)" } ?? "") }
}

@Suite struct DeterminationCaseTests {
    static let engine = ComplianceEngine()

    static let cases: [DeterminationCase] = [
        // Reference examples 1–10 (11 and 12 are party cases, below).
        .init(
            chip: "A100", destination: "China", date: "2022-11-01", eccn: "3A090", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "AC-2022-LR"),
        .init(
            chip: "A800", destination: "CN", date: "2023-12-01", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "H800", destination: "China", date: "2023-06-01", eccn: nil, licenseRequired: false,
            status: "not controlled"),
        .init(
            chip: "H800", destination: "China", date: "2023-11-20", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "RTX 4090", destination: "China", date: "2023-12-01", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5", exception: "NAC"),
        .init(
            chip: "H20", destination: "China", date: "2024-06-01", eccn: nil, licenseRequired: false,
            status: "not controlled"),
        .init(
            chip: "H20", destination: "China", date: "2025-04-20", eccn: nil, licenseRequired: true,
            status: "letter", rule: "NVIDIA-H20-LETTER-2025"),
        .init(
            chip: "H200", destination: "China", date: "2025-12-01", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "H200", destination: "China", date: "2026-02-01", exportedFrom: "US", eccn: "3A090.a",
            licenseRequired: true, policy: "case-by-case", status: "in force", rule: "CBC-2026-01"),
        .init(
            chip: "H100", destination: "India", date: "2025-05-20", eccn: "3A090.a", licenseRequired: false,
            status: "not enforced", rule: "AID-2025-LR-T2"),
        // Derived from the same facts.
        .init(
            chip: "H200", destination: "China", date: "2026-02-01", exportedFrom: "TW", eccn: "3A090.a",
            licenseRequired: true, policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "H200", destination: "China", date: "2026-02-01", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "B200", destination: "China", date: "2026-02-01", exportedFrom: "US", eccn: "3A090.a",
            licenseRequired: true, policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        // TPP 20,920 < 21,000 and 5,300 GB/s < 6,500: inside the January 2026 case-by-case window.
        .init(
            chip: "MI300X", destination: "China", date: "2026-02-01", exportedFrom: "US", eccn: "3A090.a",
            licenseRequired: true, policy: "case-by-case", status: "in force", rule: "CBC-2026-01"),
        .init(
            chip: "A100", destination: "China", date: "2022-10-01", eccn: nil, licenseRequired: false,
            status: "not controlled"),
        .init(
            chip: "A100", destination: "Macau", date: "2022-12-01", eccn: "3A090", licenseRequired: false,
            status: "no licence required"),
        .init(
            chip: "A100", destination: "Macau", date: "2023-02-01", eccn: "3A090", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "AC-2023-MACAU"),
        .init(
            chip: "A800", destination: "China", date: "2023-06-01", eccn: nil, licenseRequired: false,
            status: "not controlled"),
        .init(
            chip: "L40S", destination: "China", date: "2023-12-01", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "RTX 4090D", destination: "China", date: "2024-06-01", eccn: nil, licenseRequired: false,
            status: "not controlled"),
        .init(
            chip: "H100", destination: "Saudi Arabia", date: "2024-01-10", eccn: "3A090.a", licenseRequired: true,
            status: "in force", rule: "ACS-2023-LR-D1D4"),
        .init(
            chip: "H100", destination: "Vietnam", date: "2024-01-10", eccn: "3A090.a", licenseRequired: true,
            status: "in force", rule: "ACS-2023-LR-D1D4"),
        .init(
            chip: "H100", destination: "Israel", date: "2024-01-10", eccn: "3A090.a", licenseRequired: false,
            status: "no licence required"),
        .init(
            chip: "H100", destination: "Germany", date: "2025-03-01", eccn: "3A090.a", licenseRequired: false,
            status: "no licence required"),
        .init(
            chip: "H100", destination: "India", date: "2025-03-01", eccn: "3A090.a", licenseRequired: false,
            status: "effective, compliance date not reached", rule: "AID-2025-LR-T2"),
        .init(
            chip: "H20", destination: "Russia", date: "2025-06-01", eccn: nil, licenseRequired: true,
            status: "letter", rule: "NVIDIA-H20-LETTER-2025"),
        .init(
            chip: "H20", destination: "Japan", date: "2025-06-01", eccn: nil, licenseRequired: false,
            status: "not controlled"),
        .init(
            chip: "Ascend 910C", destination: "China", date: "2025-06-01", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        .init(
            chip: "H100", destination: "Cambodia", date: "2026-01-10", eccn: "3A090.a", licenseRequired: true,
            policy: "presumption of denial", status: "in force", rule: "ACS-2023-LR-D5"),
        // Out of D:5 (and Tier 3) from 2026-02-03: only the unenforced AI Diffusion rule would still reach it.
        .init(
            chip: "H100", destination: "Cambodia", date: "2026-03-01", eccn: "3A090.a", licenseRequired: false,
            status: "not enforced", rule: "AID-2025-LR-T2"),
    ]

    @Test(arguments: cases)
    func determination(_ expected: DeterminationCase) throws {
        let engine = Self.engine
        let question = ExportQuestion(
            item: try engine.item(chip: expected.chip), destination: try engine.countries.country(expected.destination),
            date: try CalendarDay(expected.date), endUser: expected.endUser, exportedFrom: expected.exportedFrom)
        let result = engine.check(question)
        #expect(result.classification.eccn == expected.eccn, "\(expected): \(result.classification.reasons)")
        #expect(result.licenseRequired == expected.licenseRequired, "\(expected): \(result.reasons)")
        #expect(result.status == expected.status, "\(expected)")
        if let policy = expected.policy { #expect(result.policy == policy, "\(expected)") }
        if let rule = expected.rule { #expect(result.rule == rule, "\(expected)") }
        if let exception = expected.exception { #expect(result.exceptions.contains(exception), "\(expected)") }
        if let rule = expected.rule {
            #expect(result.trace.contains { $0.rule == rule && $0.matched == true }, "\(expected): trace")
            #expect(!result.citations.isEmpty)
        }
    }

    @Test func caseTableIsLargeEnough() {
        #expect(Self.cases.count >= 25)
    }

    @Test func thresholdsAreNamedInTheReasons() throws {
        let engine = Self.engine
        let h800 = try engine.item(chip: "H800")
        let before = engine.classify(h800, on: try CalendarDay("2023-06-01"))
        #expect(before.reasons.joined().contains("I/O bandwidth (GB/s) 400 < 600"))
        let after = engine.classify(h800, on: try CalendarDay("2023-11-20"))
        #expect(after.reasons.joined().contains("TPP 15832 ≥ 4800"))
        let h20 = engine.classify(try engine.item(chip: "H20"), on: try CalendarDay("2024-06-01"))
        #expect(h20.reasons.joined().contains("TPP 2368 < 2400") || h20.reasons.joined().contains("TPP 2368 < 4800"))
        #expect(abs((h20.item.performanceDensity ?? 0) - 2.909) < 0.001)
    }
}
