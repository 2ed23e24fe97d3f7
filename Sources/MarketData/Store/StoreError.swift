/// What went wrong opening, reading or writing a market store.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(String, String)
    /// A write to a store this process can only read: its location and why.
    case readOnly(String, String)
    case sqlite(code: Int32, message: String, sql: String)
    /// A PostgreSQL error with its SQLSTATE.
    case postgres(state: String, message: String, sql: String)
    case corrupt(String)
    case newerSchema(found: Int, supported: Int)
    case invalid(String)
    case frame(FrameError)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let message): "cannot open market store \(path): \(message)"
        case .readOnly(let path, let reason): "market store \(path) is read-only: \(reason)"
        case .sqlite(let code, let message, _):
            if [.busy, .locked].contains(SQLiteResultCode(extended: code)) {
                "the market store is busy (another process holds a write lock longer than the busy timeout): \(message)"
            } else {
                "market store: \(message) (SQLite code \(code))"
            }
        case .postgres(let state, let message, _):
            state == "40P01" || state == "55P03"
                ? "the market store is busy (another writer holds a lock): \(message)"
                : "market store (PostgreSQL): \(message) (SQLSTATE \(state))"
        case .corrupt(let message): "market store is damaged: \(message)"
        case .newerSchema(let found, let supported):
            "market store schema version \(found) is newer than this aikit supports (\(supported)); upgrade aikit"
        case .invalid(let message): message
        case .frame(let error): error.description
        }
    }
}

extension StoreError {
    /// A symbol with no bars: the closest known one, or how to fill a store that has none.
    static func unknownSymbol(_ symbol: String, interval: String, location: String, known: Set<String>) -> StoreError {
        var message = "no \(interval) bars for '\(symbol)' in \(location)"
        if let suggestion = Suggestion.closest(to: symbol, in: known) {
            message += "; did you mean \(suggestion)?"
        } else if known.isEmpty {
            message += " (the store has no \(interval) bars; import some with `aikit import FILE`)"
        }
        return .invalid(message)
    }

    /// A series id the store does not hold, with the closest one it does.
    static func unknownSeries(_ id: String, location: String, known: Set<String>) -> StoreError {
        var message = "no series '\(id)' in \(location)"
        if let suggestion = Suggestion.closest(to: id, in: known) { message += "; did you mean \(suggestion)?" }
        return .invalid(message)
    }
}

extension Frame {
    /// A frame a store builds from its query results (a length mismatch would be a store bug, reported as such).
    static func stored(_ pairs: [(String, Column)]) throws(StoreError) -> Frame {
        do { return try Frame(pairs) } catch { throw .frame(error) }
    }
}
