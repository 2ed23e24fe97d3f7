public import ResourceLocation

/// The bundled sample: real daily bars of 32 AI-related stocks, ETFs and indexes, 2024-12-02..2025-02-28 (see
/// `Resources/sample/SOURCES.md`), with securities, events and the sector-ETF proxy of sector performance.
public enum MarketSample {
    /// The folder holding the sample files, found by `ResourceLocator`: `AIKIT_SAMPLE_DIR`, `share/aikit/sample`
    /// beside the executable's folder, a development build's checkout, or `/usr/share/aikit/sample`.
    public static func directory(locator: ResourceLocator = ResourceLocator()) throws(StoreError) -> String {
        do {
            return try locator.folder(of: .sample)
        } catch {
            throw .failure(.cannotOpen, error.description)
        }
    }

    /// A private in-memory store loaded with the sample (a few milliseconds): the folder imported as
    /// `aikit import FOLDER` imports it (its wide sector file as the sector-ETF proxy, `SectorETFProxy`).
    public static func open() throws -> SQLiteMarketStore {
        let store = try SQLiteMarketStore(path: ":memory:")
        _ = try MarketImporter(store: store).importFiles([try directory()])
        return store
    }
}
