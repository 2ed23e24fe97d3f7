internal import Foundation

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
        for base in [Bundle.main.bundleURL, executable] {
            candidates.append(base.appendingPathComponent("aikit_MarketData.resources/sample").path)
            candidates.append(base.appendingPathComponent("aikit_MarketData.resources/Resources/sample").path)
        }
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Resources/sample").path)
        for candidate in candidates
        where FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("NVDA.csv")) {
            return candidate
        }
        throw .invalid("the bundled sample data is missing (looked in \(candidates.joined(separator: ", "))); "
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
        let bars = files.filter { $0.hasSuffix(".csv") && $0 != "sector_daily_pct_change.csv"
            && $0 != "securities.csv" && $0 != "events.csv" }.sorted()
        let paths = (["securities.csv", "events.csv"] + bars).map { (folder as NSString).appendingPathComponent($0) }
        _ = try MarketImporter(store: store).importFiles(paths)
        let sectors = try sectorProxy((folder as NSString).appendingPathComponent("sector_daily_pct_change.csv"))
        _ = try store.write { writer in try writer.upsert(sectors: sectors) }
        return store
    }

    static func sectorProxy(_ path: String) throws -> [SectorPerformance] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",").map(String.init), header.first == "Date" else {
            throw StoreError.invalid("\(path): expected a header Date,XLK,…")
        }
        var rows: [SectorPerformance] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, let time = MarketTime.parse(fields[0]) else {
                throw StoreError.invalid("\(path):\(offset + 2): expected \(header.count) fields starting with a date")
            }
            for (etf, value) in zip(header.dropFirst(), fields.dropFirst()) {
                guard let sector = sectorETFs[etf], let change = Double(value) else { continue }
                rows.append(SectorPerformance(
                    time: time, sector: "\(sector) (\(etf))", exchange: "SPDR ETF proxy", averageChange: change))
            }
        }
        return rows
    }
}
