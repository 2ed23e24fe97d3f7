import CSV
import JSONValue

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Frames as text: an aligned table for terminals, CSV and JSON for pipes.
extension Frame {
    /// A cell as text: dates as `YYYY-MM-DD`, integral numbers without decimals, missing values empty.
    /// `exact`: numbers in full (shortest round-trip form) rather than rounded for reading.
    public func text(row: Int, column index: Int, exact: Bool = false) -> String {
        switch columns[index] {
        case .time(let values): values[row] == Int64.min ? "" : MarketTime.format(values[row])
        case .int(let values):
            if values[row] == Int64.min {
                ""
            } else if !exact, let format = formats[names[index]] {
                format.string(Double(values[row]))
            } else {
                String(values[row])
            }
        case .double(let values):
            if exact {
                Frame.exact(values[row])
            } else if values[row].isNaN {
                ""
            } else if let format = formats[names[index]] {
                format.string(values[row])
            } else {
                Frame.format(values[row])
            }
        case .text(let values): values[row]
        case .category(let codes, let levels): levels[Int(codes[row])]
        }
    }

    /// `value` through C's printf `format` (one double conversion), as `String(format:)` without Foundation.
    static func printf(_ format: String, _ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let count = withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, format, $0) }
            let bytes = UnsafeRawBufferPointer(
                start: buffer.baseAddress, count: max(0, min(Int(count), buffer.count - 1)))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A number for reading (tables, HTML, reports): integral values under 10^15 as integers, others with four
    /// decimals (or six significant digits under 1), trailing zeros dropped, and very large or very small
    /// magnitudes (10^15 and up, under 10^-4) in exponent form with six significant digits (`3.7067e+24`, never
    /// the 25 digits of its binary expansion).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e15 { return String(Int64(value)) }
        if magnitude >= 1e15 || magnitude < 1e-4 { return exponent(printf("%.6g", value)) }
        var text = printf(magnitude >= 1 ? "%.4f" : "%.6g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `%g`'s exponent form without the zeros it pads with: 3.70670e+24 → 3.7067e+24, 1e-05 → 1e-05.
    static func exponent(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        var mantissa = String(text[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return mantissa + text[e...]
    }

    /// Full precision, integral values without ".0", missing empty.
    public static func exact(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An aligned table (numbers right-aligned) of at most `maxRows` rows, with a line saying how many were left out.
    public func table(maxRows: Int = 20) -> String {
        if names.isEmpty { return "(empty frame)" }
        let shown: [Int] =
            count <= maxRows
            ? Array(0..<count)
            : Array(0..<(maxRows / 2)) + Array((count - maxRows / 2)..<count)
        var cells: [[String]] = [names]
        for row in shown { cells.append((0..<names.count).map { text(row: row, column: $0) }) }
        let widths = (0..<names.count).map { column in cells.map { $0[column].count }.max() ?? 0 }
        let numeric = columns.map(\.isNumeric)
        var lines: [String] = []
        for (index, row) in cells.enumerated() {
            let padded = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric[column] ? pad + cell : cell + pad
            }
            lines.append(padded.joined(separator: "  ").trimmingTrailingSpaces())
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            if count > maxRows, index == maxRows / 2 { lines.append("…") }
        }
        lines.append("(\(count) row\(count == 1 ? "" : "s") × \(names.count) column\(names.count == 1 ? "" : "s"))")
        return lines.joined(separator: "\n")
    }

    /// RFC 4180 CSV with a header row; numbers in full precision.
    public func csv() -> String {
        var out = CSVWriter.line(names)
        for row in 0..<count {
            out += CSVWriter.line((0..<names.count).map { text(row: row, column: $0, exact: true) })
        }
        return out
    }

    /// A JSON array of row objects (missing numbers as null).
    public func json() -> String {
        var rows: [String] = []
        rows.reserveCapacity(count)
        for row in 0..<count {
            let fields = names.indices.map { index -> String in
                let value: String
                switch columns[index] {
                case .double(let values):
                    value = values[row].isFinite ? Frame.exact(values[row]) : "null"
                case .int(let values): value = values[row] == Int64.min ? "null" : String(values[row])
                default: value = Frame.jsonString(text(row: row, column: index))
                }
                return Frame.jsonString(names[index]) + ":" + value
            }
            rows.append("{" + fields.joined(separator: ",") + "}")
        }
        return "[" + rows.joined(separator: ",\n") + "]"
    }

    static func jsonString(_ text: String) -> String { JSONValue.quoted(text) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
