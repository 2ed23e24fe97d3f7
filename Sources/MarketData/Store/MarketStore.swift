public import Frames

/// The market data store: one protocol, backends behind it (SQLite embedded; PostgreSQL for teams). Reads return
/// columnar `Frame`s, so analytics never see which backend answered.
public protocol MarketStore: AnyObject {
    /// Where the store lives (a file path or a connection string without password).
    var location: String { get }

    /// One row per security with bars: symbol, name, kind, sector, industry, exchange, currency, bars, first, last.
    func symbols() throws(StoreError) -> Frame
    func securities() throws(StoreError) -> [Security]
    /// Bars as a frame (symbol, time, open, high, low, close, adj_close, volume) sorted by symbol then time.
    func bars(_ query: BarQuery) throws(StoreError) -> Frame
    /// Sector performance (time, sector, exchange, average_change) sorted by time then sector.
    func sectors(_ query: SectorQuery) throws(StoreError) -> Frame
    /// A generic series (time, value) sorted by time.
    func series(_ id: String, from: Int64?, to: Int64?) throws(StoreError) -> Frame
    /// The ids of the generic series with their point counts.
    func seriesIDs() throws(StoreError) -> [(id: String, points: Int)]
    /// Events (time, title, tags, source) sorted by time.
    func events(_ query: EventQuery) throws(StoreError) -> Frame

    /// Where fetched data came from, one row per (kind, id), sorted by kind then id.
    func sources() throws(StoreError) -> [DataSource]

    /// Reference data sets kept for other engines, in the order they were first stored.
    func dataSets() throws(StoreError) -> [StoredDataSet]

    /// The backend's own consistency check: "ok", or what is wrong (SQLite: `PRAGMA integrity_check`).
    func integrityCheck() throws(StoreError) -> String

    /// Runs `body` as one atomic, durable write: everything it wrote is committed together, or nothing when it throws.
    func write<T>(_ body: (any MarketWriter) throws -> T) throws -> T
}

/// The write side of a store, valid only inside `MarketStore.write`.
public protocol MarketWriter: AnyObject {
    /// Adds a security, or (with `overwrite`) replaces the fields it has; counts it as inserted, updated or unchanged.
    @discardableResult
    func upsert(_ security: Security, overwrite: Bool) throws(StoreError) -> MergeCounts
    /// Merges bars of one symbol and interval (sorted by time, unique times): new times are inserted, existing ones
    /// replaced when their values differ.
    func mergeBars(symbol: String, interval: String, _ rows: BarColumns) throws(StoreError) -> MergeCounts
    func upsert(sectors: [SectorPerformance]) throws(StoreError) -> MergeCounts
    func upsert(series id: String, times: [Int64], values: [Double]) throws(StoreError) -> MergeCounts
    func add(events: [MarketEvent]) throws(StoreError) -> MergeCounts
    /// Records (or replaces) where one symbol's, series' or sector's data came from.
    func record(_ source: DataSource) throws(StoreError)
    /// Stores (or replaces, by name) a reference data set.
    func put(_ dataSet: StoredDataSet) throws(StoreError)
}
