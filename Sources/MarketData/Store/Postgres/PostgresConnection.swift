internal import CPostgres
internal import Redaction

/// A parameter of a PostgreSQL query: text, numbers and NULL travel as text, BLOBs as binary.
enum PostgresValue {
    case text(String)
    case integer(Int64)
    case double(Double)
    case bytes([UInt8])
    case null

    /// A text[] parameter (an array literal with each element quoted).
    static func textArray(_ values: [String]) -> PostgresValue {
        .text(
            "{"
                + values.map { value in
                    var quoted = "\""
                    for character in value {
                        if character == "\"" || character == "\\" { quoted.append("\\") }
                        quoted.append(character)
                    }
                    return quoted + "\""
                }.joined(separator: ",") + "}")
    }
}

/// A thin wrapper of libpq: one connection, parameterised queries, results read in place.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The connection string without a password, for messages.
    let location: String

    init(conninfo: String) throws(StoreError) {
        location = Redaction.connection(conninfo)
        if let problem = PostgresConnection.loadLibpq() { throw .cannotOpen(location, problem) }
        guard let connection = PQconnectdb(conninfo) else { throw .cannotOpen(location, "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharactersWhitespace()
            PQfinish(connection)
            throw .cannotOpen(location, message)
        }
        handle = connection
        _ = try? execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Loads libpq (dlopen of libpq.so.5, once per process) the first time a PostgreSQL store is opened; nil when it
    /// is loaded, else why not and which Debian package provides it (`libpq5`).
    static func loadLibpq() -> String? {
        var message = [CChar](repeating: 0, count: 640)
        guard CPostgres_load(&message, message.count) != 0 else { return nil }
        let text = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return "the PostgreSQL backend needs libpq: " + String(decoding: text, as: UTF8.self)
    }

    /// Runs `sql` with `$1…` parameters; `binary` asks for binary results (for bytea).
    @discardableResult
    func execute(_ sql: String, _ parameters: [PostgresValue] = [], binary: Bool = false) throws(StoreError)
        -> PostgresResult
    {
        // Each parameter is copied into memory owned here until the query returns.
        var pointers: [UnsafePointer<CChar>?] = []
        var owned: [UnsafeMutableRawPointer] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        defer { owned.forEach { $0.deallocate() } }
        func keep(_ bytes: [UInt8], terminated: Bool) {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + (terminated ? 1 : 0), alignment: 1)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            if terminated { buffer.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self) }
            owned.append(buffer)
            pointers.append(UnsafePointer(buffer.assumingMemoryBound(to: CChar.self)))
        }
        for parameter in parameters {
            switch parameter {
            case .text(let value): keep(Array(value.utf8), terminated: true)
            case .integer(let value): keep(Array(String(value).utf8), terminated: true)
            case .double(let value): keep(Array((value.isNaN ? "NaN" : "\(value)").utf8), terminated: true)
            case .bytes(let value): keep(value.isEmpty ? [0] : value, terminated: false)
            case .null: pointers.append(nil)
            }
            if case .bytes(let value) = parameter {
                lengths.append(Int32(value.count))
                formats.append(1)
            } else {
                lengths.append(0)
                formats.append(0)
            }
        }
        // Without parameters, PQexec (which also takes several statements, as migrations have).
        let result =
            parameters.isEmpty && !binary
            ? PQexec(handle, sql)
            : PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, lengths, formats, binary ? 1 : 0)
        guard let result else { throw .postgres(state: "", message: String(cString: PQerrorMessage(handle)), sql: sql) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharactersWhitespace()
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            PQclear(result)
            throw .postgres(state: state, message: message, sql: sql)
        }
        return PostgresResult(result)
    }
}

/// The rows of a query; values are read in place and freed with the result.
final class PostgresResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { PQclear(handle) }

    var rows: Int { Int(PQntuples(handle)) }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) != 0 }

    /// The value as text (text results), nil for NULL.
    func text(_ row: Int, _ column: Int) -> String? {
        guard !isNull(row, column), let value = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        return String(cString: value)
    }

    func integer(_ row: Int, _ column: Int) -> Int64? { text(row, column).flatMap { Int64($0) } }
    func double(_ row: Int, _ column: Int) -> Double { text(row, column).flatMap { Double($0) } ?? .nan }

    /// A binary-format int8 value; a value of another length is damage, not something to read past.
    func int64(_ row: Int, _ column: Int) throws(StoreError) -> Int64 {
        let value = bytes(row, column)
        guard value.count == 8 else { throw .corrupt("an 8-byte integer has \(value.count) bytes") }
        return Int64(bigEndian: value.loadUnaligned(as: Int64.self))
    }

    /// A binary-format int4 value.
    func int32(_ row: Int, _ column: Int) throws(StoreError) -> Int32 {
        let value = bytes(row, column)
        guard value.count == 4 else { throw .corrupt("a 4-byte integer has \(value.count) bytes") }
        return Int32(bigEndian: value.loadUnaligned(as: Int32.self))
    }

    /// The raw bytes of a value (binary results: bytea and text as they are).
    func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer {
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return UnsafeRawBufferPointer(start: PQgetvalue(handle, Int32(row), Int32(column)), count: length)
    }
}
