/// An absolute `http`/`https` URL split into the parts that decide where a request goes (RFC 3986 §3): scheme, host
/// and port, and the path and query after them. Provider requests are checked as these, not as strings, so a key
/// is sent only to its base URL's host: a URL is refused when it has userinfo (`user:pass@`, which also makes
/// libcurl send an `Authorization: Basic` header), a fragment, a backslash, blanks, control or non-ASCII characters,
/// a malformed `%` escape or a host that is not a plain name or an IPv4/IPv6 literal — whatever libcurl and a
/// reader of the URL might split differently.
public struct ProviderURL: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`, lowercased.
    public let scheme: String
    /// The host, lowercased (an IPv6 literal keeps its brackets).
    public let host: String
    /// The port given, else the scheme's (80, 443).
    public let port: Int
    /// Everything after the authority: empty, or starting with `/` or `?`.
    public let pathAndQuery: String

    /// Where a request goes: scheme, host and port.
    public var origin: String { "\(scheme)://\(host):\(port)" }

    /// The URL as sent (scheme and host lowercased, a default port left out).
    public var description: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return "\(scheme)://\(host)\(port == defaultPort ? "" : ":\(port)")\(pathAndQuery)"
    }

    /// Parses `text`; `what` names it in the error (`provider mirror: base_url`).
    public init(parsing text: String, what: String) throws(FetchError) {
        func refuse(_ why: String) -> FetchError {
            FetchError("\(what) '\(Self.shown(Self.maskingUserinfo(text)))' \(why)")
        }
        let bytes = Array(text.utf8)
        if let index = bytes.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\\") }) {
            throw refuse(
                "contains \(Self.describe(bytes[index])) at byte \(index + 1); a URL is printable ASCII without "
                    + "blanks or backslashes (percent-encode the rest)")
        }
        guard let separator = text.firstRange(of: "://") else {
            throw refuse("is not an absolute URL; it must start with https:// or http://")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw refuse("must start with https:// or http://, not \(scheme)://")
        }
        if text.contains("#") { throw refuse("has a fragment ('#'); a request URL has none") }
        let rest = text[separator.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<end]
        if authority.contains("@") {
            throw refuse(
                "has userinfo (text before '@' in the host part); aikit refuses it, so that a request and its key "
                    + "cannot be sent to another host than the one the URL seems to name")
        }
        var hostPart = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw refuse("has an IPv6 host without ']'") }
            hostPart = authority[...close]
            let inside = authority[authority.index(after: authority.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw refuse("has an IPv6 host that is not hex digits, ':' and '.'")
            }
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw refuse("has text after its IPv6 host") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw refuse("has no host") }
        if !hostPart.hasPrefix("[") {
            guard hostPart.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }),
                !hostPart.hasPrefix("."), !hostPart.contains("..")
            else {
                throw refuse("has a host that is not letters, digits, '.' and '-'")
            }
        }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard (1...5).contains(portText.count), portText.allSatisfy(\.isASCIIDigitCharacter),
                let number = Int(portText), (1...65535).contains(number)
            else {
                throw refuse("has a port that is not a number from 1 to 65535")
            }
            port = number
        }
        let tail = String(rest[end...])
        var index = tail.utf8.startIndex
        while let percent = tail.utf8[index...].firstIndex(of: UInt8(ascii: "%")) {
            let digits = tail.utf8[tail.utf8.index(after: percent)...].prefix(2)
            guard digits.count == 2, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else {
                throw refuse("has a '%' that is not followed by two hex digits")
            }
            index = tail.utf8.index(after: percent)
        }
        self.scheme = scheme
        host = hostPart.lowercased()
        self.port = port
        pathAndQuery = tail
    }

    /// `text` with any userinfo (`user:password@`) before its host shown as `***@`, for messages.
    static func maskingUserinfo(_ text: String) -> String {
        guard let separator = text.firstRange(of: "://") else { return text }
        let rest = text[separator.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<end].lastIndex(of: "@") else { return text }
        return String(text[..<separator.upperBound]) + "***" + String(rest[at...])
    }

    /// At most 120 characters of `text`, for a message (control characters shown as '?').
    static func shown(_ text: String) -> String {
        String(text.prefix(120).map { $0.isASCII && ($0.asciiValue ?? 0) >= 0x20 && $0 != "\u{7F}" ? $0 : "?" })
    }

    private static func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: " "): "a blank"
        case UInt8(ascii: "\\"): "a backslash"
        case 0x0D: "a carriage return"
        case 0x0A: "a line feed"
        case 0x80...: "a non-ASCII byte"
        default: "a control character"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
