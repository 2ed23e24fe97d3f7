/// Writes inside one `SQLiteMarketStore.write` transaction.
final class SQLiteMarketWriter: MarketWriter {
    let db: SQLiteDatabase
    private var statements: [String: SQLiteStatement] = [:]

    init(_ db: SQLiteDatabase) { self.db = db }

    private func statement(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let prepared = try db.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    func upsert(_ security: Security, overwrite: Bool) throws(StoreError) -> MergeCounts {
        let select = try statement(
            "SELECT name, kind, sector, industry, exchange, currency FROM securities WHERE symbol = ?")
        defer { select.reset() }
        try select.bind([.text(security.symbol)])
        var existing: Security?
        if try select.step() {
            existing = Security(
                symbol: security.symbol, name: select.optionalText(0), kind: select.optionalText(1),
                sector: select.optionalText(2), industry: select.optionalText(3), exchange: select.optionalText(4),
                currency: select.optionalText(5))
        }
        let (row, counts) = security.merged(over: existing, overwrite: overwrite)
        if let row {
            try statement(
                """
                INSERT INTO securities VALUES (?,?,?,?,?,?,?) ON CONFLICT(symbol) DO UPDATE SET
                  name = excluded.name, kind = excluded.kind, sector = excluded.sector, industry = excluded.industry,
                  exchange = excluded.exchange, currency = excluded.currency
                """
            ).run([
                .text(row.symbol), text(row.name), text(row.kind), text(row.sector), text(row.industry),
                text(row.exchange), text(row.currency),
            ])
        }
        return counts
    }

    private func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    func put(_ dataSet: StoredDataSet) throws(StoreError) {
        let insert = try statement("INSERT OR REPLACE INTO datasets VALUES (?,?,?,?,?,?)")
        try insert.bind([
            .text(dataSet.name), .text(dataSet.kind), text(dataSet.asOf), .text(dataSet.source),
            .integer(dataSet.storedAt),
        ])
        try insert.run(blob: dataSet.content, at: 6)
    }

    func record(_ source: DataSource) throws(StoreError) {
        try statement("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?)").run([
            .text(source.kind), .text(source.id), .text(source.provider), .text(source.dataset),
            .text(source.parameters), .integer(source.fetchedAt),
        ])
    }

    func mergeBars(symbol: String, interval: String, _ rows: BarColumns) throws(StoreError) -> MergeCounts {
        var counts = MergeCounts()
        for (bucket, range) in BarSegment.buckets(of: rows, interval: interval) {
            counts += try mergeSegment(symbol: symbol, interval: interval, bucket: bucket, rows, range)
        }
        return counts
    }

    private func mergeSegment(
        symbol: String, interval: String, bucket: Int64, _ rows: BarColumns,
        _ range: Range<Int>
    ) throws(StoreError) -> MergeCounts {
        let select = try statement("SELECT id, data FROM bar_segments WHERE symbol = ? AND interval = ? AND bucket = ?")
        defer { select.reset() }
        try select.bind([.text(symbol), .text(interval), .integer(bucket)])
        guard try select.step() else {
            // A new segment: encode the rows as they are (the common case of a first import).
            let write = try statement(
                """
                INSERT INTO bar_segments(symbol, interval, bucket, rows, first_time, last_time, data)
                VALUES (?,?,?,?,?,?,?)
                """)
            try write.bind([
                .text(symbol), .text(interval), .integer(bucket), .integer(Int64(range.count)),
                .integer(rows.time[range.lowerBound]), .integer(rows.time[range.upperBound - 1]),
            ])
            try write.run(blob: BarSegment.encode(rows, range), at: 7)
            return MergeCounts(inserted: range.count)
        }
        let existingID = select.integer(0)
        let existing = try select.withBlob(1) { blob throws(StoreError) in try BarSegment.decode(blob) }
        let incoming = range.count == rows.count ? rows : rows.slice(range)
        let (merged, counts) = BarSegment.merge(existing, incoming)
        if counts.inserted == 0 && counts.updated == 0 { return counts }
        let write = try statement(
            "UPDATE bar_segments SET rows = ?, first_time = ?, last_time = ?, data = ? WHERE id = ?")
        try write.bind([
            .integer(Int64(merged.count)), .integer(merged.time[0]), .integer(merged.time[merged.count - 1]),
        ])
        try write.bind(.integer(existingID), at: 5)
        try write.run(blob: BarSegment.encode(merged), at: 4)
        return counts
    }

    func upsert(sectors: [SectorPerformance]) throws(StoreError) -> MergeCounts {
        let select = try statement(
            "SELECT average_change FROM sector_performance WHERE time = ? AND sector = ? AND exchange = ?")
        let upsert = try statement("INSERT OR REPLACE INTO sector_performance VALUES (?,?,?,?)")
        var counts = MergeCounts()
        for row in sectors {
            let key: [SQLiteValue] = [.integer(row.time), .text(row.sector), .text(row.exchange)]
            try select.bind(key)
            let old: Double? = try select.step() ? select.double(0) : nil
            select.reset()
            if let old, old == row.averageChange {
                counts.unchanged += 1
                continue
            }
            if old == nil { counts.inserted += 1 } else { counts.updated += 1 }
            try upsert.run(key + [.double(row.averageChange)])
        }
        return counts
    }

    func upsert(series id: String, times: [Int64], values: [Double]) throws(StoreError) -> MergeCounts {
        guard times.count == values.count else {
            throw .badArgument("series '\(id)': \(times.count) times but \(values.count) values")
        }
        let select = try statement("SELECT value FROM series WHERE id = ? AND time = ?")
        let upsert = try statement("INSERT OR REPLACE INTO series VALUES (?,?,?)")
        var counts = MergeCounts()
        for (time, value) in zip(times, values) {
            try select.bind([.text(id), .integer(time)])
            let exists = try select.step()
            let old = exists ? select.double(0) : .nan
            select.reset()
            if exists, old == value || (old.isNaN && value.isNaN) {
                counts.unchanged += 1
                continue
            }
            if exists { counts.updated += 1 } else { counts.inserted += 1 }
            try upsert.run([.text(id), .integer(time), .double(value)])
        }
        return counts
    }

    func add(events: [MarketEvent]) throws(StoreError) -> MergeCounts {
        let select = try statement("SELECT tags, source FROM events WHERE time = ? AND title = ?")
        let upsert = try statement(
            """
            INSERT INTO events(time, title, tags, source) VALUES (?,?,?,?)
            ON CONFLICT(time, title) DO UPDATE SET tags = excluded.tags, source = excluded.source
            """)
        var counts = MergeCounts()
        for event in events {
            let tags = event.tags.joined(separator: ",")
            try select.bind([.integer(event.time), .text(event.title)])
            let exists = try select.step()
            let same = exists && select.text(0) == tags && select.optionalText(1) == event.source
            select.reset()
            if same {
                counts.unchanged += 1
                continue
            }
            if exists { counts.updated += 1 } else { counts.inserted += 1 }
            try upsert.run([
                .integer(event.time), .text(event.title), .text(tags), event.source.map { .text($0) } ?? .null,
            ])
        }
        return counts
    }
}
