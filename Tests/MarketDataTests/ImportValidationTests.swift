import AIKitTesting
import Foundation
import MarketData
import Testing

/// One set of value checks for every importer (CSV bars, FMP JSON, series, sectors, securities, events): numbers
/// finite, volumes whole and bounded, names non-empty and free of control characters, each error at `file:line` (or
/// the JSON path) with the store unchanged.
@Suite struct ImportValidationTests {
    let errors = ImportErrorTests()
    static let bars = "Date,Open,High,Low,Close,Volume\n"

    func rejection(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try errors.rejection(text, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("NaN", "Close: 'NaN' is not a finite number"), ("nan", "Close: 'nan' is not a finite number"),
        ("1e400", "Close: '1e400' is not a finite number"), ("-1e400", "Close: '-1e400' is not a finite number"),
        ("Infinity", "Close: 'Infinity' is not a number"), ("inf", "Close: 'inf' is not a number"),
    ])
    func nonFiniteBarPricesAreRefusedWithTheirLine(close: String, message: String) throws {
        #expect(
            try rejection(Self.bars + ImportErrorTests.good + "2025-01-27,1,2,0.5,\(close),100\n")
                == "NVDA.csv:3: \(message)")
    }

    @Test func volumesAreWholeNumbersBelowTheBound() throws {
        #expect(
            try rejection(Self.bars + "2025-01-27,1,2,0.5,1.5,1e30\n")
                == "NVDA.csv:2: Volume 1e+30 is not below 10^15 shares (the most a bar may have)")
        #expect(
            try rejection(Self.bars + "2025-01-27,1,2,0.5,1.5,100.5\n")
                == "NVDA.csv:2: Volume 100.5 is not a whole number of shares")
        #expect(
            try rejection(Self.bars + "2025-01-27,1,2,0.5,1.5,NaN\n")
                == "NVDA.csv:2: Volume: 'NaN' is not a finite number")
    }

    @Test func symbolsAreNonEmptyAndFreeOfControlCharacters() throws {
        let long = "Symbol,Date,Open,High,Low,Close,Volume\n"
        #expect(try rejection(long + ",2025-01-27,1,2,0.5,1.5,100\n") == "NVDA.csv:2: Symbol is empty")
        #expect(
            try rejection(long + "AAA,2025-01-24,1,2,0.5,1.5,100\n,2025-01-27,1,2,0.5,1.5,100\n")
                == "NVDA.csv:3: Symbol is empty")
        #expect(
            try rejection(long + "NV\u{1}DA,2025-01-27,1,2,0.5,1.5,100\n")
                == "NVDA.csv:2: Symbol 'NV?DA' contains a control character (U+0001)")
        let longName = String(repeating: "X", count: 65)
        #expect(
            try rejection(long + "\(longName),2025-01-27,1,2,0.5,1.5,100\n")
                == "NVDA.csv:2: Symbol '\(longName.prefix(40))…' is longer than 64 bytes")
    }

    static let eod = "[{\"symbol\": \"NVDA\", \"date\": \"2025-01-27\", "

    @Test(arguments: [
        (eod + "\"close\": \"NaN\"}]", "[0]: close: 'NaN' is not a finite number"),
        (eod + "\"close\": \"Infinity\"}]", "[0]: close: 'Infinity' is not a number"),
        (eod + "\"close\": 1.5, \"volume\": 100.5}]", "[0]: volume 100.5 is not a whole number of shares"),
        (
            eod + "\"close\": 1.5, \"volume\": 1e30}]",
            "[0]: volume 1e+30 is not below 10^15 shares (the most a bar may have)"
        ),
        ("[{\"symbol\": \"\", \"date\": \"2025-01-27\", \"close\": 1.5}]", "[0]: symbol is empty"),
        (
            "{\"symbol\": \"A\\tB\", \"historical\": [{\"date\": \"2025-01-27\", \"close\": 1.5}]}",
            "historical[0]: symbol 'A?B' contains a control character (U+0009)"
        ),
    ])
    func fmpJSONGetsTheSameChecks(json: String, message: String) throws {
        #expect(try rejection(json) == "NVDA.csv: " + message)
    }

    @Test(arguments: [
        ("Date,Value\n2025-01-24,1.5\n2025-01-27,1e400\n", "3: Value: '1e400' is not a finite number"),
        ("Date,Value\n2025-01-27,NaN\n", "2: Value: 'NaN' is not a finite number"),
        ("Date,Value,Series\n2025-01-27,1,\n", "2: Series is empty"),
        ("Date,Sector,AverageChange\n2025-01-27,Energy,1e400\n", "2: AverageChange: '1e400' is not a finite number"),
        ("Date,Sector,AverageChange\n2025-01-27,Energy,\n", "2: AverageChange is missing"),
        ("Date,Sector,AverageChange\n2025-01-27, ,1.5\n", "2: Sector is empty"),
        ("Symbol,Name\n,Nvidia\n", "2: Symbol is empty"),
        ("Symbol,Name\nNVDA,\"Nvidia\u{1B}[31m\"\n", "2: Name 'Nvidia?[31m' contains a control character (U+001B)"),
        (
            "Date,Title,Tags\n2025-01-27,\"Deep\u{7}Seek\",ai\n",
            "2: Title 'Deep?Seek' contains a control character (U+0007)"
        ),
        (
            "Date,Title,Tags\n2025-01-27,DeepSeek,\"ai,ch\u{7F}ips\"\n",
            "2: Tags 'ch?ips' contains a control character (U+007F)"
        ),
    ])
    func seriesSectorsSecuritiesAndEventsGetTheSameChecks(file: String, message: String) throws {
        #expect(try rejection(file) == "NVDA.csv:" + message)
    }

    @Test func theGoodFilesStillImport() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let path = try scratch.write(
            "NVDA.csv",
            Self.bars + ImportErrorTests.good + "2025-01-27,1,2,0.5,1.5,\n"
                + "2025-01-28,null,null,null,null,null\n" + "2025-01-29,1,2,0.5,1.5,999999999999999\n")
        let report = try MarketImporter(store: store).importFiles([path])
        #expect(report.rows == 3)
        #expect(try store.bars(BarQuery()).doubleColumn("volume").last == 999_999_999_999_999)
    }
}
