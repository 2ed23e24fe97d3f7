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
        func work() throws(StoreError) {
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
        }
        try connection.transaction("BEGIN", failure: { $0 }, work)
    }

    /// Runs `body` in a read-only repeatable-read transaction: every query in it sees one snapshot.
    private func reading<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", failure: { $0 }, body)
    }

    public func write<T>(_ body: (any MarketWriter) throws -> T) throws -> T {
        func work() throws -> T {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('aikit.market.write'))")
            return try body(PostgresMarketWriter(connection))
        }
        return try connection.transaction("BEGIN", failure: { $0 }, work)
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
        var rows = PostgresRows(
            try connection.execute(
                "SELECT symbol, name, kind, sector, industry, exchange, currency FROM securities ORDER BY symbol COLLATE \"C\""
            ))
        return try rows.securities()
    }

    public func symbols() throws(StoreError) -> Frame {
        var rows = PostgresRows(
            try connection.execute(
                """
                    SELECT s.symbol, s.name, s.kind, s.sector, s.industry, s.exchange, s.currency,
                       b.interval, b.bars, b.first, b.last
                FROM securities s LEFT JOIN (
                    SELECT symbol, interval, sum(rows) AS bars, min(first_time) AS first, max(last_time) AS last
                    FROM bar_segments GROUP BY symbol, interval) b ON b.symbol = s.symbol
                ORDER BY s.symbol COLLATE "C", b.interval
                """))
        return try rows.symbols()
    }

    public func bars(_ query: BarQuery) throws(StoreError) -> Frame {
        if let symbols = query.symbols { try checkKnown(symbols, interval: query.interval) }
        let filter = StoreFilter<PostgresDialect>(bars: query)
        // One statement, so one snapshot: the segments and (on every row) their total row count.
        let result = try connection.execute(
            """
            SELECT symbol, data, (sum(rows) OVER ())::bigint FROM bar_segments WHERE \(filter.sql)
            ORDER BY symbol COLLATE "C", bucket
            """, filter.parameters, binary: true)
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
        let filter = StoreFilter<PostgresDialect>(sectors: query)
        var rows = PostgresRows(
            try connection.execute(
                """
                SELECT time, sector, exchange, average_change FROM sector_performance \(filter.whereClause)
                ORDER BY time, sector COLLATE "C", exchange COLLATE "C"
                """, filter.parameters))
        return try rows.sectors()
    }

    public func series(_ id: String, from: Int64?, to: Int64?) throws(StoreError) -> Frame {
        var rows = PostgresRows(
            try connection.execute(
                "SELECT time, value FROM series WHERE id = $1 AND time >= $2 AND time <= $3 ORDER BY time",
                [.text(id), .integer(from ?? .min), .integer(to ?? .max)]))
        let frame = try rows.series()
        if frame.count == 0, from == nil, to == nil {
            throw .unknownSeries(id, location: location, known: Set(try seriesIDs().map(\.id)))
        }
        return frame
    }

    public func sources() throws(StoreError) -> [DataSource] {
        var rows = PostgresRows(
            try connection.execute(
                """
                SELECT kind, id, provider, dataset, parameters, fetched_at FROM sources
                ORDER BY kind COLLATE "C", id COLLATE "C"
                """))
        return try rows.sources()
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
        var rows = PostgresRows(
            try connection.execute("SELECT id, count(*) FROM series GROUP BY id ORDER BY id COLLATE \"C\""))
        return try rows.seriesIDs()
    }

    public func events(_ query: EventQuery) throws(StoreError) -> Frame {
        var sql = "SELECT time, title, tags, source FROM events WHERE time >= $1 AND time <= $2"
        var parameters: [PostgresValue] = [.integer(query.from ?? .min), .integer(query.to ?? .max)]
        if let tag = query.tag {
            parameters.append(.text(tag))
            sql += " AND $3 = ANY(string_to_array(tags, ','))"
        }
        var rows = PostgresRows(try connection.execute(sql + " ORDER BY time, title COLLATE \"C\"", parameters))
        return try rows.events()
    }

}
