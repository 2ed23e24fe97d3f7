public import Frames

/// The team-scale backend: the same schema and column segments as the SQLite store, in a PostgreSQL database
/// (`market.open("postgresql://host/db")`, `aikit import --db postgresql://…`). Writers are serialised by an
/// advisory lock held for the transaction; readers take a repeatable-read snapshot, so a query never sees half an
/// import.
public final class PostgresMarketStore: MarketStore {
    let connection: PostgresConnection
    public var location: String { connection.location }

    static let migrations: [String] = [
        """
        CREATE TABLE securities(
            symbol text PRIMARY KEY, name text, kind text, sector text, industry text, exchange text, currency text);
        CREATE TABLE bar_segments(
            id bigserial PRIMARY KEY, symbol text NOT NULL, interval text NOT NULL, bucket bigint NOT NULL,
            rows integer NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL, data bytea NOT NULL,
            UNIQUE(symbol, interval, bucket));
        -- Segments are compressed already: store them out of line without TOAST's pglz pass.
        ALTER TABLE bar_segments ALTER COLUMN data SET STORAGE EXTERNAL;
        CREATE TABLE sector_performance(
            time bigint NOT NULL, sector text NOT NULL, exchange text NOT NULL DEFAULT '',
            average_change double precision NOT NULL, PRIMARY KEY(time, sector, exchange));
        CREATE TABLE series(id text NOT NULL, time bigint NOT NULL, value double precision, PRIMARY KEY(id, time));
        CREATE TABLE events(
            id bigserial PRIMARY KEY, time bigint NOT NULL, title text NOT NULL, tags text NOT NULL DEFAULT '',
            source text, UNIQUE(time, title));
        """,
        """
        CREATE TABLE sources(
            kind text NOT NULL, id text NOT NULL, provider text NOT NULL, dataset text NOT NULL,
            parameters text NOT NULL DEFAULT '', fetched_at bigint NOT NULL, PRIMARY KEY(kind, id));
        """,
        """
        CREATE TABLE datasets(
            name text PRIMARY KEY, kind text NOT NULL, as_of text, source text NOT NULL, stored_at bigint NOT NULL,
            content bytea NOT NULL);
        """,
    ]

    /// Whether a store location names a PostgreSQL database rather than a SQLite file (`PostgresLocation`): a
    /// `postgresql://` URI, `pg:CONNINFO`, or a `host=… dbname=…` string libpq parses.
    public static func accepts(_ location: String) -> Bool { PostgresLocation.conninfo(location) != nil }

    /// Opens the store a location names (`accepts` is true for it).
    public convenience init(location: String) throws(StoreError) {
        try self.init(conninfo: PostgresLocation.conninfo(location) ?? location)
    }

    public init(conninfo: String) throws(StoreError) {
        connection = try PostgresConnection(conninfo: conninfo)
        try migrate()
    }

