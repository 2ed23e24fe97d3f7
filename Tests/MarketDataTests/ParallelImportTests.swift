import Foundation
import Testing

@testable import Frames
@testable import MarketData

/// Large CSV files are parsed on several threads in rounds; the result and the error lines must not depend on it.
@Suite struct ParallelImportTests {
    /// A long CSV of synthetic bars (test data), about 12 MB, with `bad` replacing one row's close when given;
    /// with `quoted`, every tenth symbol is written in quotes.
    func file(_ scratch: ImportScratch, bad: Int? = nil, badText: String = "1.2.3", quoted: Bool = false) throws
        -> String
    {
        var text = "Symbol,Date,Open,High,Low,Close,Volume\n"
        var line = 1
        for symbol in 0..<40 {
            for day in 0..<8_000 {
                line += 1
                let close = line == bad ? badText : String(100 + Double(day % 500) / 8)
                let name = quoted && day % 10 == 0 ? "\"S\(symbol)\"" : "S\(symbol)"
                text += "\(name),\(MarketTime.format(Int64(day) * 86_400)),100,110,90,\(close),\(1000 + day)\n"
            }
        }
        return try scratch.write("long.csv", text)
    }

    func importing(_ path: String, threads: Int, into store: SQLiteMarketStore) throws -> ImportReport {
        var options = ImportOptions()
        options.threads = threads
        options.parallelMinimumBytes = 1 << 20  // the 12 MB test files take the parallel path,
        options.parallelRoundBytes = 1 << 20  // in a dozen rounds
        return try MarketImporter(store: store, options: options).importFiles([path])
    }

    @Test func parallelAndSequentialImportsAgree() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = try file(scratch)
        let sequential = try scratch.store("one.sqlite")
        let parallel = try scratch.store("two.sqlite")
        let a = try importing(path, threads: 1, into: sequential)
        let b = try importing(path, threads: 3, into: parallel)
        #expect(a.rows == 320_000 && a == b)
        #expect(try StoreSnapshot(sequential) == StoreSnapshot(parallel))
    }

    @Test func quotedFieldsOnOneLineAreFineAndUnclosedOnesAreRejected() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = try file(scratch, quoted: true)
        let sequential = try scratch.store("one.sqlite")
        let parallel = try scratch.store("two.sqlite")
        let a = try importing(path, threads: 1, into: sequential)
        let b = try importing(path, threads: 2, into: parallel)
        #expect(a.rows == 320_000 && a == b)
        #expect(try StoreSnapshot(sequential) == StoreSnapshot(parallel))
        let broken = try file(scratch, bad: 200_002, badText: "\"101")
        #expect(
            throws: ImportError.row(
                broken, 200_002, "a quoted field is not closed on its line (bar files need one row per line)")
        ) {
            try importing(broken, threads: 2, into: try scratch.store("three.sqlite"))
        }
    }

    @Test func errorLinesAreTheFilesWhicheverThreadFindsThem() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = try file(scratch, bad: 250_001)
        for threads in [1, 2, 3] {
            let store = try scratch.store("t\(threads).sqlite")
            #expect(throws: ImportError.row(path, 250_001, "Close: '1.2.3' is not a number")) {
                try importing(path, threads: threads, into: store)
            }
            #expect(try store.bars(BarQuery()).count == 0)
        }
    }
}
