/// Why a chart cannot be drawn as specified.
public struct ChartError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A line chart: series over shared x labels (dates or numbers as text), with optional event markers. Missing values,
/// and values that are not finite or beyond ±1e300, are gaps; a note under the title counts the latter.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public struct Marker: Sendable {
        /// One of the x labels.
        public var x: String
        public var label: String
        public init(x: String, label: String) {
            self.x = x
            self.label = label
        }
    }

    public var title: String
    public var x: [String]
    public var series: [Series]
    public var markers: [Marker]
    public var xLabel: String?
    public var yLabel: String?
    public var width: Double
    public var height: Double

    public init(title: String, x: [String], series: [Series], markers: [Marker] = [], xLabel: String? = nil,
                yLabel: String? = nil, width: Double = 760, height: Double = 420)
    {
        self.title = title
        self.x = x
        self.series = series
        self.markers = markers
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    public func svg() throws -> String {
        guard !x.isEmpty else { throw ChartError("a line chart needs x values") }
        guard !series.isEmpty else { throw ChartError("a line chart needs at least one series") }
        for s in series where s.values.count != x.count {
            throw ChartError("series '\(s.name)' has \(s.values.count) values for \(x.count) x values")
        }
        let given = series.flatMap { $0.values.compactMap { $0 } }
        let values = given.filter(Plottable.contains)
        guard let low = values.min(), let high = values.max() else {
            throw ChartError("no values to plot (all missing, not finite or beyond ±1e300)")
        }
        let pad = (high - low) * 0.05 + (high == low ? 1 : 0)
        let ticks = Ticks.nice(low - pad, high + pad)
        let yMin = min(ticks.first ?? low, low - pad)
        let yMax = max(ticks.last ?? high, high + pad)
        let legendWidth = min(200.0, Double(series.map(\.name.count).max() ?? 0) * 7 + 30)
        let left = 60.0, right = width - legendWidth - 10, top = 40.0, bottom = height - 50
        var svg = SVG(width: width, height: height)
        svg.text(width / 2, 22, title, size: 16, anchor: "middle", weight: "bold")
        if let note = Plottable.note(skipped: given.count - values.count) {
            svg.text(width / 2, 36, note, size: 10, anchor: "middle", fill: "#B00020")
        }
        func px(_ i: Int) -> Double { x.count == 1 ? (left + right) / 2 : left + (right - left) * Double(i) / Double(x.count - 1) }
        func py(_ v: Double) -> Double { bottom - (bottom - top) * (v - yMin) / (yMax - yMin) }
        for tick in ticks {
            svg.line(left, py(tick), right, py(tick), stroke: "#e5e5e5")
            svg.text(left - 6, py(tick) + 4, Ticks.label(tick), size: 11, anchor: "end", fill: "#555")
        }
        svg.line(left, bottom, right, bottom, stroke: "#333")
        svg.line(left, top, left, bottom, stroke: "#333")
        let every = max(1, x.count / 8)
        for (i, label) in x.enumerated() where i % every == 0 || i == x.count - 1 {
            svg.text(px(i), bottom + 16, label, size: 10, anchor: "middle", fill: "#555")
        }
        for marker in markers {
            guard let i = x.firstIndex(of: marker.x) else { throw ChartError("marker x '\(marker.x)' is not one of the x values") }
            svg.line(px(i), top, px(i), bottom, stroke: "#B00020", width: 1.5, dash: "5,4")
            svg.text(px(i) + 4, top + 12, marker.label, size: 11, fill: "#B00020")
        }
        for (index, s) in series.enumerated() {
            var run: [(Double, Double)] = []
            for (i, value) in s.values.enumerated() {
                if let value, Plottable.contains(value) {
                    run.append((px(i), py(value)))
                } else if !run.isEmpty {
                    svg.polyline(run, stroke: Palette.color(index))
                    run = []
                }
            }
            if !run.isEmpty { svg.polyline(run, stroke: Palette.color(index)) }
            let ly = top + 16 * Double(index)
            svg.line(right + 14, ly, right + 30, ly, stroke: Palette.color(index), width: 3)
            svg.text(right + 34, ly + 4, s.name, size: 11)
        }
        if let xLabel { svg.text((left + right) / 2, height - 12, xLabel, size: 12, anchor: "middle") }
        if let yLabel { svg.text(16, (top + bottom) / 2, yLabel, size: 12, anchor: "middle", rotate: -90) }
        return svg.document
    }
}

