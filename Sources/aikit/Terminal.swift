import AIKitScripting
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small helpers for the process's terminal and standard streams.
enum Terminal {
    struct Stream {
        let descriptor: Int32
        func write(_ text: String) {
            var text = text
            text.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    static let standardError = Stream(descriptor: STDERR_FILENO)

    /// Colours only on a terminal, never when NO_COLOR is set (https://no-color.org).
    static var useColour: Bool {
        getenv("NO_COLOR") == nil && isatty(STDERR_FILENO) != 0
    }

    /// Writes an error report to standard error, its leading "aikit:" in red on a colour terminal.
    static func reportError(_ message: String) {
        var text = message
        if useColour, text.hasPrefix("aikit:") { text = "\u{1B}[1;31maikit:\u{1B}[0m" + text.dropFirst(6) }
        standardError.write(text + "\n")
    }

    /// A store command's report: its table (or lines) on standard output, its messages on standard error, the
    /// summary when the table is for people; exit status 1 when it failed in part.
    static func print(_ report: CommandReport, format: OutputFormat) throws {
        if let table = report.table {
            Swift.print(format.render(table), terminator: format == .table ? "\n" : "")
        }
        for line in report.lines { Swift.print(line) }
        for message in report.messages {
            switch message {
            case .error(let text): reportError(text)
            case .note(let text): standardError.write(text + "\n")
            }
        }
        if format == .table, let summary = report.summary { standardError.write(summary + "\n") }
        if report.failed { throw ExitCode(1) }
    }
}
