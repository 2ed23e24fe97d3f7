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

    /// The character references `escape` writes, back to characters (for text read back out of escaped markup).
    public static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
    }
}
