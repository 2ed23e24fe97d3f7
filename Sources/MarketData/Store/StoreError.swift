/// What went wrong opening, reading or writing a market store.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(String, String)
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
        case .sqlite(let code, let message, _):
            if code & 0xff == 5 || code & 0xff == 6 {
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
