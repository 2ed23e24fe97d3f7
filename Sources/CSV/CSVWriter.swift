/// The one RFC 4180 CSV writer, beside the reader: frames (`frame:csv()`, `--format csv`) and chart data.
public enum CSVWriter {
    /// One field: quoted (with quotes doubled) when it holds a comma, quote or line break.
    /// By Unicode scalar, as `Markup.escape` (a quote or comma with a combining mark after it is still one).
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    /// CSV text with a header row: each row one line, every field through `field`.
    public static func text(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// One record: the fields through `field`, joined by commas, ending in a line feed.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
