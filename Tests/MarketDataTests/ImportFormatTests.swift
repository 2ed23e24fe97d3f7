import AIKitTesting
import Foundation
import Frames
import MarketData
import Testing

/// Every documented import format, from fixtures, and idempotent re-import.
@Suite struct ImportFormatTests {
    func importing(_ names: [String], options: ImportOptions = ImportOptions()) throws -> (
        SQLiteMarketStore, ImportReport
    ) {
        let store = try SQLiteMarketStore(path: ":memory:")
        let report = try MarketImporter(store: store, options: options).importFiles(names.map(Fixture.path))
        return (store, report)
    }

    @Test func yahooCSVWithCRLFAndNullRows() throws {
        let (store, report) = try importing(["NVDA.yahoo.csv"])
        let file = try #require(report.files.first)
        #expect(file.format == "yahoo-csv")
        #expect(file.symbols == ["NVDA.YAHOO"])
        #expect(file.rows == 3 && file.emptyRows == 1)
        let bars = try store.bars(BarQuery(symbols: ["NVDA.YAHOO"]))
        #expect(bars.doubleColumn("adj_close") == [146.8362, 142.2481, 118.1112])
        #expect(bars.doubleColumn("close") == [147.22, 142.62, 118.42])
        #expect(try bars.times() == [day("2025-01-23"), day("2025-01-24"), day("2025-01-27")])
    }

    @Test func symbolOptionOverridesTheFileName() throws {
        var options = ImportOptions()
        options.symbol = "NVDA"
        let (store, _) = try importing(["NVDA.yahoo.csv"], options: options)
        #expect(try store.bars(BarQuery(symbols: ["NVDA"])).count == 3)
    }

    @Test func stooqCSVNamesTheSymbolFromTheFile() throws {
        let (store, report) = try importing(["nvda.us.txt"])
        #expect(report.files[0].format == "stooq-csv")
        let bars = try store.bars(BarQuery(symbols: ["NVDA.US"]))
        #expect(bars.doubleColumn("volume") == [155_915_500, 234_657_600, 818_830_900])
        #expect(bars.doubleColumn("adj_close").allSatisfy { $0.isNaN })
    }

    @Test func stooqBulk() throws {
        let (store, report) = try importing(["bulk.txt"])
        #expect(report.files[0].format == "stooq-bulk")
        #expect(report.files[0].symbols == ["AMD.US", "NVDA.US"])
        let bars = try store.bars(BarQuery())
        #expect(bars.stringColumn("symbol") == ["AMD.US", "AMD.US", "NVDA.US", "NVDA.US"])
        #expect(bars.doubleColumn("close") == [122.84, 115.01, 142.2481, 118.1112])
    }

