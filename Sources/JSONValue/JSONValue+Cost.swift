/// What parsing a JSON document costs in memory, known before it is parsed: a byte scan (no allocation) counts its
/// values, and the parse is refused when their estimated memory is more than the caller can give. A provider answer of
/// 63 MB made of `[{},{},…]` holds 21 million values; parsed, it took 4.2 GB and 46 s.
extension JSONValue {
    /// Bytes of memory one value costs when parsed and walked as the importers do (the `JSONValue` tree and the
    /// `Any` tree), rounded up from measurements (`swiftc -O`, peak RSS): FMP end-of-day rows, 4 million values in
    /// 57 MB, 130 bytes a value (tree +227 MB, `Any` tree +279 MB); `[{},{},…]`, 2.1 million values, 40 bytes.
    /// (Before `JSONParser`, through JSONDecoder and with an allocation per empty object: 190 bytes for `{}`.)
    public static let bytesPerValue = 200.0

    /// The most memory a parse may take when the caller states no limit: 2 GiB (a 63 MB answer of typical provider
    /// rows, about 4.5 million values, needs about 0.9 GB).
    public static let defaultParseLimit = 2.0 * 1_073_741_824

    /// The number of values in a JSON text: one, plus each element or member of every array and object (one more
    /// than its commas, none when it is empty), counting outside strings. (Not a validation: the parser still
    /// reads the document.)
    public static func valueCount(_ bytes: [UInt8]) -> Int {
        var count = 1
        var inString = false
        var escaped = false
        var opened = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if opened, byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
                opened = false
                if byte != UInt8(ascii: "}") && byte != UInt8(ascii: "]") { count += 1 }
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): opened = true
            case UInt8(ascii: ","): count += 1
            default: break
            }
        }
        return count
    }

    /// The memory parsing `bytes` is estimated to take, in bytes.
    public static func parseCost(of bytes: [UInt8]) -> Double {
        Double(valueCount(bytes)) * bytesPerValue + 2 * Double(bytes.count)
    }

    /// Why a document is too large to parse within `limit` bytes (nil: the default), or nil when it is not.
    public static func parseRefusal(_ bytes: [UInt8], limit: Double? = nil) -> String? {
        let limit = limit ?? defaultParseLimit
        let cost = parseCost(of: bytes)
        guard cost > limit else { return nil }
        return "it holds about \(valueCount(bytes)) JSON values in \(megabytes(Double(bytes.count))) MB, which would "
            + "take about \(megabytes(cost)) MB of memory to read, more than the \(megabytes(limit)) MB allowed"
    }

    private static func megabytes(_ bytes: Double) -> Int { Int((bytes / 1_048_576).rounded(.up)) }
}
