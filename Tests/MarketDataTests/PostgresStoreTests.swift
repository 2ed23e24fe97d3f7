import AIKitTesting
import Foundation
import Frames
import MarketData
import Testing

/// The PostgreSQL backend behind the same protocol: what it holds after the same imports equals the SQLite store's,
/// imports stay idempotent and atomic, and the analytics cannot tell the two apart.
@Suite(
    .serialized,
    .enabled(
        if: PostgresServer.shared.conninfo != nil,
        "needs a PostgreSQL server (Scripts/setup.sh --for-tests installs one)"))
struct PostgresStoreTests {
    /// A store on a fresh database.
    func store() throws -> PostgresMarketStore {
        try PostgresMarketStore(conninfo: try #require(try PostgresServer.shared.freshDatabase()))
    }

    static let fixtures = [
        "long.csv", "eod.json", "price_full.json", "bulk.txt", "NVDA.yahoo.csv", "nvda.us.txt",
        "sector_performance.json", "sectors_legacy.json",
    ]

    @Test func importsMatchTheSQLiteStore() throws {
        let postgres = try store()
        let sqlite = try SQLiteMarketStore(path: ":memory:")
        let paths = Self.fixtures.map(Fixture.path)
        let a = try MarketImporter(store: sqlite).importFiles(paths)
        let b = try MarketImporter(store: postgres).importFiles(paths)
        #expect(a == b)
        #expect(try StoreSnapshot(postgres) == StoreSnapshot(sqlite))
        #expect(try postgres.symbols() == sqlite.symbols())
        #expect(try postgres.integrityCheck() == "ok")
        let again = try MarketImporter(store: postgres).importFiles(paths)
        #expect(again.counts.inserted == 0 && again.counts.updated == 0)
    }

    @Test func theSampleAndItsEventStudyAreTheSame() throws {
        let postgres = try store()
        let folder = try MarketSample.directory()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".csv") && $0 != "sector_daily_pct_change.csv" }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
        _ = try MarketImporter(store: postgres).importFiles(files)
        let sample = try MarketSample.open()
        let query = BarQuery(symbols: ["NVDA", "SPY", "^SOX"], from: day("2024-12-15"), to: day("2025-02-10"))
        #expect(try postgres.bars(query) == sample.bars(query))
        let bars = try postgres.bars(BarQuery(symbols: ["NVDA", "SPY"]))
        let study = try EventStudy(
            bars: bars, symbols: ["NVDA"], benchmark: "SPY", event: day("2025-01-27"),
            window: -5...5, estimation: -30 ... -6)
        let reference = try EventStudy(
            bars: try sample.bars(BarQuery(symbols: ["NVDA", "SPY"])), symbols: ["NVDA"],
            benchmark: "SPY", event: day("2025-01-27"), window: -5...5, estimation: -30 ... -6)
        #expect(study.summary == reference.summary)
        #expect(try postgres.events(EventQuery(tag: "deepseek")).count == 3)
    }

    @Test func aBadImportLeavesThePostgresStoreUnchanged() throws {
        let postgres = try store()
        _ = try MarketImporter(store: postgres).importFiles([Fixture.path("long.csv")])
        let before = try StoreSnapshot(postgres)
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let bad = try scratch.write("BAD.csv", "Date,Open,High,Low,Close,Volume\n2025-01-27,1,0.5,2,1.5,100\n")
        #expect(throws: ImportError.self) {
            try MarketImporter(store: postgres).importFiles([Fixture.path("nvda.us.txt"), bad])
        }
        #expect(try StoreSnapshot(postgres) == before)
        let unknown = #expect(throws: StoreError.self) { try postgres.bars(BarQuery(symbols: ["NVDAA"])) }
        #expect(unknown?.kind == .unknownSymbol)
        #expect(unknown?.description == "no 1d bars for 'NVDAA' in \(postgres.location); did you mean NVDA?")
    }

    @Test func connectionErrorsSayWhereAndHideThePassword() {
        #expect(throws: StoreError.self) {
            try PostgresMarketStore(conninfo: "postgresql://aikit:secret@127.0.0.1:1/nowhere?connect_timeout=2")
        }
        do {
            _ = try PostgresMarketStore(conninfo: "postgresql://aikit:secret@127.0.0.1:1/nowhere?connect_timeout=2")
        } catch {
            #expect(!"\(error)".contains("secret"))
            #expect("\(error)".contains("postgresql://aikit@127.0.0.1:1/nowhere"))
        }
    }
}
