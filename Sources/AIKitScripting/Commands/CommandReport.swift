package import Frames
package import MarketData

/// `--format table|csv|json`: aligned tables for people, CSV and JSON for pipes.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json

    /// The table as this format writes it.
    public func render(_ table: ResultTable) -> String {
        switch self {
        case .table: table.frame.table(maxRows: .max)
        case .csv: table.frame.csv()
        case .json: table.frame.json()
        }
    }
}

/// A command's answer as named columns (a frame underneath), for `OutputFormat` to print: the CLI shows it without
/// knowing the engines' types.
public struct ResultTable {
    package let frame: Frame

    package init(_ frame: Frame) { self.frame = frame }

    /// Columns of text, each `(name, values)`, all the same length.
    public init(textColumns: [(String, [String])]) throws {
        frame = try Frame(textColumns.map { ($0.0, Column.text($0.1)) })
    }
}

/// What one of the CLI's store commands did, ready to print: the table for standard output, then messages for
/// standard error in order, then (for `--format table` only) a one-line summary.
public struct CommandReport {
    /// A line for standard error.
    public enum Message: Equatable, Sendable {
        /// A problem: shown as an error report (`aikit: …`).
        case error(String)
        /// A note or a detail line, as it is.
        case note(String)
    }

    public var table: ResultTable?
    /// Lines for standard output instead of a table (`--dry-run`'s requests).
    public var lines: [String] = []
    public var messages: [Message] = []
    public var summary: String?
    /// Whether the command failed in part (exit status 1 after printing).
    public var failed = false

    init(table: ResultTable?) { self.table = table }
}

/// A mistake in what the user asked for (an option's value, a file that cannot be read): the CLI shows it as a
/// usage error.
public struct CommandUsageError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