/// A horizontal bar chart of labelled values (negative bars to the left of zero). Values that are not finite or beyond
/// ±1e300 get no bar: their label and value are printed, and a note under the title counts them.
public struct BarChart: Sendable {
    public var title: String
    public var labels: [String]
    public var values: [Double]
    public var unit: String
    public var width: Double

    public init(title: String, labels: [String], values: [Double], unit: String = "", width: Double = 760) {
        self.title = title
        self.labels = labels
        self.values = values
        self.unit = unit
        self.width = width
    }

    public func svg() throws -> String {
        guard !labels.isEmpty else { throw ChartError("a bar chart needs labels") }
        guard labels.count == values.count else {
            throw ChartError("a bar chart has \(labels.count) labels for \(values.count) values")
        }
        let drawn = values.map { Plottable.contains($0) ? $0 : 0 }
        let note = Plottable.note(skipped: values.count(where: { !Plottable.contains($0) }))
        let rowHeight = 24.0
        let height = 60 + rowHeight * Double(labels.count)
        let labelWidth = min(260.0, Double(labels.map(\.count).max() ?? 0) * 7 + 16)
        // Room for the value printed left of a negative bar.
        let left = labelWidth + (drawn.contains { $0 < 0 } ? 48 : 0), right = width - 70
        let low = min(0, drawn.min() ?? 0), high = max(0, drawn.max() ?? 0)
        let span = high - low == 0 ? 1 : high - low
        func px(_ v: Double) -> Double { left + (right - left) * (v - low) / span }
        var svg = SVG(width: width, height: height)
        svg.text(width / 2, 22, title, size: 16, anchor: "middle", weight: "bold")
        if let note { svg.text(width / 2, 36, note, size: 10, anchor: "middle", fill: "#B00020") }
        for (i, (label, value)) in zip(labels, values).enumerated() {
            let y = 40 + rowHeight * Double(i)
            guard Plottable.contains(value) else {  // a gap: the label and the value as given, no bar
                svg.text(left - 8, y + rowHeight / 2 + 4, label, size: 11, anchor: "end")
                svg.text(px(0) + 4, y + rowHeight / 2 + 4, Ticks.label(value) + unit, size: 10, fill: "#B00020")
                continue
            }
            let x0 = px(0), x1 = px(value)
            svg.rect(min(x0, x1), y + 3, abs(x1 - x0), rowHeight - 6, fill: value < 0 ? "#D55E00" : "#0072B2",
                     title: "\(label): \(Ticks.label(value))\(unit)")
            svg.text(left - 8, y + rowHeight / 2 + 4, label, size: 11, anchor: "end")
            svg.text(value < 0 ? x1 - 4 : x1 + 4, y + rowHeight / 2 + 4, Ticks.label((value * 100).rounded() / 100) + unit,
                     size: 10, anchor: value < 0 ? "end" : "start", fill: "#333")
        }
        svg.line(px(0), 36, px(0), height - 16, stroke: "#333")
        return svg.document
    }
}

/// A grid of categorical cells (e.g. chip × date export status), one colour per category, with a legend.
public struct Heatmap: Sendable {
    public var title: String
    public var rows: [String]
    public var columns: [String]
    /// cells[row][column]: the category label of each cell.
    public var cells: [[String]]
    /// Category → colour (CSS); categories without one get palette colours.
    public var colors: [String: String]
    public var width: Double

