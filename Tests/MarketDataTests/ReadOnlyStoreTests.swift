import Foundation
import Testing

@testable import MarketData

/// A store opened read-only (as one this process cannot write is) answers queries and refuses writes saying so,
/// without having written anything on opening.
@Suite struct ReadOnlyStoreTests {
    @Test func aReadOnlyStoreIsReadAndRefusesWritesSayingWhy() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = scratch.path("market.sqlite")
        let writable = try SQLiteMarketStore(path: path)
        _ = try MarketImporter(store: writable).importFiles([Fixture.path("long.csv")])
        try writable.checkpoint()
        let before = try StoreSnapshot(writable)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

        let store = try SQLiteMarketStore(path: path, readOnly: true)
        #expect(store.readOnlyReason == "it was opened read-only")
        #expect(try StoreSnapshot(store) == before)
        #expect(try store.integrityCheck() == "ok")
        #expect(throws: ImportError.store(.readOnly(path, "it was opened read-only"))) {
            try MarketImporter(store: store).importFiles([Fixture.path("nvda.us.txt")])
        }
        #expect(
            ImportError.store(.readOnly(path, "it was opened read-only")).description
                == "market store \(path) is read-only: it was opened read-only")
        #expect(try StoreSnapshot(store) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aReadOnlyStoreOfTheFirstSchemaIsStillRead() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = scratch.path("v1.sqlite")
        do {
            let store = try SQLiteMarketStore(path: path)
            _ = try store.write { writer in
                try writer.upsert(series: "S", times: [0], values: [1])
            }
        }
        // Back to schema 1, as an aikit before `sources` made it.
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("DROP TABLE datasets; DROP TABLE sources; PRAGMA user_version = 1;")
        }
        let store = try SQLiteMarketStore(path: path, readOnly: true)
        #expect(try store.series("S", from: nil, to: nil).count == 1)
        #expect(try store.sources().isEmpty)
        #expect(try store.dataSets().isEmpty)
        // Opened for writing, it is migrated.
        #expect(try SQLiteMarketStore(path: path).sources().isEmpty)
    }

    @Test func aReadOnlyOpenOfAFileThatIsNotAStoreYetIsAnError() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = try scratch.writeBytes("empty.sqlite", [])
        #expect(
            throws: StoreError.readOnly(
                path,
                "it was opened read-only, and its schema (version 0) needs an "
                    + "upgrade to 3 before it can be read")
        ) {
            try SQLiteMarketStore(path: path, readOnly: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func theWritableStoreIsNotReadOnly() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        #expect(try scratch.store().readOnlyReason == nil)
    }
}
