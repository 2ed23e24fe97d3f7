import AIKitTesting
import Frames
import MarketData
import MarketFeeds
import Testing

/// Every provider's documented response shape, fetched from the local server into a store, checked against the
/// bundled sample's own values.
@Suite(.enabled(if: providerServerMissing == nil, "needs python3 for the local provider server"))
struct ProviderShapeTests {
    @Test func fmpPricesMatchTheSampleAndRecordTheirSource() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("fmp", "prices", ["NVDA", "AMD"], from: "2025-01-21", to: "2025-01-31")
        #expect(outcomes.map(\.status) == [.added, .added])
        let closes = try fixture.closes("NVDA")
        #expect(closes.count == 9)
        #expect(closes["2025-01-24"] == 142.2481)
        #expect(closes["2025-01-27"] == 118.1112)
        let volumes = try fixture.store.bars(BarQuery(symbols: ["NVDA"])).doubles("volume")
        #expect(volumes.contains(818_830_900))
        let sources = try fixture.store.sources()
        #expect(sources.map(\.id) == ["AMD", "NVDA"])
        #expect(sources.allSatisfy { $0.provider == "fmp" && $0.dataset == "prices" && $0.kind == "bars" })
    }

    @Test func fmpAdjustedJoinsTheDividendAdjustedCloseToThePrices() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("fmp", "adjusted", ["NVDA"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes.first?.status == .added, "\(outcomes.first?.message ?? "")")
        let bars = try fixture.store.bars(BarQuery(symbols: ["NVDA"]))
        #expect(try bars.doubles("adj_close") == [142.2481, 118.1112, 128.6537])
        #expect(try bars.doubles("close") == [142.2481, 118.1112, 128.6537])
        #expect(
            try fixture.requests.map(\.path) == [
                "/fmp/stable/historical-price-eod/full", "/fmp/stable/historical-price-eod/dividend-adjusted",
            ])
        // Both answers are cached: the second fetch makes no request.
        let again = try fixture.fetch("fmp", "adjusted", ["NVDA"], from: "2025-01-24", to: "2025-01-28")
        #expect(again.first?.fromCache == true)
        #expect(try fixture.requests.count == 2)
    }

    @Test func fmpSectorsCoverEverySectorByDefault() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch(
            "fmp", "sectors", [], from: "2025-01-27", to: "2025-01-27",
            parameters: ["exchange": "NASDAQ"])
        #expect(outcomes.count == FMPProvider.sectors.count)
        #expect(outcomes.allSatisfy { $0.status == .added })
        let frame = try fixture.store.sectors(SectorQuery(sectors: ["Technology"], exchange: "NASDAQ"))
        #expect(try frame.doubles("average_change") == [-4.9018])  // XLK on 2025-01-27 in the sample
        let sources = try fixture.store.sources()
        #expect(sources.count == 11 && sources.allSatisfy { $0.parameters == "exchange=NASDAQ" })
    }

    @Test func fmpSnapshotAndProfile() throws {
        let fixture = try FetchFixture()
        let snapshot = try fixture.fetch("fmp", "sector-snapshot", [], to: "2025-01-27")
        #expect(snapshot.first?.report?.rows == 11)
        let profile = try fixture.fetch("fmp", "profile", ["NVDA"])
        #expect(profile.first?.status == .added)
        let nvda = try fixture.store.securities().first { $0.symbol == "NVDA" }
        #expect(nvda?.name == "NVIDIA Corporation" || nvda?.name?.hasPrefix("NVIDIA") == true)
        #expect(nvda?.exchange == "NASDAQ")
        #expect(nvda?.currency == "USD")
    }

    @Test func yahooChartKeepsBarsAndDividendsAsEvents() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("yahoo", "prices", ["NVDA"], from: "2024-12-02", to: "2024-12-10")
        #expect(outcomes.first?.status == .added)
        let closes = try fixture.closes("NVDA")
        #expect(closes.count == 7)
        #expect(closes["2024-12-02"] == 138.2590)  // the 14:30 UTC open stamps land on their New York day
        let events = try fixture.store.events(EventQuery(tag: "dividend"))
        #expect(events.count == 1)
        if case .text(let titles)? = events["title"] { #expect(titles == ["NVDA dividend 0.01"]) }
        #expect(try events.times().map(MarketTime.formatDate) == ["2024-12-05"])
        // The split is outside this range: not reported.
        #expect(try fixture.store.events(EventQuery(tag: "split")).count == 0)
    }

    @Test func stooqCSVUnderTheUsersSymbol() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("stooq", "prices", ["msft"], from: "2025-02-03", to: "2025-02-07")
        #expect(outcomes.first?.status == .added)
        #expect(try fixture.closes("MSFT").count == 5)
        let request = try fixture.requests.last { $0.path.hasPrefix("/stooq") }
        #expect(request?.query["s"] == "msft.us")
        #expect(request?.query["d1"] == "20250203")
    }

    @Test func fredObservationsWithMissingValues() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("fred", "series", ["SP500"], from: "2024-12-23", to: "2024-12-27")
        #expect(outcomes.first?.status == .added)
        let frame = try fixture.store.series("SP500", from: nil, to: nil)
        #expect(
            try frame.times().map(MarketTime.formatDate) == [
                "2024-12-23", "2024-12-24", "2024-12-25", "2024-12-26", "2024-12-27",
            ])
        let values = try frame.doubles("value")
        #expect(values[2].isNaN)  // Christmas: FRED's "." is a missing value
        #expect(values[1] == 6040.04)  // ^GSPC's close on 2024-12-24 in the sample
    }

    @Test(
        .enabled(
            if: PostgresServer.shared.conninfo != nil,
            "needs a PostgreSQL server (Scripts/setup.sh --for-tests installs one)"))
    func everyProviderIntoPostgreSQL() throws {
        let conninfo = try #require(try PostgresServer.shared.freshDatabase())
        let fixture = try FetchFixture(store: try PostgresMarketStore(conninfo: conninfo))
        #expect(
            try fixture.fetch("fmp", "prices", ["NVDA"], from: "2025-01-24", to: "2025-01-28").first?.status == .added)
        #expect(
            try fixture.fetch("fmp", "sectors", ["Technology"], from: "2025-01-27", to: "2025-01-27").first?.status
                == .added)
        #expect(
            try fixture.fetch("yahoo", "prices", ["AMD"], from: "2025-01-24", to: "2025-01-28").first?.status == .added)
        #expect(
            try fixture.fetch("stooq", "prices", ["AVGO"], from: "2025-01-24", to: "2025-01-28").first?.status == .added
        )
        #expect(
            try fixture.fetch("fred", "series", ["NASDAQCOM"], from: "2025-01-24", to: "2025-01-28").first?.status
                == .added)
        #expect(try fixture.fetch("fmp", "profile", ["NVDA"]).first?.status == .added)
        #expect(
            try fixture.fetch("fmp", "adjusted", ["MU"], from: "2025-01-24", to: "2025-01-28").first?.status == .added)
        #expect(try fixture.fetch("fmp", "sector-snapshot", [], to: "2025-01-27").first?.report?.rows == 11)
        #expect(try fixture.closes("NVDA")["2025-01-27"] == 118.1112)
        #expect(
            try fixture.store.sources().map(\.id) == [
                "AMD", "AVGO", "MU", "NVDA", "Basic Materials", "Communication Services", "Consumer Cyclical",
                "Consumer Defensive", "Energy", "Financial Services", "Healthcare", "Industrials", "Real Estate",
                "Technology",
                "Utilities", "NVDA", "NASDAQCOM",  // by kind: bars, sectors, securities, series
            ])
        #expect(try fixture.store.securities().first { $0.symbol == "NVDA" }?.exchange == "NASDAQ")
        // A reference data set round-trips through the PostgreSQL store too.
        let set = StoredDataSet(
            name: "pack", kind: "rules", asOf: "2026-11-30", source: "pack.json", storedAt: 1,
            content: Array("{\"rules\": []}".utf8) + [0, 255])
        try fixture.store.write { writer in try writer.put(set) }
        #expect(try fixture.store.dataSets() == [set])
        // Fetching again changes nothing.
        let again = try fixture.fetch("fmp", "prices", ["NVDA"], from: "2025-01-24", to: "2025-01-28")
        #expect(again.first?.status == .unchanged)
    }
}