    private func migrate() throws(StoreError) {
        try connection.execute("BEGIN")
        do throws(StoreError) {
            // One migrating process at a time; the others wait here, then find the work done.
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('aikit.market.schema'))")
            try connection.execute("CREATE TABLE IF NOT EXISTS aikit_schema(version integer NOT NULL)")
            let found = Int(try connection.execute("SELECT max(version) FROM aikit_schema").integer(0, 0) ?? 0)
            if found > Self.migrations.count {
                throw StoreError.newerSchema(found: found, supported: Self.migrations.count)
            }
            for index in found..<Self.migrations.count {
                try connection.execute(Self.migrations[index])
                try connection.execute("INSERT INTO aikit_schema VALUES ($1)", [.integer(Int64(index + 1))])
            }
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a read-only repeatable-read transaction: every query in it sees one snapshot.
    private func reading<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let value = try body()
            try connection.execute("COMMIT")
            return value
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    public func write<T>(_ body: (any MarketWriter) throws -> T) throws -> T {
        try connection.execute("BEGIN")
        do {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('aikit.market.write'))")
            let result = try body(PostgresMarketWriter(connection))
            try connection.execute("COMMIT")
            return result
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    public func integrityCheck() throws(StoreError) -> String {
        try reading { () throws(StoreError) -> String in
            let result = try connection.execute("SELECT id, rows, data FROM bar_segments ORDER BY id", binary: true)
            for row in 0..<result.rows {
                let rows = Int64(try result.int32(row, 1))
                if let problem = BarSegment.problem(number: row + 1, rows: rows, blob: result.bytes(row, 2)) {
                    return problem
                }
            }
            return "ok"
        }
    }

    public func securities() throws(StoreError) -> [Security] {
        let result = try connection.execute(
            "SELECT symbol, name, kind, sector, industry, exchange, currency FROM securities ORDER BY symbol COLLATE \"C\""
        )
        return (0..<result.rows).map { row in
            Security(
                symbol: result.text(row, 0) ?? "", name: result.text(row, 1), kind: result.text(row, 2),
                sector: result.text(row, 3), industry: result.text(row, 4), exchange: result.text(row, 5),
                currency: result.text(row, 6))
        }
    }

    public func symbols() throws(StoreError) -> Frame {
        let result = try connection.execute(
            """
            SELECT s.symbol, s.name, s.kind, s.sector, s.industry, s.exchange, s.currency,
                   b.interval, b.bars, b.first, b.last
            FROM securities s LEFT JOIN (
                SELECT symbol, interval, sum(rows) AS bars, min(first_time) AS first, max(last_time) AS last
                FROM bar_segments GROUP BY symbol, interval) b ON b.symbol = s.symbol
            ORDER BY s.symbol COLLATE "C", b.interval
            """)
        func texts(_ column: Int) -> Column { .text((0..<result.rows).map { result.text($0, column) ?? "" }) }
        func ints(_ column: Int) -> [Int64] { (0..<result.rows).map { result.integer($0, column) ?? 0 } }
        return try Frame.stored([
            ("symbol", texts(0)), ("name", texts(1)), ("kind", texts(2)), ("sector", texts(3)),
            ("industry", texts(4)), ("exchange", texts(5)), ("currency", texts(6)), ("interval", texts(7)),
            ("bars", .int(ints(8))), ("first", .time(ints(9))), ("last", .time(ints(10))),
        ])
    }

    public func bars(_ query: BarQuery) throws(StoreError) -> Frame {
        var conditions = ["interval = $1"]
        var parameters: [PostgresValue] = [.text(query.interval)]
        if let symbols = query.symbols {
            try checkKnown(symbols, interval: query.interval)
            parameters.append(.textArray(symbols))
            conditions.append("symbol = ANY($\(parameters.count)::text[])")
        }
        if let from = query.from {
            parameters.append(.integer(from))
            conditions.append("last_time >= $\(parameters.count)")
        }
        if let to = query.to {
            parameters.append(.integer(to))
            conditions.append("first_time <= $\(parameters.count)")
        }
        // One statement, so one snapshot: the segments and (on every row) their total row count.
        let result = try connection.execute(
            """
            SELECT symbol, data, (sum(rows) OVER ())::bigint FROM bar_segments WHERE \(conditions.joined(separator: " AND "))
            ORDER BY symbol COLLATE "C", bucket
            """, parameters, binary: true)
        var bytes = 0
        for row in 0..<result.rows { bytes += result.bytes(row, 1).count }
        let total =
            result.rows == 0
            ? 0 : try SegmentAssembly.checkedTotal(rows: Double(try result.int64(0, 2)), bytes: Double(bytes))
        return try SegmentAssembly.frame(total: total, from: query.from, to: query.to) { visit throws(StoreError) in
            for row in 0..<result.rows {
                try visit(String(decoding: result.bytes(row, 0), as: UTF8.self), result.bytes(row, 1))
            }
        }
    }

    /// Unknown symbols are an error; one indexed query finds them, the full list is read only to suggest a name.
    private func checkKnown(_ symbols: [String], interval: String) throws(StoreError) {
        let missing = try connection.execute(
            """
            SELECT s FROM unnest($1::text[]) AS s
            WHERE NOT EXISTS (SELECT 1 FROM bar_segments b WHERE b.symbol = s AND b.interval = $2)
            """, [.textArray(symbols), .text(interval)])
        guard missing.rows > 0, let symbol = missing.text(0, 0) else { return }
        let result = try connection.execute(
            "SELECT DISTINCT symbol FROM bar_segments WHERE interval = $1", [.text(interval)])
        let known = Set((0..<result.rows).compactMap { result.text($0, 0) })
        throw .unknownSymbol(symbol, interval: interval, location: location, known: known)
    }

    public func sectors(_ query: SectorQuery) throws(StoreError) -> Frame {
        var conditions: [String] = []
        var parameters: [PostgresValue] = []
        if let sectors = query.sectors {
            parameters.append(.textArray(sectors))
            conditions.append("sector = ANY($\(parameters.count)::text[])")
        }
        if let exchange = query.exchange {
            parameters.append(.text(exchange))
            conditions.append("exchange = $\(parameters.count)")
        }
        if let from = query.from {
            parameters.append(.integer(from))
            conditions.append("time >= $\(parameters.count)")
        }
        if let to = query.to {
            parameters.append(.integer(to))
            conditions.append("time <= $\(parameters.count)")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let result = try connection.execute(
            """
            SELECT time, sector, exchange, average_change FROM sector_performance \(filter)
            ORDER BY time, sector COLLATE "C", exchange COLLATE "C"
            """, parameters)
        let rows = 0..<result.rows
        return try Frame.stored([
            ("time", .time(rows.map { result.integer($0, 0) ?? 0 })),
            ("sector", .categorical(rows.map { result.text($0, 1) ?? "" })),
            ("exchange", .categorical(rows.map { result.text($0, 2) ?? "" })),
            ("average_change", .double(rows.map { result.double($0, 3) })),
        ])
    }

    public func series(_ id: String, from: Int64?, to: Int64?) throws(StoreError) -> Frame {
        let result = try connection.execute(
            "SELECT time, value FROM series WHERE id = $1 AND time >= $2 AND time <= $3 ORDER BY time",
            [.text(id), .integer(from ?? .min), .integer(to ?? .max)])
        if result.rows == 0, from == nil, to == nil {
            throw .unknownSeries(id, location: location, known: Set(try seriesIDs().map(\.id)))
        }
        let rows = 0..<result.rows
        return try Frame.stored([
            ("time", .time(rows.map { result.integer($0, 0) ?? 0 })),
            ("value", .double(rows.map { result.double($0, 1) })),
        ])
    }

    public func sources() throws(StoreError) -> [DataSource] {
        let result = try connection.execute(
            """
            SELECT kind, id, provider, dataset, parameters, fetched_at FROM sources
            ORDER BY kind COLLATE "C", id COLLATE "C"
            """)
        return (0..<result.rows).map { row in
            DataSource(
                kind: result.text(row, 0) ?? "", id: result.text(row, 1) ?? "", provider: result.text(row, 2) ?? "",
                dataset: result.text(row, 3) ?? "", parameters: result.text(row, 4) ?? "",
                fetchedAt: result.integer(row, 5) ?? 0)
        }
    }

    public func dataSets() throws(StoreError) -> [StoredDataSet] {
        let result = try connection.execute(
            "SELECT name, kind, as_of, source, stored_at, content FROM datasets ORDER BY stored_at, name COLLATE \"C\"",
            [], binary: true)
        var sets: [StoredDataSet] = []
        for row in 0..<result.rows {
            // (Binary results: text as its bytes, stored_at as a big-endian int8.)
            sets.append(
                StoredDataSet(
                    name: result.text(row, 0) ?? "", kind: result.text(row, 1) ?? "", asOf: result.text(row, 2),
                    source: result.text(row, 3) ?? "", storedAt: try result.int64(row, 4),
                    content: Array(result.bytes(row, 5))))
        }
        return sets
    }

    public func seriesIDs() throws(StoreError) -> [(id: String, points: Int)] {
        let result = try connection.execute("SELECT id, count(*) FROM series GROUP BY id ORDER BY id COLLATE \"C\"")
        return (0..<result.rows).map { (result.text($0, 0) ?? "", Int(result.integer($0, 1) ?? 0)) }
    }

    public func events(_ query: EventQuery) throws(StoreError) -> Frame {
        var sql = "SELECT time, title, tags, source FROM events WHERE time >= $1 AND time <= $2"
        var parameters: [PostgresValue] = [.integer(query.from ?? .min), .integer(query.to ?? .max)]
        if let tag = query.tag {
            parameters.append(.text(tag))
            sql += " AND $3 = ANY(string_to_array(tags, ','))"
        }
        let result = try connection.execute(sql + " ORDER BY time, title COLLATE \"C\"", parameters)
        let rows = 0..<result.rows
        return try Frame.stored([
            ("time", .time(rows.map { result.integer($0, 0) ?? 0 })),
            ("title", .text(rows.map { result.text($0, 1) ?? "" })),
            ("tags", .text(rows.map { result.text($0, 2) ?? "" })),
            ("source", .text(rows.map { result.text($0, 3) ?? "" })),
        ])
    }

}
