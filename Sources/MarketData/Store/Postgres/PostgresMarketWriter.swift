/// Writes inside one `PostgresMarketStore.write` transaction (the same merge rules as the SQLite writer).
final class PostgresMarketWriter: MarketWriter {
    let connection: PostgresConnection

    init(_ connection: PostgresConnection) { self.connection = connection }

    private func text(_ value: String?) -> PostgresValue { value.map { .text($0) } ?? .null }

    func put(_ dataSet: StoredDataSet) throws(StoreError) {
        try connection.execute(
            """
            INSERT INTO datasets VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind,
              as_of = excluded.as_of, source = excluded.source, stored_at = excluded.stored_at, content = excluded.content
            """,
            [
                .text(dataSet.name), .text(dataSet.kind), text(dataSet.asOf), .text(dataSet.source),
                .integer(dataSet.storedAt), .bytes(dataSet.content),
            ])
    }

    func record(_ source: DataSource) throws(StoreError) {
        try connection.execute(
            """
            INSERT INTO sources VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT(kind, id) DO UPDATE SET
              provider = excluded.provider, dataset = excluded.dataset, parameters = excluded.parameters,
              fetched_at = excluded.fetched_at
            """,
            [
                .text(source.kind), .text(source.id), .text(source.provider), .text(source.dataset),
                .text(source.parameters), .integer(source.fetchedAt),
            ])
    }

    func upsert(_ security: Security, overwrite: Bool) throws(StoreError) -> MergeCounts {
        let found = try connection.execute(
            "SELECT name, kind, sector, industry, exchange, currency FROM securities WHERE symbol = $1",
            [.text(security.symbol)])
        let existing =
            found.rows == 0
            ? nil
            : Security(
                symbol: security.symbol, name: found.text(0, 0), kind: found.text(0, 1), sector: found.text(0, 2),
                industry: found.text(0, 3), exchange: found.text(0, 4), currency: found.text(0, 5))
        let (row, counts) = security.merged(over: existing, overwrite: overwrite)
        if let row {
            try connection.execute(
                """
                INSERT INTO securities VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT(symbol) DO UPDATE SET
                  name = excluded.name, kind = excluded.kind, sector = excluded.sector, industry = excluded.industry,
                  exchange = excluded.exchange, currency = excluded.currency
                """,
                [
                    .text(row.symbol), text(row.name), text(row.kind), text(row.sector), text(row.industry),
                    text(row.exchange), text(row.currency),
                ])
        }
        return counts
    }

    func mergeBars(symbol: String, interval: String, _ rows: BarColumns) throws(StoreError) -> MergeCounts {
        var counts = MergeCounts()
        for (bucket, range) in BarSegment.buckets(of: rows, interval: interval) {
            let existing = try connection.execute(
                "SELECT id, data FROM bar_segments WHERE symbol = $1 AND interval = $2 AND bucket = $3",
                [.text(symbol), .text(interval), .integer(bucket)], binary: true)
            if existing.rows == 0 {
                try connection.execute(
                    """
                    INSERT INTO bar_segments(symbol, interval, bucket, rows, first_time, last_time, data)
                    VALUES ($1,$2,$3,$4,$5,$6,$7)
                    """,
                    [
                        .text(symbol), .text(interval), .integer(bucket), .integer(Int64(range.count)),
                        .integer(rows.time[range.lowerBound]), .integer(rows.time[range.upperBound - 1]),
                        .bytes(BarSegment.encode(rows, range)),
                    ])
                counts.inserted += range.count
                continue
            }
            let id = try existing.int64(0, 0)
            let stored = try BarSegment.decode(existing.bytes(0, 1))
            let (merged, segmentCounts) = BarSegment.merge(stored, range.count == rows.count ? rows : rows.slice(range))
            counts += segmentCounts
            if segmentCounts.inserted == 0 && segmentCounts.updated == 0 { continue }
            try connection.execute(
                "UPDATE bar_segments SET rows = $1, first_time = $2, last_time = $3, data = $4 WHERE id = $5",
                [
                    .integer(Int64(merged.count)), .integer(merged.time[0]), .integer(merged.time[merged.count - 1]),
                    .bytes(BarSegment.encode(merged)), .integer(id),
                ])
        }
        return counts
    }

    func upsert(sectors: [SectorPerformance]) throws(StoreError) -> MergeCounts {
        var counts = MergeCounts()
        for row in sectors {
            let key: [PostgresValue] = [.integer(row.time), .text(row.sector), .text(row.exchange)]
            let old = try connection.execute(
                "SELECT average_change FROM sector_performance WHERE time = $1 AND sector = $2 AND exchange = $3", key)
            if old.rows > 0, old.double(0, 0) == row.averageChange {
                counts.unchanged += 1
                continue
            }
            if old.rows == 0 { counts.inserted += 1 } else { counts.updated += 1 }
            try connection.execute(
                """
                INSERT INTO sector_performance VALUES ($1,$2,$3,$4)
                ON CONFLICT(time, sector, exchange) DO UPDATE SET average_change = excluded.average_change
                """, key + [.double(row.averageChange)])
        }
        return counts
    }

    func upsert(series id: String, times: [Int64], values: [Double]) throws(StoreError) -> MergeCounts {
        guard times.count == values.count else {
            throw .badArgument("series '\(id)': \(times.count) times but \(values.count) values")
        }
        var counts = MergeCounts()
        for (time, value) in zip(times, values) {
            let old = try connection.execute(
                "SELECT value FROM series WHERE id = $1 AND time = $2", [.text(id), .integer(time)])
            if old.rows > 0 {
                let stored = old.double(0, 0)
                if stored == value || (stored.isNaN && value.isNaN) {
                    counts.unchanged += 1
                    continue
                }
                counts.updated += 1
            } else {
                counts.inserted += 1
            }
            try connection.execute(
                "INSERT INTO series VALUES ($1,$2,$3) ON CONFLICT(id, time) DO UPDATE SET value = excluded.value",
                [.text(id), .integer(time), .double(value)])
        }
        return counts
    }

    func add(events: [MarketEvent]) throws(StoreError) -> MergeCounts {
        var counts = MergeCounts()
        for event in events {
            let tags = event.tags.joined(separator: ",")
            let old = try connection.execute(
                "SELECT tags, source FROM events WHERE time = $1 AND title = $2",
                [.integer(event.time), .text(event.title)])
            if old.rows > 0, old.text(0, 0) == tags, old.text(0, 1) == event.source {
                counts.unchanged += 1
                continue
            }
            if old.rows == 0 { counts.inserted += 1 } else { counts.updated += 1 }
            try connection.execute(
                """
                INSERT INTO events(time, title, tags, source) VALUES ($1,$2,$3,$4)
                ON CONFLICT(time, title) DO UPDATE SET tags = excluded.tags, source = excluded.source
                """, [.integer(event.time), .text(event.title), .text(tags), text(event.source)])
        }
        return counts
    }
}