    public init(title: String, rows: [String], columns: [String], cells: [[String]], colors: [String: String] = [:],
                width: Double = 760)
    {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.colors = colors
        self.width = width
    }

    public func svg() throws -> String {
        guard !rows.isEmpty, !columns.isEmpty else { throw ChartError("a heatmap needs rows and columns") }
        guard cells.count == rows.count, cells.allSatisfy({ $0.count == columns.count }) else {
            throw ChartError("a heatmap needs \(rows.count) rows of \(columns.count) cells")
        }
        var categories: [String] = []
        for row in cells { for cell in row where !categories.contains(cell) { categories.append(cell) } }
        var palette = colors
        var next = 0
        for category in categories where palette[category] == nil {
            palette[category] = Palette.color(next)
            next += 1
        }
        let labelWidth = min(160.0, Double(rows.map(\.count).max() ?? 0) * 7 + 16)
        let cellWidth = (width - labelWidth - 20) / Double(columns.count)
        let cellHeight = 26.0
        let legendTop = 60 + cellHeight * Double(rows.count) + 16
        let height = legendTop + 18 * Double(categories.count) + 10
        var svg = SVG(width: width, height: height)
        svg.text(width / 2, 22, title, size: 16, anchor: "middle", weight: "bold")
        for (j, column) in columns.enumerated() {
            svg.text(labelWidth + cellWidth * (Double(j) + 0.5), 50, column, size: 11, anchor: "middle", weight: "bold")
        }
        for (i, row) in rows.enumerated() {
            let y = 60 + cellHeight * Double(i)
            svg.text(labelWidth - 8, y + cellHeight / 2 + 4, row, size: 11, anchor: "end")
            for (j, cell) in cells[i].enumerated() {
                svg.rect(labelWidth + cellWidth * Double(j) + 1, y + 1, cellWidth - 2, cellHeight - 2,
                         fill: palette[cell] ?? "#ccc", title: "\(row), \(columns[j]): \(cell)")
            }
        }
        for (k, category) in categories.enumerated() {
            let y = legendTop + 18 * Double(k)
            svg.rect(labelWidth, y, 14, 14, fill: palette[category] ?? "#ccc")
            svg.text(labelWidth + 20, y + 11, category, size: 11)
        }
        return svg.document
    }
}

/// Terminal sparkline: "▁▂▄█" for quick looks in the REPL; values that are not finite or beyond ±1e300 are
/// blanks.
public enum Sparkline {
    public static func render(_ values: [Double]) -> String {
        let finite = values.filter(Plottable.contains)
        guard let low = finite.min(), let high = finite.max() else { return "" }
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(values.map { value -> Character in
            guard Plottable.contains(value) else { return " " }
            if high == low { return blocks[3] }
            return blocks[min(blocks.count - 1, Int((value - low) / (high - low) * Double(blocks.count - 1) + 0.5))]
        })
    }
}

/// One self-contained HTML file: a title, then sections of text, preformatted tables and inline SVG charts.
public struct HTMLReport: Sendable {
    public enum Block: Sendable {
        case heading(String)
        case paragraph(String)
        case preformatted(String)
        case svg(String)
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }

    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(SVG.escape(title))</title>"
        out += "<style>body{font-family:Helvetica,Arial,sans-serif;max-width:900px;margin:2em auto;color:#222}"
        out += "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:12px}svg{max-width:100%;height:auto;"
        out += "margin:1em 0}</style></head><body>\n<h1>\(SVG.escape(title))</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let text): out += "<h2>\(SVG.escape(text))</h2>\n"
            case .paragraph(let text): out += "<p>\(SVG.escape(text))</p>\n"
            case .preformatted(let text): out += "<pre>\(SVG.escape(text))</pre>\n"
            case .svg(let svg): out += svg + "\n"
            }
        }
        return out + "<p style=\"color:#777;font-size:11px\">Made with aikit.</p></body></html>\n"
    }
}
