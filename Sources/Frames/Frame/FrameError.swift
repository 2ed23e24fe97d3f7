public import ErrorKinds

/// What went wrong in a frame operation: a `kind` to match on (tests and callers compare kinds, not messages) and a
/// message that says what and what to do.
public struct FrameError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kinds of failure (see `ErrorKind`).
    public typealias Kind = ErrorKind<FrameError>

    public let kind: Kind
    public let description: String

    private init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    public static func noColumn(_ name: String, available: [String]) -> FrameError {
        FrameError(.noColumn, "no column '\(name)' (columns: \(available.joined(separator: ", ")))")
    }

    public static func wrongKind(_ name: String, expected: String, got: String) -> FrameError {
        FrameError(.wrongKind, "column '\(name)' holds \(got)s, not \(expected)s")
    }

    public static func lengthMismatch(_ name: String, expected: Int, got: Int) -> FrameError {
        FrameError(.lengthMismatch, "column '\(name)' has \(got) rows but the frame has \(expected)")
    }

    public static func badArgument(_ message: String) -> FrameError { FrameError(.badArgument, message) }
    public static func nameClash(_ message: String) -> FrameError { FrameError(.nameClash, message) }
    public static func duplicateKey(_ message: String) -> FrameError { FrameError(.duplicateKey, message) }
    public static func missingData(_ message: String) -> FrameError { FrameError(.missingData, message) }
    /// A failure of `kind` with its own message (a column missing from one side of a join, said as such).
    public static func failure(_ kind: Kind, _ message: String) -> FrameError { FrameError(kind, message) }

    /// The same failure with context in front ("asofJoin: in the right frame, ").
    public func prefixed(_ context: String) -> FrameError { FrameError(kind, context + description) }
}

extension ErrorKind where Domain == FrameError {
    /// A column the operation needs is not in the frame.
    public static var noColumn: Self { Self(#function) }
    /// A column holds another kind of value than the operation needs (text where numbers are needed).
    public static var wrongKind: Self { Self(#function) }
    /// A column's length differs from the frame's.
    public static var lengthMismatch: Self { Self(#function) }
    /// An argument out of its range or contradicting another (a window of 0 rows, no symbols).
    public static var badArgument: Self { Self(#function) }
    /// A result column would take a name already taken.
    public static var nameClash: Self { Self(#function) }
    /// Rows that must be unique are not (two right-hand rows for one join key, two cells for one pivot slot).
    public static var duplicateKey: Self { Self(#function) }
    /// The data cannot answer the question (no rows for a symbol, too few days for a window).
    public static var missingData: Self { Self(#function) }
}
