import Compliance
import PartyScreening
import Testing

/// Territories the EAR folds into another country: Hong Kong is decided as China from 2020-07-31 (85 FR 45998) —
/// removed as a destination on 2020-12-23 (85 FR 83765) — with the folding named in the answer; Macau stays its own
/// destination (its own rules, AC-2023-MACAU from 2023-01-18). Each row cites the reference's source.
@Suite struct TerritoryTests {
    static let engine = ComplianceEngine()

    struct Row: Sendable, CustomStringConvertible {
        var chip: String
        var destination: String
        var date: String
        var exportedFrom: String? = nil
        var licenseRequired: Bool
        var rule: String?
        var source: String
        var description: String { "\(chip) → \(destination) on \(date) (\(source))" }
    }

    static let rows: [Row] = [
        // Hong Kong decided as China under every China rule, each side of the rule's start.
        .init(
            chip: "A100", destination: "Hong Kong", date: "2022-10-06", licenseRequired: false, rule: nil,
            source: "87 FR 62186 not yet in force; 85 FR 83765"),
        .init(
            chip: "A100", destination: "Hong Kong", date: "2022-11-01", licenseRequired: true, rule: "AC-2022-LR",
            source: "87 FR 62186 names China; 85 FR 83765"),
        .init(
            chip: "H800", destination: "HK", date: "2023-06-01", licenseRequired: false, rule: nil,
            source: "87 FR 62186: I/O 400 < 600 GB/s"),
        .init(
            chip: "H800", destination: "Hong Kong SAR", date: "2023-11-20", licenseRequired: true,
            rule: "ACS-2023-LR-D5", source: "88 FR 73458: D:5 includes China; 85 FR 83765"),
        .init(
            chip: "H100", destination: "Hong Kong", date: "2024-06-01", licenseRequired: true,
            rule: "ACS-2023-LR-D5", source: "88 FR 73458; 85 FR 83765"),
        .init(
            chip: "H20", destination: "Hong Kong", date: "2025-04-08", licenseRequired: false, rule: nil,
            source: "NVIDIA 8-K 2025-04-15: letter of 2025-04-09"),
        .init(
            chip: "H20", destination: "Hong Kong", date: "2025-06-01", licenseRequired: true,
            rule: "NVIDIA-H20-LETTER-2025", source: "NVIDIA 8-K 2025-04-15 (China incl. Hong Kong)"),
        .init(
            chip: "H200", destination: "Hong Kong", date: "2026-02-01", exportedFrom: "US", licenseRequired: true,
            rule: "CBC-2026-01", source: "91 FR 1684 names China"),
        // Macau is not folded: the 2022 rule named China only; Macau's own rule came on 2023-01-18.
        .init(
            chip: "A100", destination: "Macau", date: "2022-11-01", licenseRequired: false, rule: nil,
            source: "87 FR 62186 names China only"),
        .init(
            chip: "A100", destination: "Macau", date: "2023-02-01", licenseRequired: true, rule: "AC-2023-MACAU",
            source: "88 FR 2821"),
    ]

    @Test(arguments: rows)
    func hongKongIsDecidedAsChina(_ row: Row) throws {
        let engine = Self.engine
        let asked = try engine.countries.country(row.destination)
        let result = engine.check(
            ExportQuestion(
                item: try engine.item(chip: row.chip), destination: asked, date: try CalendarDay(row.date),
                exportedFrom: row.exportedFrom))
        #expect(result.licenseRequired == row.licenseRequired, "\(row): \(result.reasons)")
        #expect(result.rule == row.rule, "\(row)")
        // The answer keeps the destination asked about and says why it was decided as China.
        #expect(result.destination.iso2 == asked.iso2)
        if asked.iso2 == "HK" {
            #expect(result.reasons.first?.contains("Hong Kong is decided as China") == true, "\(result.reasons)")
            #expect(result.citations.first == "85 FR 45998; 85 FR 83765 (FR Doc 2020-28101)")
        } else {
            #expect(!result.reasons.contains { $0.contains("decided as") })
        }
    }

    /// The folding has dates: before 2020-07-31 Hong Kong is its own destination with no groups; from then on
    /// its groups are China's, and a timeline of a Hong Kong question changes where a China question does.
    @Test func theFoldingIsDatedAndGroupsFollowIt() throws {
        let countries = Self.engine.countries
        #expect(countries.treatment(of: "HK", on: try CalendarDay("2020-07-30")) == nil)
        #expect(countries.treatment(of: "HK", on: try CalendarDay("2020-07-31"))?.treatedAs == "CN")
        #expect(countries.groups(of: "HK", on: try CalendarDay("2020-07-30")).isEmpty)
        let day = try CalendarDay("2024-06-01")
        #expect(Set(countries.groups(of: "HK", on: day)) == Set(countries.groups(of: "CN", on: day)))
        #expect(countries.groups(of: "HK", on: day).contains("D:5"))
        #expect(countries.groups(of: "MO", on: day) != countries.groups(of: "CN", on: day))
        let engine = Self.engine
        func timeline(_ destination: String) throws -> [String] {
            engine.timeline(
                ExportQuestion(
                    item: try engine.item(chip: "H100"), destination: try countries.country(destination),
                    date: try CalendarDay("2020-01-01")),
                from: try CalendarDay("2020-01-01")
            ).map { "\($0.from) \($0.determination.licenseRequired)" }
        }
        let china = try timeline("China")
        let hongKong = try timeline("Hong Kong")
        #expect(hongKong.map { $0.split(separator: " ").last } == china.map { $0.split(separator: " ").last })
    }
}
