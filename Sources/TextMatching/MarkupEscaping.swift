/// Text made safe for HTML and SVG element content and attribute values (one escaper for charts, reports and
/// notebook output).
public enum Markup {
    /// Escapes by Unicode scalar, not by `Character`: a `"` or `<` followed by a combining mark is one grapheme
    /// cluster that equals neither, yet a browser's tokenizer reads the `"` or `<` on its own (found by the
    /// report-render fuzz target: `<` + U+0597 reached a chart's SVG unescaped).
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Markup {
    /// One RFC 4180 CSV field: quoted (with quotes doubled) when it holds a comma, quote or line break (one writer for
    /// frames and chart data).
    /// By Unicode scalar, as `escape` (a quote or comma with a combining mark after it is still one).
    public static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    /// CSV text with a header row: each row one line, every field through `csvField`.
    public static func csv(header: [String], rows: [[String]]) -> String {
        var out = header.map(csvField).joined(separator: ",") + "\n"
        for row in rows { out += row.map(csvField).joined(separator: ",") + "\n" }
        return out
    }

    /// Text as a `data:` URI payload (RFC 2397 with RFC 3986 percent-encoding of everything but unreserved bytes), for
    /// a download link that needs no server.
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
