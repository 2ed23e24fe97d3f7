internal import FoundationEssentials
internal import Frames
internal import URLEncoding

#if canImport(Glibc)
    import Glibc
#endif

/// URL building shared by the providers.
enum Query {
    /// `base` + `path` + `?name=value&…`, values percent-encoded (RFC 3986 unreserved characters kept).
    static func url(_ base: String, _ path: String, _ items: [(String, String?)]) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let pairs = items.compactMap { name, value in value.map { "\(name)=\(encode($0))" } }
        return trimmed + path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
    }

    /// A query value or path segment percent-encoded (RFC 3986 unreserved characters kept).
    static func encode(_ text: String) -> String { PercentEncoding.encode(text) }

    /// "2025-01-31", or nil.
    static func date(_ time: Int64?) -> String? { time.map { MarketTime.formatDate($0) } }

    /// Whether a range ends before `today` (its answer can no longer change).
    static func isPast(_ range: FetchRange, today: Int64) -> Bool {
        guard let to = range.to else { return false }
        return to < today
    }

    /// Whether a body is one non-blank line that is not JSON: a CSV header with no rows under it.
    static func isHeaderOnlyCSV(_ body: [UInt8]) -> Bool {
        let lines = body.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 13 || $0 == 32 } }
        let first = lines.first?.first { $0 != 32 && $0 != 9 }
        return lines.count == 1 && first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
    }

    /// The text of a body, for reading a provider's message (at most `limit` characters, one line).
    static func excerpt(_ body: [UInt8], limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return String(line.prefix(limit)).trimmingCharactersWhitespace()
    }
}

/// Today's date as a store time (midnight UTC).
func today() -> Int64 {
    MarketTime.floorDiv(Int64(Date().timeIntervalSince1970.rounded(.down)), MarketTime.day) * MarketTime.day
}
