import Foundation
import MarketData
import Testing

/// Which locations are PostgreSQL connection strings and which are SQLite files.
@Suite struct StoreLocationTests {
    @Test(arguments: [
        "postgresql://user@db.internal/market", "postgres://db/market", "pg:host=db dbname=market", "pg:service=market",
        "host=db.internal dbname=market", "host=/tmp/aikit-pg user=aikit dbname=postgres", "dbname=market",
    ])
    func connectionStrings(location: String) {
        #expect(PostgresMarketStore.accepts(location))
    }

    @Test(arguments: [
        "/data/host=a/market.sqlite", "data/host=a.sqlite", "reports/dbname=x", "./host=x", "market.sqlite", "a",
        ":memory:", "/tmp/x dbname=y.sqlite", "=x", "colour=blue",
    ])
    func filePaths(location: String) {
        #expect(!PostgresMarketStore.accepts(location))
    }

    @Test func aPathContainingHostIsOpenedAsASQLiteFile() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = scratch.path("host=db.internal dbname=market/market.sqlite")
        let store = try MarketStores.open(path)
        #expect(store is SQLiteMarketStore)
        #expect(try store.integrityCheck() == "ok")
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
