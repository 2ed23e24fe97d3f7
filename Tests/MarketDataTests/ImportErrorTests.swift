import AIKitTesting
import Foundation
import MarketData
import Testing

/// Bad inputs: each gives `file:line: what is wrong` and leaves the store exactly as it was.
@Suite struct ImportErrorTests {
    static let header = "Date,Open,High,Low,Close,Volume\n"
    static let good = "2025-01-24,147.9831,148.5816,141.5101,142.2481,234657600\n"

    /// Imports `text` as NVDA.csv into a store that already holds the long fixture; returns the error message
    /// after checking nothing changed.
    func rejection(_ text: String, skipBad: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        try rejection(bytes: Array(text.utf8), sourceLocation: sourceLocation)
    }

    func rejection(bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        _ = try MarketImporter(store: store).importFiles([Fixture.path("long.csv")])
        let before = try StoreSnapshot(store)
        let path = try scratch.writeBytes("NVDA.csv", bytes)
        var message = ""
        do {
            _ = try MarketImporter(store: store).importFiles([path])
            Issue.record("the import was accepted", sourceLocation: sourceLocation)
        } catch {
            message = error.description.replacingOccurrences(of: scratch.folder + "/", with: "")
        }
        #expect(try StoreSnapshot(store) == before, "the store changed", sourceLocation: sourceLocation)
        #expect(try store.integrityCheck() == "ok", sourceLocation: sourceLocation)
        return message
    }

    /// A row dated outside 1000-01-01…2999-12-31 (9999-12-31 would make `aikit update` call the symbol current
    /// for ever), in CSV, FMP JSON, Yahoo's chart (a timestamp of 9.2e18), series and events.
    @Test(arguments: [
        ("NVDA.csv", Self.header + Self.good + "9999-12-31,1,2,0.5,1,100\n"),
        ("NVDA.csv", Self.header + "0001-01-01,1,2,0.5,1,100\n" + Self.good),
        ("NVDA.json", #"[{"symbol":"NVDA","date":"9999-12-31","open":1,"high":2,"low":0.5,"close":1,"volume":5}]"#),
        (
            "NVDA.json",
            #"{"chart":{"result":[{"meta":{"symbol":"NVDA"},"timestamp":[1737729000,9200000000000000000],"#
                + #""indicators":{"quote":[{"open":[1,1],"high":[2,2],"low":[0.5,0.5],"close":[1,1],"#
                + #""volume":[5,5]}]}}],"error":null}}"#
        ),
        ("DGS10.csv", "Date,Value\n2025-01-24,4.6\n9999-12-31,4.6\n"),
        ("events.csv", "Date,Title,Tags\n9999-12-31,Doomsday,macro\n"),
    ])
    func datesOutsideTheSaneRangeAreRefused(_ name: String, _ text: String) throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let path = try scratch.write(name, text)
        let error = #expect(throws: ImportError.self) { try MarketImporter(store: store).importFiles([path]) }
        #expect(error?.description.contains("outside the dates aikit stores") == true, "\(error?.description ?? "")")
        #expect(try store.sources().isEmpty)
        #expect((try? store.bars(BarQuery(symbols: ["NVDA"])).count) ?? 0 == 0)
    }

