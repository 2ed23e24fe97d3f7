/// Finds where JSON text stops being JSON (RFC 8259), so that import errors can say "file.json:3:14" instead of
/// "the given data was not valid JSON" (which is all `JSONDecoder` reports).
///
/// It only checks syntax, after the decoder has already refused the data; it builds nothing.
struct JSONSyntaxLocator {
    /// A syntax error: 1-based line and column (in bytes) and what was expected.
    struct Failure: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The first syntax error in `bytes`, or nil if they are one well-formed JSON value.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var scanner = JSONSyntaxLocator(bytes)
        do throws(Failure) {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.position = 3 }
            try scanner.value()
            scanner.skipWhitespace()
            if scanner.position < bytes.count {
                throw scanner.failure("unexpected text after the end of the JSON value")
            }
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ message: String) -> Failure {
        var line = 1
        var lineStart = 0
        for index in 0..<min(position, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return Failure(line: line, column: position - lineStart + 1, message: message)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(Failure) {
        skipWhitespace()
        guard current == byte else { throw failure(message) }
        position += 1
    }

    private mutating func value() throws(Failure) {
        skipWhitespace()
        guard let byte = current else { throw failure("unexpected end of text; a value is missing") }
        switch byte {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'; expected a value")
        }
    }

    private mutating func nested(_ body: (inout JSONSyntaxLocator) throws(Failure) -> Void) throws(Failure) {
        depth += 1
        guard depth <= 512 else { throw failure("nested more than 512 levels deep") }
        try body(&self)
        depth -= 1
    }

    private mutating func object() throws(Failure) {
        position += 1
        try nested { (scanner: inout JSONSyntaxLocator) throws(Failure) in
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "}") {
                scanner.position += 1
                return
            }
            while true {
                scanner.skipWhitespace()
                guard scanner.current == UInt8(ascii: "\"") else {
                    throw scanner.failure("expected a quoted key in the object")
                }
                try scanner.string()
                try scanner.expect(UInt8(ascii: ":"), "expected ':' after the object key")
                try scanner.value()
                scanner.skipWhitespace()
                if scanner.current == UInt8(ascii: ",") {
                    scanner.position += 1
                    continue
                }
                try scanner.expect(UInt8(ascii: "}"), "expected ',' or '}' after the value (a comma may be missing)")
                return
            }
        }
    }

    private mutating func array() throws(Failure) {
        position += 1
        try nested { (scanner: inout JSONSyntaxLocator) throws(Failure) in
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "]") {
                scanner.position += 1
                return
            }
            while true {
                try scanner.value()
                scanner.skipWhitespace()
                if scanner.current == UInt8(ascii: ",") {
                    scanner.position += 1
                    continue
                }
                try scanner.expect(UInt8(ascii: "]"), "expected ',' or ']' after the array element")
                return
            }
        }
    }

    private mutating func string() throws(Failure) {
        position += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return
            case UInt8(ascii: "\\"):
                position += 2
            case 0..<0x20:
                throw failure("control character inside a string (escape newlines as \\n)")
            default:
                position += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func number() throws(Failure) {
        let start = position
        let numberBytes = Set("+-.eE0123456789".utf8)
        while let byte = current, numberBytes.contains(byte) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard Double(text) != nil else {
            position = start
            throw failure("'\(text)' is not a number")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let utf8 = Array(word.utf8)
        guard bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
            throw failure("unexpected text; expected \(word) (strings need double quotes)")
        }
        position += utf8.count
    }
}
