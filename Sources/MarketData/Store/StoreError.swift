public import ErrorKinds
public import Frames

/// What went wrong opening, reading or writing a market store: a `kind` to match on (tests and callers compare
/// kinds, not messages), a message that says what and what to do, and the backend's own code where there is one.
public struct StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kinds of failure (see `ErrorKind`).
    public typealias Kind = ErrorKind<StoreError>

    public let kind: Kind
    public let description: String
    /// SQLite's extended result code, for `.sqlite`.
    public let sqliteCode: Int32?
    /// PostgreSQL's SQLSTATE, for `.postgres`.
    public let sqlState: String?
    /// The statement that failed, and the backend's own message, for `.sqlite` and `.postgres`.
    public let sql: String?
    public let backendMessage: String?
    public let frameError: FrameError?

    private init(
        _ kind: Kind, _ description: String, sqliteCode: Int32? = nil, sqlState: String? = nil,
        sql: String? = nil, backendMessage: String? = nil, frameError: FrameError? = nil
    ) {
        self.kind = kind
        self.description = description
        self.sqliteCode = sqliteCode
        self.sqlState = sqlState
        self.sql = sql
        self.backendMessage = backendMessage
        self.frameError = frameError
    }

    public static func cannotOpen(_ path: String, _ message: String) -> StoreError {
        StoreError(.cannotOpen, "cannot open market store \(path): \(message)")
    }

    /// A write to a store this process can only read: its location and why.
    public static func readOnly(_ path: String, _ reason: String) -> StoreError {
        StoreError(.readOnly, "market store \(path) is read-only: \(reason)")
    }

    public static func sqlite(code: Int32, message: String, sql: String) -> StoreError {
        let text =
            [.busy, .locked].contains(SQLiteResultCode(extended: code))
            ? "the market store is busy (another process holds a write lock longer than the busy timeout): \(message)"
            : "market store: \(message) (SQLite code \(code))"
        return StoreError(.sqlite, text, sqliteCode: code, sql: sql, backendMessage: message)
    }

    /// A PostgreSQL error with its SQLSTATE ("" when the server sent none, e.g. a lost connection).
    public static func postgres(state: String, message: String, sql: String) -> StoreError {
        let text =
            state == "40P01" || state == "55P03"
            ? "the market store is busy (another writer holds a lock): \(message)"
            : "market store (PostgreSQL): \(message)" + (state.isEmpty ? "" : " (SQLSTATE \(state))")
        return StoreError(.postgres, text, sqlState: state, sql: sql, backendMessage: message)
    }

    public static func corrupt(_ message: String) -> StoreError {
        StoreError(.corrupt, "market store is damaged: \(message)")
    }

    public static func newerSchema(found: Int, supported: Int) -> StoreError {
        StoreError(
            .newerSchema,
            "market store schema version \(found) is newer than this aikit supports (\(supported)); "
                + "upgrade aikit")
    }

    public static func badArgument(_ message: String) -> StoreError { StoreError(.badArgument, message) }
    public static func writeInProgress(_ message: String) -> StoreError { StoreError(.writeInProgress, message) }
    public static func frame(_ error: FrameError) -> StoreError {
        StoreError(.frame, error.description, frameError: error)
    }
    /// A failure of `kind` with its own message.
    public static func failure(_ kind: Kind, _ message: String) -> StoreError { StoreError(kind, message) }
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
        return .failure(.unknownSymbol, message)
    }

    /// A series id the store does not hold, with the closest one it does.
    static func unknownSeries(_ id: String, location: String, known: Set<String>) -> StoreError {
        var message = "no series '\(id)' in \(location)"
        if let suggestion = Suggestion.closest(to: id, in: known) { message += "; did you mean \(suggestion)?" }
        return .failure(.unknownSeries, message)
    }
}

extension Frame {
    /// A frame a store builds from its query results (a length mismatch would be a store bug, reported as such).
    static func stored(_ pairs: [(String, Column)]) throws(StoreError) -> Frame {
        do { return try Frame(pairs) } catch { throw .frame(error) }
    }
}

extension ErrorKind where Domain == StoreError {
    /// The store (or the bundled sample) could not be opened or created.
    public static var cannotOpen: Self { Self(#function) }
    /// A write to a store this process can only read.
    public static var readOnly: Self { Self(#function) }
    /// SQLite reported an error (`sqliteCode` holds its extended result code).
    public static var sqlite: Self { Self(#function) }
    /// PostgreSQL reported an error (`sqlState` holds its SQLSTATE).
    public static var postgres: Self { Self(#function) }
    /// Stored data fails its checks (a segment that does not decode).
    public static var corrupt: Self { Self(#function) }
    /// The store was written by a newer aikit.
    public static var newerSchema: Self { Self(#function) }
    /// No bars for the symbol asked for.
    public static var unknownSymbol: Self { Self(#function) }
    /// No series with the id asked for.
    public static var unknownSeries: Self { Self(#function) }
    /// Data handed to the store does not fit together (times and values of different lengths).
    public static var badArgument: Self { Self(#function) }
    /// A write began while another was in progress on the same store object.
    public static var writeInProgress: Self { Self(#function) }
    /// Building a frame from stored rows failed (`frameError` says how).
    public static var frame: Self { Self(#function) }
}