    @Test func stooqBulkIntradayRowsKeepTheirTimeAndPeriod() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let path = try scratch.write(
            "intraday.txt",
            """
            <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>
            NVDA.US,5,20250127,153000,124.5,125.0,124.0,124.8,1000,0
            NVDA.US,5,20250127,153500,124.8,125.2,124.6,125.1,1200,0

            """)
        let store = try scratch.store()
        _ = try MarketImporter(store: store).importFiles([path])
        let bars = try store.bars(BarQuery(interval: "5m"))
        #expect(try bars.times() == [day("2025-01-27 15:30:00"), day("2025-01-27 15:35:00")])
        #expect(try store.bars(BarQuery()).count == 0)
    }

    @Test func longCSVWithQuotedTickers() throws {
        let (store, report) = try importing(["long.csv"])
        #expect(report.files[0].format == "long-csv")
        let bars = try store.bars(BarQuery(symbols: ["NVDA"]))
        #expect(bars.doubleColumn("close") == [142.2481, 118.1112])
        #expect(try store.bars(BarQuery(symbols: ["AMD"])).count == 2)
    }

    @Test func fmpEndOfDayListNewestFirst() throws {
        let (store, report) = try importing(["eod.json"])
        #expect(report.files[0].format == "fmp-eod")
        let bars = try store.bars(BarQuery(symbols: ["NVDA"]))
        #expect(try bars.times() == [day("2025-01-24"), day("2025-01-27")])
        #expect(bars.doubleColumn("close") == [142.2481, 118.1112])
    }

    @Test func fmpLegacyHistoricalPriceFull() throws {
        let (store, report) = try importing(["price_full.json"])
        #expect(report.files[0].format == "fmp-historical-price-full")
        let bars = try store.bars(BarQuery(symbols: ["AMD"]))
        #expect(bars.doubleColumn("adj_close") == [122.84, 115.01])
    }

    @Test func fmpHistoricalSectorPerformance() throws {
        let (store, report) = try importing(["sector_performance.json"])
        #expect(report.files[0].format == "fmp-sector-performance")
        let sectors = try store.sectors(SectorQuery(sectors: ["Technology"], from: day("2025-01-27")))
        #expect(sectors.doubleColumn("average_change") == [-4.9018])
        #expect(sectors.stringColumn("exchange") == ["NYSE"])
    }

    @Test func fmpLegacyWideSectorsPerformance() throws {
        let (store, report) = try importing(["sectors_legacy.json"])
        #expect(report.files[0].format == "fmp-sectors-performance-legacy")
        #expect(report.files[0].rows == 5)  // one null skipped
        let day27 = try store.sectors(SectorQuery(from: day("2025-01-27"), to: day("2025-01-27")))
        #expect(day27.stringColumn("sector") == ["Basic Materials", "Technology", "Utilities"])
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let store = try SQLiteMarketStore(path: ":memory:")
        let files = ["long.csv", "eod.json", "sector_performance.json"].map(Fixture.path)
        let first = try MarketImporter(store: store).importFiles(files)
        let before = try StoreSnapshot(store)
        let second = try MarketImporter(store: store).importFiles(files)
        #expect(first.counts == MergeCounts(inserted: 7, updated: 0, unchanged: 2))  // eod.json repeats long.csv's NVDA
        #expect(second.counts == MergeCounts(inserted: 0, updated: 0, unchanged: 9))
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func newValuesForExistingDatesAreUpdates() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        _ = try MarketImporter(store: store).importFiles([Fixture.path("nvda.us.txt")])
        let revised = try scratch.write(
            "nvda.us.csv",
            """
            Date,Open,High,Low,Close,Volume
            2025-01-27,124.4746,128.0652,116.3957,118.2000,818830900
            2025-01-28,121.4924,128.6637,115.9469,128.6537,579666400

            """)
        let report = try MarketImporter(store: store).importFiles([revised])
        #expect(report.counts == MergeCounts(inserted: 1, updated: 1, unchanged: 0))
        #expect(
            try store.bars(BarQuery(symbols: ["NVDA.US"])).doubleColumn("close") == [
                146.8362, 142.2481, 118.2, 128.6537,
            ])
    }

    @Test func securitiesSeriesAndEventsCSV() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let store = try scratch.store()
        let securities = try scratch.write(
            "securities.csv",
            #"""
            Symbol,Name,Kind,Sector
            NVDA,"NVIDIA Corp., ""the GPU company""",Stock,Information Technology

            """#)
        let series = try scratch.write("h100_rental.csv", "Date,Value\n2025-01-02,2.5\n2025-02-03,2.25\n")
        let events = try scratch.write(
            "events.csv",
            "Date,Title,Tags,Source\n2025-01-20,DeepSeek-R1 released,\"deepseek,model\",arXiv:2501.12948\n")
        _ = try MarketImporter(store: store).importFiles([securities, series, events])
        #expect(
            try store.securities() == [
                Security(
                    symbol: "NVDA", name: "NVIDIA Corp., \"the GPU company\"", kind: "stock",
                    sector: "Information Technology")
            ])
        #expect(try store.series("h100_rental", from: nil, to: nil).doubleColumn("value") == [2.5, 2.25])
        let found = try store.events(EventQuery(tag: "model"))
        #expect(found.stringColumn("title") == ["DeepSeek-R1 released"])
        #expect(try store.events(EventQuery(tag: "mod")).count == 0)
    }

    @Test func timestampsWithOffsetsAreStoredInUTC() {
        #expect(MarketTime.parse("2025-01-27 09:30:00-05:00") == day("2025-01-27 14:30:00"))
        #expect(MarketTime.parse("2025-01-27T14:30:00Z") == day("2025-01-27 14:30:00"))
        #expect(MarketTime.parse("20250127") == day("2025-01-27"))
        #expect(MarketTime.parse("2025-02-29") == nil)
        #expect(MarketTime.format(day("1969-12-31 23:59:59")) == "1969-12-31 23:59:59")
    }
}

@Suite struct MergeTests {
    @Test func aFileWithoutAdjustedClosesKeepsTheStoredOnes() throws {
        let store = try SQLiteMarketStore(path: ":memory:")
        _ = try MarketImporter(store: store).importFiles([Fixture.path("price_full.json")])
        let report = try MarketImporter(store: store).importFiles([Fixture.path("long.csv")])
        #expect(try store.bars(BarQuery(symbols: ["AMD"])).doubleColumn("adj_close") == [122.84, 115.01])
        #expect(report.files[0].counts == MergeCounts(inserted: 2, updated: 0, unchanged: 2))
    }
}
