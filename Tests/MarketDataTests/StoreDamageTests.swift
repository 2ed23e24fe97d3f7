import AIKitTesting
import Testing

@testable import MarketData

/// A store file edited by hand or damaged on disk: every count and length read from it is checked against the bytes
/// it describes before anything is allocated, so damage is a "market store is damaged" error, never a crash.
@Suite struct StoreDamageTests {
    /// A store holding two NVDA bars, with `sql` then run on it directly; returns the error of reading its bars.
    func damage(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let file = try scratch.write(
            "NVDA.csv",
            ImportErrorTests.header + ImportErrorTests.good
                + "2025-01-27,1,2,0.5,1.5,100\n")
        _ = try MarketImporter(store: store).importFiles([file])
        try store.db.execute(sql)
        #expect(try store.integrityCheck() != "ok", "check() found nothing wrong", sourceLocation: sourceLocation)
        do {
            let frame = try store.bars(BarQuery())
            Issue.record("a damaged store read as \(frame.count) rows", sourceLocation: sourceLocation)
            return ""
        } catch {
            return error.description
        }
    }

    @Test(arguments: ["4611686018427387904", "2147483647", "-1", "9223372036854775807"])
    func aRowCountBeyondTheSegmentsIsDamage(rows: String) throws {
        let message = try damage("UPDATE bar_segments SET rows = \(rows)")
        #expect(message.hasPrefix("market store is damaged: "), "\(message)")
    }

    @Test func aRowCountBelowTheSegmentIsDamage() throws {
        #expect(
            try damage("UPDATE bar_segments SET rows = 1") == "market store is damaged: segment row counts disagree")
    }

    @Test func aSegmentHeaderClaimingMoreRowsThanItsBytesIsDamage() throws {
        // Bytes 4…7 of a segment are its row count (little-endian): 0x40000000 rows in a few dozen bytes.
        let message = try damage(
            """
            UPDATE bar_segments SET data = substr(data, 1, 4) || x'00000040' || substr(data, 9)
            """)
        #expect(message.hasPrefix("market store is damaged: a bar segment claims 1073741824 rows in "), "\(message)")
    }

    @Test(
        .enabled(if: PostgresServer.shared.conninfo != nil, "needs a PostgreSQL server (Scripts/setup.sh --for-tests)"),
        arguments: ["2147483647", "-1"])
    func aPostgresRowCountBeyondTheSegmentsIsDamage(rows: String) throws {
        let conninfo = try #require(try PostgresServer.shared.freshDatabase())
        let store = try PostgresMarketStore(conninfo: conninfo)
        _ = try MarketImporter(store: store).importFiles([Fixture.path("long.csv")])
        try store.connection.execute("UPDATE bar_segments SET rows = \(rows)")
        #expect(throws: StoreError.self) { try store.bars(BarQuery()) }
        do {
            _ = try store.bars(BarQuery())
        } catch {
            #expect(error.description.hasPrefix("market store is damaged: "), "\(error)")
        }
        #expect(try store.integrityCheck().hasSuffix("its row count disagrees with its data"))
    }

    @Test func aTimeColumnWithANumberEncodingIsDamage() throws {
        var bars = BarColumns()
        bars.append(time: 86_400, open: 1, high: 2, low: 0.5, close: 1.5, adjClose: .nan, volume: 10)
        var blob = BarSegment.encode(bars)
        blob[16] = SegmentCodec.Kind.missing.rawValue
        #expect(throws: StoreError.corrupt("a bar segment's time column has a number encoding")) {
            try blob.withUnsafeBytes { try BarSegment.decode($0) }
        }
    }
}
