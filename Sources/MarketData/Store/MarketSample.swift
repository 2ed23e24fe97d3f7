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

    /// A private in-memory store loaded with the sample (a few milliseconds): the folder imported as
    /// `aikit import FOLDER` imports it (its wide sector file as the sector-ETF proxy, `SectorETFProxy`).
    public static func open() throws -> SQLiteMarketStore {
        let store = try SQLiteMarketStore(path: ":memory:")
        _ = try MarketImporter(store: store).importFiles([try directory()])
        return store
    }
}
