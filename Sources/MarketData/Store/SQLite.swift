internal import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thin wrapper of the system SQLite C library: a connection, prepared statements and transactions. Chosen over
/// GRDB because the store needs only prepared statements and BLOB I/O, and a 200-line wrapper costs CI nothing to
/// build (GRDB adds ~1 min per clean build on 2 cores).
final class SQLiteDatabase {
    let handle: OpaquePointer
    let path: String

    /// `immutable` (read-only only) opens the file as a `file:…?immutable=1` URI: no locks, no `-shm` file, for a
    /// WAL-mode file in a folder this process cannot create one in (https://sqlite.org/uri.html#uriimmutable).
    init(path: String, readOnly: Bool = false, immutable: Bool = false) throws(StoreError) {
        if let problem = SQLiteDatabase.loadSQLite() { throw .cannotOpen(path, problem) }
        var db: OpaquePointer?
        var flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable {
            flags |= SQLITE_OPEN_URI
            name =
                "file:" + path.replacing("%", with: "%25").replacing("?", with: "%3f").replacing("#", with: "%23")
                + "?immutable=1"
        }
        let code = sqlite3_open_v2(name, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw .cannotOpen(path, message)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Loads SQLite (dlopen of libsqlite3.so.0, once per process) when the first store is opened; nil when it is
    /// loaded, else why not and which Debian package provides it (`libsqlite3-0`).
    static func loadSQLite() -> String? {
        var message = [CChar](repeating: 0, count: 640)
        guard CSQLite_load(&message, message.count) != 0 else { return nil }
        let text = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return "the market store needs SQLite: " + String(decoding: text, as: UTF8.self)
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? lastError
            sqlite3_free(message)
            throw .sqlite(code: code, message: text, sql: sql)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw .sqlite(code: code, message: lastError, sql: sql) }
        return SQLiteStatement(statement, database: self, sql: sql)
    }

    /// The first column of the first row of `sql` as an integer.
    func integer(_ sql: String, _ bindings: [SQLiteValue] = []) throws(StoreError) -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(bindings)
        return try statement.step() ? statement.optionalInteger(0) : nil
    }

    func text(_ sql: String) throws(StoreError) -> String? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.optionalText(0) : nil
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }
}

enum SQLiteValue {
    case integer(Int64)
    case double(Double)
    case text(String)
    case null
}

final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let database: SQLiteDatabase
    let sql: String

    init(_ handle: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ values: [SQLiteValue]) throws(StoreError) {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    func bind(_ value: SQLiteValue, at index: Int32) throws(StoreError) {
        let code: Int32
        switch value {
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .double(let number):
            code = number.isNaN ? sqlite3_bind_null(handle, index) : sqlite3_bind_double(handle, index, number)
        case .text(let string): code = sqlite3_bind_text(handle, index, string, -1, csqlite_transient())
        case .null: code = sqlite3_bind_null(handle, index)
        }
        try check(code)
    }

    /// Binds `blob` at `index` without copying it, runs the statement (which must return no rows), and resets it.
    func run(blob: [UInt8], at index: Int32) throws(StoreError) {
        defer { reset() }
        let code: Int32 = blob.withUnsafeBytes { bytes in
            let bound = sqlite3_bind_blob64(
                handle, index, bytes.baseAddress, sqlite3_uint64(bytes.count), csqlite_static())
            guard bound == SQLITE_OK else { return bound }
            var step = sqlite3_step(handle)
            while step == SQLITE_ROW { step = sqlite3_step(handle) }
            return step
        }
        guard code == SQLITE_DONE || code == SQLITE_OK else {
            throw .sqlite(code: code, message: database.lastError, sql: sql)
        }
    }

    /// Advances to the next row; false when done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw .sqlite(code: code, message: database.lastError, sql: sql)
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    func run(_ values: [SQLiteValue] = []) throws(StoreError) {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? .nan : sqlite3_column_double(handle, column)
    }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : integer(column) }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    /// The BLOB of `column` for the duration of `body` (valid until the next step/reset).
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws(StoreError) -> T) throws(StoreError) -> T
    {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func check(_ code: Int32) throws(StoreError) {
        guard code == SQLITE_OK else { throw .sqlite(code: code, message: database.lastError, sql: sql) }
    }
}

/// SQLite's primary result codes that the store acts on (an extended code's low byte is its primary code).
package enum SQLiteResultCode: Int32, Sendable {
    case busy = 5
    case locked = 6
    case readOnly = 8
    case cannotOpen = 14

    /// The primary code of an extended result code, when it is one of these.
    package init?(extended code: Int32) { self.init(rawValue: code & 0xff) }
}
