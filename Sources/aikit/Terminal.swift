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
}
