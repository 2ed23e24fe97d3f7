import Foundation
import Testing

@testable import Frames
@testable import MarketData

/// Yahoo chart JSON, FRED observations and FMP profiles as files: detected from the content, checked as every
/// format is, with errors at their JSON path. (Values: the bundled sample's NVDA bars and ^GSPC closes.)
@Suite struct ProviderJSONImportTests {
    let scratch: ImportScratch
    init() throws { scratch = try ImportScratch() }

    func importing(_ name: String, _ text: String, options: ImportOptions = ImportOptions()) throws
        -> (SQLiteMarketStore, ImportReport)
    {
        let store = try scratch.store()
        let path = try scratch.write(name, text)
        return (store, try MarketImporter(store: store, options: options).importFiles([path]))
    }

    static let chart = """
        {"chart": {"result": [{"meta": {"symbol": "NVDA", "currency": "USD", "instrumentType": "EQUITY",
          "exchangeName": "NMS", "gmtoffset": -18000},
          "timestamp": [1737988200, 1738074600, 1738161000],
          "events": {"dividends": {"1733409000": {"amount": 0.01, "date": 1733409000}}},
          "indicators": {"quote": [{"open": [124.4746, 121.4924, null], "high": [128.0652, 128.6637, null],
            "low": [116.3957, 115.9469, null], "close": [118.1112, 128.6537, null],
            "volume": [818830900, 579666400, null]}],
            "adjclose": [{"adjclose": [118.1112, 128.6537, null]}]}}], "error": null}}
        """

    @Test func yahooChartBarsOnTheirNewYorkDayWithEvents() throws {
        defer { scratch.remove() }
        let (store, report) = try importing("chart.json", Self.chart)
        #expect(report.files[0].format == "yahoo-chart")
        #expect(report.files[0].rows == 2)
        #expect(report.files[0].emptyRows == 1)
        let bars = try store.bars(BarQuery(symbols: ["NVDA"]))
        #expect(try bars.times().map(MarketTime.formatDate) == ["2025-01-27", "2025-01-28"])
        #expect(try bars.doubles("adj_close") == [118.1112, 128.6537])
        let events = try store.events(EventQuery(tag: "NVDA"))
        #expect(try events.times().map(MarketTime.formatDate) == ["2024-12-05"])
        #expect(try store.securities().first?.kind == "stock")
        // Twice: nothing changes (bars and the event are upserted).
        let again = try MarketImporter(store: store).importFiles([scratch.path("chart.json")])
        #expect(again.counts.inserted == 0 && again.counts.updated == 0)
    }

    @Test func yahooChartErrorsNameTheirPath() throws {
        defer { scratch.remove() }
        let short = Self.chart.replacingOccurrences(
            of: "\"close\": [118.1112, 128.6537, null]", with: "\"close\": [118.1112]")
        #expect(
            throws: ImportError.json(
                scratch.path("a.json"), "chart.result[0].indicators.quote[0].close",
                "has 1 values for 3 timestamps")
        ) { try importing("a.json", short) }
        let inverted = Self.chart.replacingOccurrences(of: "\"low\": [116.3957", with: "\"low\": [130.0")
        #expect(throws: ImportError.json(scratch.path("b.json"), "timestamp[0]", "high 128.0652 is below low 130.0")) {
            try importing("b.json", inverted)
        }
        let refused = #"{"chart": {"result": null, "error": {"code": "Not Found", "description": "No data found"}}}"#
        #expect(
            throws: ImportError.file(
                scratch.path("c.json"), "Yahoo answered with an error, not data: Not Found: No data found")
        ) {
            try importing("c.json", refused)
        }
    }

    @Test func fredObservationsWithTheFileNameAsSeries() throws {
        defer { scratch.remove() }
        let (store, report) = try importing(
            "SP500.json",
            """
            {"observations": [{"date": "2024-12-24", "value": "6040.04"}, {"date": "2024-12-25", "value": "."},
              {"date": "2024-12-26", "value": "6037.59"}]}
            """)
        #expect(report.files[0].format == "fred-observations")
        let values = try store.series("SP500", from: nil, to: nil).doubles("value")
        #expect(values.count == 3 && values[1].isNaN && values[2] == 6037.59)
        #expect(
            throws: ImportError.json(scratch.path("X.json"), "observations[1]", "observations are not in date order")
        ) {
            try importing(
                "X.json",
                #"{"observations": [{"date": "2024-12-26", "value": "1"}, {"date": "2024-12-24", "value": "2"}]}"#)
        }
        #expect(throws: ImportError.json(scratch.path("Y.json"), "observations[0]", "value: 'n.a.' is not a number")) {
            try importing("Y.json", #"{"observations": [{"date": "2024-12-26", "value": "n.a."}]}"#)
        }
    }

    @Test func fmpProfilesAreSecurities() throws {
        defer { scratch.remove() }
        let (store, report) = try importing(
            "profile.json",
            """
            [{"symbol": "SMH", "companyName": "VanEck Semiconductor ETF", "currency": "USD", "exchange": "NASDAQ",
              "industry": "Asset Management", "sector": "Financial Services", "isEtf": true, "isFund": false}]
            """)
        #expect(report.files[0].format == "fmp-profile")
        let smh = try #require(try store.securities().first)
        #expect(smh.name == "VanEck Semiconductor ETF" && smh.kind == "etf" && smh.exchange == "NASDAQ")
    }
}
