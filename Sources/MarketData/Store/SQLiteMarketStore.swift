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
        try db.execute("BEGIN IMMEDIATE")
        let writer = SQLiteMarketWriter(db)
        do {
            let result = try body(writer)
            try db.execute("COMMIT")
            return result
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: reads

    public func securities() throws(StoreError) -> [Security] {
        let statement = try db.prepare(
            "SELECT symbol, name, kind, sector, industry, exchange, currency FROM securities ORDER BY symbol")
        var result: [Security] = []
        while try statement.step() {
            result.append(
                Security(
                    symbol: statement.text(0), name: statement.optionalText(1), kind: statement.optionalText(2),
                    sector: statement.optionalText(3), industry: statement.optionalText(4),
                    exchange: statement.optionalText(5), currency: statement.optionalText(6)))
        }
        return result
    }

    public func symbols() throws(StoreError) -> Frame {
        try reading { () throws(StoreError) -> Frame in
            let statement = try db.prepare(
                """
                SELECT s.symbol, s.name, s.kind, s.sector, s.industry, s.exchange, s.currency,
                       b.interval, b.bars, b.first, b.last
                FROM securities s LEFT JOIN (
                    SELECT symbol, interval, sum(rows) AS bars, min(first_time) AS first, max(last_time) AS last
                    FROM bar_segments GROUP BY symbol, interval) b ON b.symbol = s.symbol
                ORDER BY s.symbol, b.interval
                """)
            var text: [[String]] = Array(repeating: [], count: 8)
            var bars: [Int64] = []
            var first: [Int64] = []
            var last: [Int64] = []
            while try statement.step() {
                for column in 0..<8 { text[column].append(statement.optionalText(Int32(column)) ?? "") }
                bars.append(statement.optionalInteger(8) ?? 0)
                first.append(statement.optionalInteger(9) ?? 0)
                last.append(statement.optionalInteger(10) ?? 0)
            }
            return try Frame.stored([
                ("symbol", .text(text[0])), ("name", .text(text[1])), ("kind", .text(text[2])),
                ("sector", .text(text[3])), ("industry", .text(text[4])), ("exchange", .text(text[5])),
                ("currency", .text(text[6])), ("interval", .text(text[7])), ("bars", .int(bars)),
                ("first", .time(first)), ("last", .time(last)),
            ])

        }
    }

    public func bars(_ query: BarQuery) throws(StoreError) -> Frame {
        try reading { () throws(StoreError) -> Frame in
            let interval = query.interval
            var conditions = ["interval = ?"]
            var bindings: [SQLiteValue] = [.text(interval)]
            if let symbols = query.symbols {
                try checkKnown(symbols, interval: interval)
                conditions.append("symbol IN (\(Array(repeating: "?", count: symbols.count).joined(separator: ",")))")
                bindings += symbols.map { .text($0) }
            }
            if let from = query.from {
                conditions.append("last_time >= ?")
                bindings.append(.integer(from))
            }
            if let to = query.to {
                conditions.append("first_time <= ?")
                bindings.append(.integer(to))
            }
            let filter = conditions.joined(separator: " AND ")
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
        var conditions: [String] = []
        var bindings: [SQLiteValue] = []
        if let sectors = query.sectors {
            conditions.append("sector IN (\(Array(repeating: "?", count: sectors.count).joined(separator: ",")))")
            bindings += sectors.map { .text($0) }
        }
        if let exchange = query.exchange {
            conditions.append("exchange = ?")
            bindings.append(.text(exchange))
        }
        if let from = query.from {
            conditions.append("time >= ?")
            bindings.append(.integer(from))
        }
        if let to = query.to {
            conditions.append("time <= ?")
            bindings.append(.integer(to))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let statement = try db.prepare(
            "SELECT time, sector, exchange, average_change FROM sector_performance \(filter) ORDER BY time, sector, exchange"
        )
        try statement.bind(bindings)
        var time: [Int64] = []
        var sector: [String] = []
        var exchange: [String] = []
        var change: [Double] = []
        while try statement.step() {
            time.append(statement.integer(0))
            sector.append(statement.text(1))
            exchange.append(statement.text(2))
            change.append(statement.double(3))
        }
        return try Frame.stored([
            ("time", .time(time)), ("sector", .categorical(sector)), ("exchange", .categorical(exchange)),
            ("average_change", .double(change)),
        ])

    }

    public func series(_ id: String, from: Int64?, to: Int64?) throws(StoreError) -> Frame {
        let statement = try db.prepare(
            "SELECT time, value FROM series WHERE id = ? AND time >= ? AND time <= ? ORDER BY time")
        try statement.bind([.text(id), .integer(from ?? .min), .integer(to ?? .max)])
        var time: [Int64] = []
        var value: [Double] = []
        while try statement.step() {
            time.append(statement.integer(0))
            value.append(statement.double(1))
        }
        if time.isEmpty, from == nil, to == nil {
            throw .unknownSeries(id, location: location, known: Set(try seriesIDs().map(\.id)))
        }
        return try Frame.stored([("time", .time(time)), ("value", .double(value))])
    }

    public func sources() throws(StoreError) -> [DataSource] {
        // A store of schema 1 opened read-only has no sources table: nothing was fetched into it.
        guard try db.integer("SELECT count(*) FROM sqlite_master WHERE name = 'sources'") == 1 else { return [] }
        let statement = try db.prepare(
            "SELECT kind, id, provider, dataset, parameters, fetched_at FROM sources ORDER BY kind, id")
        var result: [DataSource] = []
        while try statement.step() {
            result.append(
                DataSource(
                    kind: statement.text(0), id: statement.text(1), provider: statement.text(2),
                    dataset: statement.text(3),
                    parameters: statement.text(4), fetchedAt: statement.integer(5)))
        }
        return result
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
        let statement = try db.prepare("SELECT id, count(*) FROM series GROUP BY id ORDER BY id")
        var result: [(id: String, points: Int)] = []
        while try statement.step() { result.append((statement.text(0), Int(statement.integer(1)))) }
        return result
    }

    public func events(_ query: EventQuery) throws(StoreError) -> Frame {
        var sql = "SELECT time, title, tags, source FROM events WHERE time >= ? AND time <= ?"
        var bindings: [SQLiteValue] = [.integer(query.from ?? .min), .integer(query.to ?? .max)]
        if let tag = query.tag {
            sql += " AND (',' || tags || ',') LIKE ?"
            bindings.append(.text("%,\(tag),%"))
        }
        let statement = try db.prepare(sql + " ORDER BY time, title")
        try statement.bind(bindings)
        var time: [Int64] = []
        var title: [String] = []
        var tags: [String] = []
        var source: [String] = []
        while try statement.step() {
            time.append(statement.integer(0))
            title.append(statement.text(1))
            tags.append(statement.text(2))
            source.append(statement.optionalText(3) ?? "")
        }
        return try Frame.stored([
            ("time", .time(time)), ("title", .text(title)), ("tags", .text(tags)), ("source", .text(source)),
        ])

    }
}
