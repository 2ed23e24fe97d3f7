/// The SQLite store's schema as numbered migrations (applied in order, recorded in `PRAGMA user_version`).
enum SQLiteSchema {
    static let migrations: [String] = [
        // 1: securities, bar segments, sector performance, generic series, events.
        """
        CREATE TABLE securities(
            symbol TEXT PRIMARY KEY, name TEXT, kind TEXT, sector TEXT, industry TEXT, exchange TEXT, currency TEXT);
        CREATE TABLE bar_segments(
            id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, interval TEXT NOT NULL, bucket INTEGER NOT NULL,
            rows INTEGER NOT NULL, first_time INTEGER NOT NULL, last_time INTEGER NOT NULL, data BLOB NOT NULL,
            UNIQUE(symbol, interval, bucket));
        CREATE TABLE sector_performance(
            time INTEGER NOT NULL, sector TEXT NOT NULL, exchange TEXT NOT NULL DEFAULT '',
            average_change REAL NOT NULL, PRIMARY KEY(time, sector, exchange)) WITHOUT ROWID;
        CREATE TABLE series(
            id TEXT NOT NULL, time INTEGER NOT NULL, value REAL, PRIMARY KEY(id, time)) WITHOUT ROWID;
        CREATE TABLE events(
            id INTEGER PRIMARY KEY, time INTEGER NOT NULL, title TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '',
            source TEXT, UNIQUE(time, title));
        """,
        // 2: where fetched data came from (`aikit update` asks the same provider again).
        """
        CREATE TABLE sources(
            kind TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, dataset TEXT NOT NULL,
            parameters TEXT NOT NULL DEFAULT '', fetched_at INTEGER NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;
        """,
        // 3: reference data sets for other engines (the compliance engine's rule packs and lists).
        """
        CREATE TABLE datasets(
            name TEXT PRIMARY KEY, kind TEXT NOT NULL, as_of TEXT, source TEXT NOT NULL, stored_at INTEGER NOT NULL,
            content BLOB NOT NULL);
        """,
    ]

    static var version: Int { migrations.count }

    /// The oldest schema a read-only store may have and still be read as it is (2 and 3 only added `sources` and
    /// `datasets`, which a store of schema 1 answers as empty).
    static let oldestReadable = 1

    static func migrate(_ db: SQLiteDatabase) throws(StoreError) {
        let found = Int(
            try SQLiteMarketStore.retryingBusy(milliseconds: 60_000) { () throws(StoreError) in
                try db.integer("PRAGMA user_version")
            } ?? 0)
        if found == version { return }
        if found > version { throw .newerSchema(found: found, supported: version) }
        try db.execute("BEGIN IMMEDIATE")
        do {
            // Another process may have migrated while this one waited for the lock.
            let current = Int(try db.integer("PRAGMA user_version") ?? 0)
            for index in current..<version {
                try db.execute(migrations[index])
            }
            try db.execute("PRAGMA user_version = \(version)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }
}
