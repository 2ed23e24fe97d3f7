internal import URLEncoding

/// Secrets never leave the process: every printer and file writer that could show a URL, a store location or a
/// message echoing one (the fetch dry run, provider errors, the HTTP cache's meta files, `aikit import`, `aikit
/// compliance list`, `compliance.check{}.data_sets`, `store:path()`) passes it through here first. One place, so an
/// encoding handled for one is handled for all.
public enum Redaction {
    /// Query parameters that carry credentials (compared after percent-decoding, in any case).
    static let keyParameters: Set<String> = [
        "apikey", "api_key", "api-key", "key", "token", "access_token", "password", "secret", "client_secret",
    ]

    /// `url` with every credential query parameter's value replaced by `***` and a userinfo password dropped
    /// (`https://u:p@host/?apikey=k` → `https://u@host/?apikey=***`).
    public static func url(_ url: String) -> String {
        let shown = connection(url)
        guard let question = shown.firstIndex(of: "?") else { return shown }
        let query = shown[shown.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let pairs = query.map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = PercentEncoding.decode(pair[..<equals]).lowercased()
            return keyParameters.contains(name) ? "\(pair[..<equals])=***" : String(pair)
        }
        return String(shown[...question]) + pairs.joined(separator: "&")
    }

    /// A store location or connection string without its password: `postgresql://alice:pw@host/db` →
    /// `postgresql://alice@host/db`; `password=…` (unquoted, or quoted with `'…'` as libpq reads it) dropped from a
    /// `key=value` string, `pg:` form or URI query. Other text is returned as it is.
    public static func connection(_ text: String) -> String {
        var result = text
        if let scheme = result.firstRange(of: "://") {
            let rest = result[scheme.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<end].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                result = String(result[..<colon]) + String(result[at...])
            }
        }
        return removingPasswordFields(result)
    }

    /// `text` with every `password = value` field removed (its separator with it).
    private static func removingPasswordFields(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        let name = Array("password".utf8)
        while index < bytes.count {
            let startsWord =
                index == 0
                || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "?"), UInt8(ascii: "&")]
                    .contains(bytes[index - 1])
            if startsWord, index + name.count <= bytes.count,
                zip(bytes[index..<index + name.count], name).allSatisfy({ $0 | 0x20 == $1 })
            {
                var cursor = index + name.count
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "'") {
                        cursor += 1
                        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "'") {
                            cursor += bytes[cursor] == UInt8(ascii: "\\") ? 2 : 1
                        }
                        cursor = min(bytes.count, cursor + 1)
                    } else {
                        while cursor < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "&")].contains(bytes[cursor]) {
                            cursor += 1
                        }
                    }
                    // Drop the separator after the field too (or the one before it, at the end).
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "&") {
                        cursor += 1
                    } else if let last = out.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "&") {
                        out.removeLast()
                    }
                    index = cursor
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with every occurrence of the given secrets (at least 4 bytes) replaced by `***`, however it is
    /// written: as is, percent-encoded in any case or mix (`sk%2fAbc%2BDef%3D%3D`), form-encoded (`+` for a blank),
    /// or inside a base64 token (an `Authorization: Basic` header's `user:secret`, standard or URL-safe alphabet).
    public static func text(_ text: String, secrets: [String]) -> String {
        let secrets = secrets.map { Array($0.utf8) }.filter { $0.count >= 4 }
        guard !secrets.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for secret in secrets { bytes = replacingEncoded(secret, in: bytes) }
        bytes = replacingBase64Tokens(holding: secrets, in: bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` with each span that decodes to `secret` (byte by byte: itself, `%XX` in any case, `+` for a blank)
    /// replaced by `***`.
    private static func replacingEncoded(_ secret: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if let end = match(secret, in: bytes, at: index) {
                out += Array("***".utf8)
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// The end of a span at `start` that decodes to `secret`, or nil.
    private static func match(_ secret: [UInt8], in bytes: [UInt8], at start: Int) -> Int? {
        var cursor = start
        for expected in secret {
            guard cursor < bytes.count else { return nil }
            let byte = bytes[cursor]
            if byte == expected {
                cursor += 1
            } else if byte == UInt8(ascii: "%"), cursor + 2 < bytes.count,
                let high = PercentEncoding.hexValue(bytes[cursor + 1]),
                let low = PercentEncoding.hexValue(bytes[cursor + 2]), high << 4 | low == expected
            {
                cursor += 3
            } else if byte == UInt8(ascii: "+"), expected == UInt8(ascii: " ") {
                cursor += 1
            } else {
                return nil
            }
        }
        return cursor
    }

    /// `bytes` with each base64 token (8 characters or more) whose decoding contains a secret replaced by `***`.
    private static func replacingBase64Tokens(holding secrets: [[UInt8]], in bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard base64Value(bytes[index]) != nil else {
                out.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, base64Value(bytes[end]) != nil { end += 1 }
            var padded = end
            while padded < bytes.count, bytes[padded] == UInt8(ascii: "="), padded - end < 2 { padded += 1 }
            let token = Array(bytes[index..<end])
            if token.count >= 8, let decoded = decodeBase64(token),
                secrets.contains(where: { contains(decoded, $0) })
            {
                out += Array("***".utf8)
                index = padded
            } else {
                out += token
                index = end
            }
        }
        return out
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// The bytes a base64 token (standard or URL-safe alphabet, padding stripped) stands for.
    private static func decodeBase64(_ token: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in token {
            guard let value = base64Value(character) else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    private static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