    /// `[{},{},…]`: 3 bytes a value, each costing ~200 bytes parsed. Refused before parsing when the estimate is over
    /// the limit (a script's memory cap, or `JSONValue.defaultParseLimit`), saying how much it would take.
    @Test func aJSONDocumentWhoseParseWouldNotFitIsRefusedBeforeParsing() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let path = try scratch.write(
            "NVDA.json", "[" + Array(repeating: "{}", count: 300_000).joined(separator: ",") + "]")
        var options = ImportOptions()
        options.memoryLimit = 16 * 1_048_576
        let error = #expect(throws: ImportError.self) {
            try MarketImporter(store: store, options: options).importFiles([path])
        }
        let message = error?.description ?? ""
        #expect(message.contains("NVDA.json: too large to import: it holds about 300001 JSON values"), "\(message)")
        #expect(message.contains("more than the 16 MB allowed"), "\(message)")
        // Without a limit it is parsed (and refused for what it is, not for its size).
        let plain = #expect(throws: ImportError.self) { try MarketImporter(store: store).importFiles([path]) }
        #expect(plain?.description.contains("cannot tell which FMP endpoint") == true)
    }

    @Test func missingCloseColumn() throws {
        let message = try rejection("Date,Open,High,Low,Volume\n2025-01-24,1,2,0.5,100\n")
        #expect(message.hasPrefix("NVDA.csv:1: no Close column"))
    }

    @Test func extraColumn() throws {
        let message = try rejection("Date,Open,High,Low,Close,Volume,Comment\n2025-01-24,1,2,0.5,1.5,100,x\n")
        #expect(message.hasPrefix("NVDA.csv:1: unexpected column 'Comment' for bars"))
    }

    @Test func rowWithTooManyFields() throws {
        #expect(
            try rejection(Self.header + Self.good + "2025-01-27,1,2,0.5,1.5,100,7\n")
                == "NVDA.csv:3: 7 fields, but the header has 6")
    }

    @Test func unparseableNumber() throws {
        #expect(
            try rejection(Self.header + Self.good + "2025-01-27,1,2,0.5,1.5O,100\n")
                == "NVDA.csv:3: Close: '1.5O' is not a number")
    }

    @Test func unparseableDate() throws {
        let message = try rejection(Self.header + "2025-13-01,1,2,0.5,1.5,100\n")
        #expect(message.hasPrefix("NVDA.csv:2: Date: cannot read the date '2025-13-01'"))
    }

    @Test func negativeVolume() throws {
        #expect(try rejection(Self.header + "2025-01-27,1,2,0.5,1.5,-100\n") == "NVDA.csv:2: Volume -100.0 is negative")
    }

    @Test func highBelowLow() throws {
        #expect(try rejection(Self.header + "2025-01-27,1,0.5,2,1.5,100\n") == "NVDA.csv:2: High 0.5 is below Low 2.0")
    }

    @Test func duplicateRowsInOneFile() throws {
        #expect(
            try rejection(Self.header + Self.good + "2025-01-27,1,2,0.5,1.5,100\n" + Self.good)
                == "NVDA.csv:4: duplicate row for NVDA at 2025-01-24 (first at NVDA.csv:2)")
    }

    @Test func emptyFileAndHeaderOnly() throws {
        #expect(try rejection("") == "NVDA.csv: the file is empty")
        #expect(try rejection(Self.header) == "NVDA.csv: no data rows after the header")
    }

    @Test func aBadFileRejectsTheGoodFilesOfTheSameImport() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let bad = try scratch.write("BAD.csv", Self.header + "2025-01-27,1,0.5,2,1.5,100\n")
        #expect(throws: ImportError.self) {
            try MarketImporter(store: store).importFiles([Fixture.path("nvda.us.txt"), bad])
        }
        #expect(try store.bars(BarQuery()).count == 0)
        #expect(try store.securities().isEmpty)
    }

    @Test func multiMegabyteLineIsAClearErrorNotACrash() throws {
        let huge = String(repeating: "9", count: 5 << 20)
        let message = try rejection(Self.header + "2025-01-27,1,2,0.5,\(huge)x,100\n")
        #expect(message.hasPrefix("NVDA.csv:2: Close: '9999999999"))
        #expect(message.hasSuffix("(5242881 bytes)' is not a number"))
    }

    @Test func unclosedQuote() throws {
        #expect(
            try rejection(Self.header + "\"2025-01-27,1,2,0.5,1.5,100\n")
                == "NVDA.csv:2: a quoted field is not closed (a closing \" is missing before the end of the file)")
    }

    @Test func notJSON() throws {
        let message = try rejection("[{\"date\": \"2025-01-27\", \"close\": 1,}")
        #expect(message.hasPrefix("NVDA.csv: not valid JSON"))
    }

    @Test func jsonRowErrorsNameTheirPath() throws {
        let message = try rejection(
            """
            [{"symbol": "NVDA", "date": "2025-01-27", "open": 1, "high": 0.5, "low": 2, "close": 1.5, "volume": 10}]
            """)
        #expect(message == "NVDA.csv: [0]: high 0.5 is below low 2.0")
    }

    @Test func byteOrderMarkAndQuotedFieldsAreAccepted() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let path = try scratch.writeBytes(
            "NVDA.csv",
            [0xEF, 0xBB, 0xBF]
                + Array(
                    ("\"Date\",Open,High,Low,Close,Volume\r\n"
                        + "2025-01-24,\"147.9831\",148.5816,141.5101,142.2481,234657600\r\n").utf8))
        _ = try MarketImporter(store: store).importFiles([path])
        #expect(try store.bars(BarQuery(symbols: ["NVDA"])).doubleColumn("open") == [147.9831])
    }

    @Test func skipBadReportsAndSkipsRows() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let path = try scratch.write(
            "NVDA.csv",
            Self.header + Self.good + "2025-01-27,1,0.5,2,1.5,100\n"
                + "2025-01-28,121.4924,128.6637,115.9469,128.6537,579666400\n" + Self.good)
        let report = try MarketImporter(store: store, options: ImportOptions(skipBad: true)).importFiles([path])
        let file = report.files[0]
        #expect(file.rows == 2 && file.skippedCount == 2)
        #expect(
            file.skipped.map { $0.replacingOccurrences(of: scratch.folder + "/", with: "") } == [
                "NVDA.csv:3: High 0.5 is below Low 2.0",
                "NVDA.csv:5: duplicate row for NVDA at 2025-01-24 (first at NVDA.csv:2)",
            ])
    }

    @Test func unknownSymbolsInQueriesSuggestTheClosest() throws {
        let store = try SQLiteMarketStore(path: ":memory:")
        _ = try MarketImporter(store: store).importFiles([Fixture.path("long.csv")])
        let error = #expect(throws: StoreError.self) { try store.bars(BarQuery(symbols: ["NVDAA"])) }
        #expect(error?.kind == .unknownSymbol)
        #expect(error?.description == "no 1d bars for 'NVDAA' in :memory:; did you mean NVDA?")
    }

    @Test func unsortedSpansLargerThanTheWindowAreRefusedNotMergedSilently() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        var options = ImportOptions()
        options.windowRows = 2
        let path = try scratch.write(
            "NVDA.csv",
            Self.header + """
                2025-01-24,1,2,0.5,1.5,100
                2025-01-28,1,2,0.5,1.5,100
                2025-01-27,1,2,0.5,1.5,100
                2025-01-29,1,2,0.5,1.5,100

                """)
        let store = try scratch.store()
        #expect(throws: ImportError.self) { try MarketImporter(store: store, options: options).importFiles([path]) }
        #expect(try store.bars(BarQuery()).count == 0)
    }
}
