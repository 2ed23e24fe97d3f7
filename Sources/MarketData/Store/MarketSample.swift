internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bundled sample: real daily bars of 32 AI-related stocks, ETFs and indexes, 2024-12-02..2025-02-28 (see
/// `Resources/sample/SOURCES.md`), with securities, events and the sector-ETF proxy of sector performance.
public enum MarketSample {
    /// The folder holding the sample files: `AIKIT_SAMPLE_DIR`, the resource bundle next to the executable, or the
    /// source checkout.
    public static func directory() throws(StoreError) -> String {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["AIKIT_SAMPLE_DIR"] { candidates.append(override) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // (SwiftPM puts the resource bundle beside the executable; Foundation's `Bundle.main` says the same folder.)
        candidates.append(executable.appendingPathComponent("aikit_MarketData.resources/sample").path)
        candidates.append(executable.appendingPathComponent("aikit_MarketData.resources/Resources/sample").path)
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Resources/sample").path)
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate + "/NVDA.csv") {
            return candidate
        }
        throw .failure(
            .cannotOpen,
            "the bundled sample data is missing (looked in \(candidates.joined(separator: ", "))); "
                + "set AIKIT_SAMPLE_DIR to the folder holding NVDA.csv")
    }

    /// Maps the sector-ETF columns of `sector_daily_pct_change.csv` to sector names.
    static let sectorETFs: [String: String] = [
        "XLK": "Information Technology", "XLC": "Communication Services", "XLY": "Consumer Discretionary",
        "XLP": "Consumer Staples", "XLE": "Energy", "XLF": "Financials", "XLV": "Health Care", "XLI": "Industrials",
        "XLB": "Materials", "XLRE": "Real Estate", "XLU": "Utilities",
    ]

    /// A private in-memory store loaded with the sample (a few milliseconds).
    public static func open() throws -> SQLiteMarketStore {
        let folder = try directory()
        let store = try SQLiteMarketStore(path: ":memory:")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let bars = files.filter {
            $0.hasSuffix(".csv") && $0 != "sector_daily_pct_change.csv"
                && $0 != "securities.csv" && $0 != "events.csv"
        }.sorted()
        let paths = (["securities.csv", "events.csv"] + bars).map { folder + "/" + $0 }
        _ = try MarketImporter(store: store).importFiles(paths)
        let sectors = try sectorProxy(folder + "/sector_daily_pct_change.csv")
        _ = try store.write { writer in try writer.upsert(sectors: sectors) }
        return store
    }

    /// The wide `Date,XLK,XLC,…` file as one sector-performance row per day and ETF.
    static func sectorProxy(_ path: String) throws -> [SectorPerformance] {
        let wide = try CSVFrameReader.read(path)
        let long = try wide.melt(
            index: "Date", name: "etf", value: "change",
            columns: wide.names.filter { sectorETFs[$0] != nil }, dropMissing: true)
        let times = try long.times("Date")
        let etfs = try long.column("etf")
        let changes = try long.doubles("change")
        return (0..<long.count).map { row in
            let etf = etfs.string(at: row) ?? ""
            return SectorPerformance(
                time: times[row], sector: "\(sectorETFs[etf] ?? etf) (\(etf))",
                exchange: "SPDR ETF proxy", averageChange: changes[row])
        }
    }
}
