internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a SQLite store file is opened. A writable one read-write: created when missing, switched to WAL once,
/// migrated. One this process cannot write (the file or its folder is read-only, as on a shared archive or a
/// read-only mount) read-only (`SQLITE_OPEN_READONLY`), with nothing written at all — no WAL switch, no page size,
/// no migration — so it can still be queried; a write is then refused saying why (`StoreError.readOnly`).
enum SQLiteOpening {
    /// Why this process can only read the store file at `path` (nil: it can write it, or the file does not exist yet).
    /// SQLite also needs its folder writable, for the write-ahead log and journal it creates beside the file.
    static func readOnlyReason(_ path: String) -> String? {
        guard path != ":memory:", access(path, F_OK) == 0 else { return nil }
        if access(path, W_OK) != 0 { return reason(errno, "the file") }
        let folder = StoreLocation.folder(of: path)
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 { return reason(errno, "its folder") }
        return nil
    }

    private static func reason(_ number: Int32, _ what: String) -> String {
        number == EROFS ? "\(what) is on a read-only file system" : "no write permission on \(what)"
    }

    /// The opened database, ready for queries (and for writes unless `readOnly` gives a reason).
    static func open(path: String, readOnly: String?, busyTimeoutMilliseconds: Int32) throws(StoreError)
        -> SQLiteDatabase
    {
        var db = try SQLiteDatabase(path: path, readOnly: readOnly != nil)
        db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        do {
            if let readOnly {
                do {
                    try checkSchema(db, path: path, readOnly: readOnly)
                } catch let error
                    where error.kind == .sqlite
                    && [.readOnly, .cannotOpen].contains(error.sqliteCode.map(SQLiteResultCode.init(extended:)))
                {
                    // A WAL-mode file whose `-shm` file is missing and cannot be created beside it (SQLITE_READONLY
                    // or SQLITE_CANTOPEN): readable only as immutable, which holds while nobody writes it; a
                    // writer would have created the `-shm` file, and the first open would have used it.
                    db = try SQLiteDatabase(path: path, readOnly: true, immutable: true)
                    try checkSchema(db, path: path, readOnly: readOnly)
                }
            } else {
                try prepareForWriting(db, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            }
            try db.execute("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536")
        } catch {
            if error.kind == .sqlite, let message = error.backendMessage, message.contains("not a database") {
                throw .cannotOpen(path, "not a market store (\(message))")
            }
            throw error
        }
        return db
    }

    private static func prepareForWriting(_ db: SQLiteDatabase, path: String, busyTimeoutMilliseconds: Int32)
        throws(StoreError)
    {
        // Large pages keep segment BLOBs in few overflow pages; only takes effect on a new file.
        try db.execute("PRAGMA page_size = 65536")
        if path != ":memory:" {
            // WAL is a property of the file, set once; switching needs a moment with no other connection, which
            // SQLite does not wait for (no busy handler), so retry while another process creates the store.
            let mode = try SQLiteMarketStore.retryingBusy(milliseconds: Int(busyTimeoutMilliseconds)) {
                () throws(StoreError) -> String? in
                let current = try db.text("PRAGMA journal_mode")?.lowercased()
                return current == "wal" ? current : try db.text("PRAGMA journal_mode = WAL")?.lowercased()
            }
            guard mode == "wal" else { throw .cannotOpen(path, "the file system does not support WAL mode") }
        }
        try db.execute("PRAGMA synchronous = FULL")
        try SQLiteSchema.migrate(db)
    }

    /// A read-only store cannot be migrated: it must hold a schema this version can read as it is.
    private static func checkSchema(_ db: SQLiteDatabase, path: String, readOnly: String) throws(StoreError) {
        let found = Int(try db.integer("PRAGMA user_version") ?? 0)
        if found > SQLiteSchema.version { throw .newerSchema(found: found, supported: SQLiteSchema.version) }
        if found < SQLiteSchema.oldestReadable {
            throw .readOnly(
                path,
                "\(readOnly), and its schema (version \(found)) needs an upgrade to "
                    + "\(SQLiteSchema.version) before it can be read")
        }
    }
}
