import Markup

/// Frames as HTML: a real `<table>` for notebooks and reports, the counterpart of `table(maxRows:)` for terminals.
extension Frame {
    /// The style sheet `html(maxRows:)` relies on (classes only, so a page can restyle it, e.g. for dark mode):
    /// numeric columns right-aligned in tabular figures, signed columns coloured by sign. Alignment is `!important`
    /// because notebook front ends right-align every cell with more specific selectors (JupyterLab's
    /// `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`).
    public static let htmlStyle = """
        table.aikit-frame{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums;margin:.5em 0}\
        table.aikit-frame th,table.aikit-frame td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left!important;\
        white-space:nowrap}table.aikit-frame th{border-bottom:2px solid #888}\
        table.aikit-frame .num{text-align:right!important}table.aikit-frame .pos{color:#1b6ca8}\
        table.aikit-frame .neg{color:#c0392b}table.aikit-frame td.gap{text-align:center!important;color:#888}\
        p.aikit-frame-note{font-size:12px;color:#666;margin:.2em 0 1em}\
        @media (prefers-color-scheme: dark){table.aikit-frame th,table.aikit-frame td{border-color:#555}\
        table.aikit-frame .pos{color:#6cb4ee}table.aikit-frame .neg{color:#ff8a7a}}
        """

    /// An HTML table of at most `maxRows` rows (the first and last halves, with a marked gap) and a note giving the
    /// frame's size. Numeric columns are right-aligned; a numeric column holding negative values (returns, changes)
    /// is "signed" and its cells carry `pos`/`neg` classes. Every cell is escaped.
    /// `formats`: how to write the numbers of named columns (e.g. `"%+.2f%%"` for a return already in percent);
    /// other numbers as `text(row:column:)` writes them.
    public func html(maxRows: Int = 20, formats: [String: NumberFormat] = [:]) -> String {
        if names.isEmpty { return "<p class=\"aikit-frame-note\">(empty frame)</p>" }
        let maxRows = max(2, maxRows)
        let shown: [Int] =
            count <= maxRows
            ? Array(0..<count)
            : Array(0..<(maxRows / 2)) + Array((count - maxRows / 2)..<count)
        let numeric = columns.map(\.isNumeric)
        let signed = columns.map(\.hasNegativeValues)
        let formatters = names.map { formats[$0] ?? self.formats[$0] }
        // Each shown cell written once: for the width estimate and for the table.
        let cells = shown.map { row in
            names.indices.map { column in
                if let format = formatters[column], let value = columns[column].double(at: row) {
                    return format.string(value)
                }
                return text(row: row, column: column)
            }
        }
        let times = columns.map { if case .time = $0 { true } else { false } }
        var out = "<table class=\"\(Self.widthClass(names: names, cells: cells))\"><thead><tr>"
        for (index, name) in names.enumerated() {
            out += numeric[index] ? "<th class=\"num\">" : "<th>"
            out += Markup.escape(name) + "</th>"
        }
        out += "</tr></thead><tbody>\n"
        for (position, row) in shown.enumerated() {
            if count > maxRows, position == maxRows / 2 {
                out += "<tr><td class=\"gap\" colspan=\"\(names.count)\">… \(count - shown.count) rows …</td></tr>\n"
            }
            out += "<tr>"
            for column in names.indices {
                var classes: [String] = []
                if numeric[column] { classes.append("num") }
                if times[column] { classes.append("time") }
                if signed[column], let value = columns[column].double(at: row), value != 0 {
                    classes.append(value > 0 ? "pos" : "neg")
                }
                out += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
                out += Markup.escape(cells[position][column]) + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table>\n<p class=\"aikit-frame-note\">\(count) row\(count == 1 ? "" : "s") × \(names.count) "
        out += "column\(names.count == 1 ? "" : "s")"
        if count > maxRows { out += " (showing the first and last \(maxRows / 2))" }
        return out + "</p>"
    }
}

extension Frame {
    /// `aikit-frame`, plus `aikit-compact` for a table too wide for a portrait page at body size and `aikit-wide` for
    /// one too wide even in small type (print styles set small type, and landscape pages for wide ones). The width
    /// is estimated in characters: each column's longest cell, its header's longest word (headers wrap), and the
    /// cells' padding; a portrait A4 or Letter page holds about 90 at 10.5 pt and 120 at 8 pt.
    static func widthClass(names: [String], cells: [[String]]) -> String {
        var characters = 0
        for column in names.indices {
            let header = names[column].split(separator: " ").map(\.count).max() ?? 0
            let widest = cells.map { $0[column].count }.max() ?? 0
            characters += max(header, widest) + 3
        }
        return characters > 120
            ? "aikit-frame aikit-wide" : characters > 90 ? "aikit-frame aikit-compact" : "aikit-frame"
    }
}

/// A printf-style format for one number (`"%+.2f%%"`, `"$%.3fM"`, `"%.2e"`), checked so that it holds exactly one
/// conversion of a double (`f`, `e` or `g`, with flags `+ -0#`, a width and a precision of up to two digits each)
/// and any literal text around it (`%%` for a percent sign).
public struct NumberFormat: Sendable, Equatable {
    public let spec: String

    public init(_ spec: String) throws(FrameError) {
        var conversions = 0
        var characters = Array(spec)[...]
        func fail(_ why: String) -> FrameError {
            .badArgument(
                "format '\(spec)' \(why); use one conversion like %.2f, %+.1f%% or %.3e (%% for a percent sign)")
        }
        guard spec.count <= 24 else { throw fail("is longer than 24 characters") }
        while let character = characters.popFirst() {
            guard character == "%" else {
                guard character.isASCII, (character.asciiValue ?? 0) >= 32 else {
                    throw fail("holds a control or non-ASCII character")
                }
                continue
            }
            if characters.first == "%" {
                characters.removeFirst()
                continue
            }
            while let flag = characters.first, "+- 0#".contains(flag) { characters.removeFirst() }
            var digits = 0
            while let digit = characters.first, digit.isASCII, digit.isNumber {
                characters.removeFirst()
                digits += 1
            }
            if characters.first == "." {
                characters.removeFirst()
                var precision = 0
                while let digit = characters.first, digit.isASCII, digit.isNumber {
                    characters.removeFirst()
                    precision += 1
                }
                guard precision <= 2 else { throw fail("has a precision of more than two digits") }
            }
            guard digits <= 2 else { throw fail("has a width of more than two digits") }
            guard let conversion = characters.popFirst(), "feEgG".contains(conversion) else {
                throw fail("has a conversion other than f, e or g")
            }
            conversions += 1
        }
        guard conversions == 1 else { throw fail("has \(conversions) conversions, not one") }
        self.spec = spec
    }

    /// The value through the format (missing values are written empty by the caller).
    public func string(_ value: Double) -> String { Frame.printf(spec, value) }
}

extension Column {
    var isNumeric: Bool {
        switch self {
        case .double, .int: true
        default: false
        }
    }

    /// True for a numeric column with at least one negative value.
    var hasNegativeValues: Bool {
        switch self {
        case .double(let values): values.contains { $0 < 0 }
        case .int(let values): values.contains { $0 < 0 && $0 != Int64.min }
        default: false
        }
    }

    /// The value at `row` as a double, nil when missing or not numeric.
    func double(at row: Int) -> Double? {
        switch self {
        case .double(let values): values[row].isNaN ? nil : values[row]
        case .int(let values): values[row] == Int64.min ? nil : Double(values[row])
        default: nil
        }
    }
}
