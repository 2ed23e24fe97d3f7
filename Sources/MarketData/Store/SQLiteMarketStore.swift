internal import FoundationEssentials
public import Frames

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded backend: one SQLite file in WAL mode (readers see a consistent snapshot while one writer imports;
/// writers wait up to the busy timeout for each other). Bars live as per-symbol column segments (`BarSegment`).
public final class SQLiteMarketStore: MarketStore {
    let db: SQLiteDatabase
    public let location: String

    /// Why writes are refused (the file or its folder is read-only for this process), or nil.
    public let readOnlyReason: String?

    /// Opens (creating when missing) the store at `path`; `":memory:"` for a private in-memory store. A store file
    /// this process cannot write is opened read-only (see `SQLiteOpening`); `readOnly: true` asks for that anyway.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 60_000, readOnly: Bool = false) throws(StoreError) {
        let reason = readOnly ? "it was opened read-only" : SQLiteOpening.readOnlyReason(path)
        if path != ":memory:", reason == nil {
            let directory = StoreLocation.folder(of: path)
            if !directory.isEmpty, access(directory, F_OK) != 0 {
                // Each missing folder on the way, as `mkdir -p` makes them.
                var made = directory.hasPrefix("/") ? "/" : ""
                for component in directory.split(separator: "/") {
                    made += component
                    if mkdir(made, 0o755) != 0, errno != EEXIST {
                        let reason = String(cString: strerror(errno))
                        throw .cannotOpen(path, "cannot create the folder \(directory): \(reason)")
                    }
                    made += "/"
                }
            }
        }
        db = try SQLiteOpening.open(path: path, readOnly: reason, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        location = path
        readOnlyReason = reason
    }

    /// Runs `body` again while SQLite answers "busy", for up to `milliseconds`.
    static func retryingBusy<T>(milliseconds: Int, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        var waited = 0
        while true {
            do {
                return try body()
            } catch {
                guard error.kind == .sqlite, let code = error.sqliteCode, SQLiteResultCode(extended: code) == .busy,
                    waited < milliseconds
                else { throw error }
                usleep(10_000)
                waited += 10
            }
        }
    }

    /// `PRAGMA integrity_check`, then each bar segment's row count against its data: "ok" or the problems.
    public func integrityCheck() throws(StoreError) -> String {
        let statement = try db.prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(0)) }
        guard lines == ["ok"] else { return lines.joined(separator: "\n") }
        return try reading { () throws(StoreError) -> String in
            let segments = try db.prepare("SELECT rows, data FROM bar_segments ORDER BY id")
            var number = 0
            while try segments.step() {
                number += 1
                let rows = segments.integer(0)
                let problem = try segments.withBlob(1) { blob throws(StoreError) in
                    BarSegment.problem(number: number, rows: rows, blob: blob)
                }
                if let problem { return problem }
            }
            return "ok"
        }
    }

    /// Copies the write-ahead log into the database file and truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`).
    public func checkpoint() throws(StoreError) {
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Runs `body` inside one read transaction, so every query it makes sees the same snapshot.
    func reading<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        if db.isInTransaction { return try body() }
        try db.execute("BEGIN")
        defer { try? db.execute("COMMIT") }
        return try body()
    }

    public func write<T>(_ body: (any MarketWriter) throws -> T) throws -> T {
        if let readOnlyReason { throw StoreError.readOnly(location, readOnlyReason) }
        guard !db.isInTransaction else {
            throw StoreError.writeInProgress("a write is already in progress on this store")
        }
        func work() throws -> T { try body(SQLiteMarketWriter(db)) }
        return try db.transaction("BEGIN IMMEDIATE", failure: { $0 }, work)
    }

    // MARK: reads

    public func securities() throws(StoreError) -> [Security] {
        var statement = try db.prepare(
            "SELECT symbol, name, kind, sector, industry, exchange, currency FROM securities ORDER BY symbol")
        return try statement.securities()
    }

    public func symbols() throws(StoreError) -> Frame {
        try reading { () throws(StoreError) -> Frame in
            var statement = try db.prepare(
                """
                SELECT s.symbol, s.name, s.kind, s.sector, s.industry, s.exchange, s.currency,
                       b.interval, b.bars, b.first, b.last
                FROM securities s LEFT JOIN (
                    SELECT symbol, interval, sum(rows) AS bars, min(first_time) AS first, max(last_time) AS last
                    FROM bar_segments GROUP BY symbol, interval) b ON b.symbol = s.symbol
                ORDER BY s.symbol, b.interval
                """)
            return try statement.symbols()
        }
    }

    public func bars(_ query: BarQuery) throws(StoreError) -> Frame {
        try reading { () throws(StoreError) -> Frame in
            if let symbols = query.symbols { try checkKnown(symbols, interval: query.interval) }
            let conditions = StoreFilter<SQLiteDialect>(bars: query)
            let (filter, bindings) = (conditions.sql, conditions.parameters)
            // total(): a float sum, which cannot overflow on a damaged `rows` as sum() would.
            let sums = try db.prepare("SELECT total(rows), total(length(data)) FROM bar_segments WHERE \(filter)")
            try sums.bind(bindings)
            _ = try sums.step()
            let total = try SegmentAssembly.checkedTotal(rows: sums.double(0), bytes: sums.double(1))
            let statement = try db.prepare(
                "SELECT symbol, data FROM bar_segments WHERE \(filter) ORDER BY symbol, bucket")
            try statement.bind(bindings)
            return try SegmentAssembly.frame(total: total, from: query.from, to: query.to) { visit throws(StoreError) in
                while try statement.step() {
                    let symbol = statement.text(0)
                    try statement.withBlob(1) { blob throws(StoreError) in try visit(symbol, blob) }
                }
            }
        }
    }

    /// Unknown symbols are an error (a typo would otherwise give a silently empty result). One index probe per
    /// symbol; the full list is read only to suggest a name for one that is missing.
    private func checkKnown(_ symbols: [String], interval: String) throws(StoreError) {
        let probe = try db.prepare("SELECT 1 FROM bar_segments WHERE symbol = ? AND interval = ? LIMIT 1")
        var missing: [String] = []
        for symbol in symbols {
            defer { probe.reset() }
            try probe.bind([.text(symbol), .text(interval)])
            if try !probe.step() { missing.append(symbol) }
        }
        guard !missing.isEmpty else { return }
        let statement = try db.prepare("SELECT DISTINCT symbol FROM bar_segments WHERE interval = ?")
        try statement.bind([.text(interval)])
        var known = Set<String>()
        while try statement.step() { known.insert(statement.text(0)) }
        throw .unknownSymbol(missing[0], interval: interval, location: location, known: known)
    }

    public func sectors(_ query: SectorQuery) throws(StoreError) -> Frame {
        let filter = StoreFilter<SQLiteDialect>(sectors: query)
        var statement = try db.prepare(
            "SELECT time, sector, exchange, average_change FROM sector_performance \(filter.whereClause) "
                + "ORDER BY time, sector, exchange")
        try statement.bind(filter.parameters)
        return try statement.sectors()
    }

    public func series(_ id: String, from: Int64?, to: Int64?) throws(StoreError) -> Frame {
        var statement = try db.prepare(
            "SELECT time, value FROM series WHERE id = ? AND time >= ? AND time <= ? ORDER BY time")
        try statement.bind([.text(id), .integer(from ?? .min), .integer(to ?? .max)])
        let frame = try statement.series()
        if frame.count == 0, from == nil, to == nil {
            throw .unknownSeries(id, location: location, known: Set(try seriesIDs().map(\.id)))
        }
        return frame
    }

    public func sources() throws(StoreError) -> [DataSource] {
        // A store of schema 1 opened read-only has no sources table: nothing was fetched into it.
        guard try db.integer("SELECT count(*) FROM sqlite_master WHERE name = 'sources'") == 1 else { return [] }
        var statement = try db.prepare(
            "SELECT kind, id, provider, dataset, parameters, fetched_at FROM sources ORDER BY kind, id")
        return try statement.sources()
    }

    public func dataSets() throws(StoreError) -> [StoredDataSet] {
        guard try db.integer("SELECT count(*) FROM sqlite_master WHERE name = 'datasets'") == 1 else { return [] }
        let statement = try db.prepare(
            "SELECT name, kind, as_of, source, stored_at, content FROM datasets ORDER BY stored_at, name")
        var result: [StoredDataSet] = []
        while try statement.step() {
            let content = try statement.withBlob(5) { bytes throws(StoreError) in Array(bytes) }
            result.append(
                StoredDataSet(
                    name: statement.text(0), kind: statement.text(1), asOf: statement.optionalText(2),
                    source: statement.text(3), storedAt: statement.integer(4), content: content))
        }
        return result
    }

    public func seriesIDs() throws(StoreError) -> [(id: String, points: Int)] {
        var statement = try db.prepare("SELECT id, count(*) FROM series GROUP BY id ORDER BY id")
        return try statement.seriesIDs()
    }

    public func events(_ query: EventQuery) throws(StoreError) -> Frame {
        var sql = "SELECT time, title, tags, source FROM events WHERE time >= ? AND time <= ?"
        var bindings: [SQLiteValue] = [.integer(query.from ?? .min), .integer(query.to ?? .max)]
        if let tag = query.tag {
            sql += " AND (',' || tags || ',') LIKE ?"
            bindings.append(.text("%,\(tag),%"))
        }
        var statement = try db.prepare(sql + " ORDER BY time, title")
        try statement.bind(bindings)
        return try statement.events()
    }
}
