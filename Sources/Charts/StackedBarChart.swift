import CSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Horizontal bars made of named segments (e.g. a day's cost beside its revenue split by source), with each bar's
/// total beyond its end, each segment's value inside it where it fits, and a legend that wraps under the bars.
/// Segment values must be ≥ 0 (a stack of signed parts has no single reading); a missing part is 0.
public struct StackedBarChart: Sendable {
    public struct Segment: Sendable {
        public var name: String
        /// One value per bar.
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var labels: [String]
    public var segments: [Segment]
    public var unit: String
    public var prefix: String
    public var subtitle: String?
    /// Segment name → colour; others get Okabe–Ito colours in order.
    public var colors: [String: ChartColor]
    public var width: Double

    public init(
        title: String, labels: [String], segments: [Segment], unit: String = "", prefix: String = "",
        subtitle: String? = nil, colors: [String: ChartColor] = [:], width: Double = 760
    ) {
        self.title = title
        self.labels = labels
        self.segments = segments
        self.unit = unit
        self.prefix = prefix
        self.subtitle = subtitle
        self.colors = colors
        self.width = width
    }

    /// The chart's data: one row per bar, one column per segment, and the total.
    public func csv() -> String {
        CSVWriter.text(
            header: ["label"] + segments.map(\.name) + ["total"],
            rows: labels.indices.map { i in
                let parts = segments.map { i < $0.values.count ? $0.values[i] : 0 }
                return [labels[i]] + parts.map(ChartData.number) + [ChartData.number(parts.reduce(0, +))]
            })
    }

    func valueLabel(_ value: Double) -> String { prefix + Ticks.compact(value) + unit }

    public func svg() throws -> String {
        guard !labels.isEmpty else { throw ChartError("a stacked bar chart needs labels") }
        guard !segments.isEmpty else { throw ChartError("a stacked bar chart needs at least one segment") }
        try ChartLimits.check(labels.count, ChartLimits.bars, "bars", advice: "chart the largest ones")
        try ChartLimits.check(segments.count, ChartLimits.segments, "segments", advice: "group the small ones")
        for segment in segments {
            guard segment.values.count == labels.count else {
                throw ChartError(
                    "segment '\(segment.name)' has \(segment.values.count) values for \(labels.count) labels")
            }
            for (i, value) in segment.values.enumerated() where !(Plottable.contains(value) && value >= 0) {
                throw ChartError(
                    "segment '\(segment.name)', bar \(i + 1) ('\(labels[i])'): \(Ticks.label(value)) is not "
                        + "a finite value ≥ 0 (stacked parts must be ≥ 0; use a bar chart for signed values)")
            }
        }
        let palette = Palette.assign(segments.map(\.name), given: colors)
        let totals = labels.indices.map { i in segments.reduce(0) { $0 + $1.values[i] } }
        let rowHeight = 30.0
        let labelSize = 11.0
        let valueSize = 10.0
        let top = 40.0 + (subtitle == nil ? 0 : 12)
        let labelColumn = min(width * 0.35, labels.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0)
        let left = 8 + labelColumn + 10
        let right =
            width - 8 - ((totals.map { TextMetrics.width(valueLabel($0), size: valueSize, bold: true) }.max() ?? 0) + 8)
        // The legend: swatch + name, wrapped to the width.
        var legend: [(x: Double, row: Int, name: String)] = []
        var cursor = left
        var row = 0
        for segment in segments {
            let name = TextMetrics.fit(segment.name, width: width - left - 30, size: 11)
            let itemWidth = 18 + TextMetrics.width(name, size: 11) + 16
            if cursor > left, cursor + itemWidth > width - 8 {
                row += 1
                cursor = left
            }
            legend.append((cursor, row, name))
            cursor += itemWidth
        }
        let barsBottom = top + rowHeight * Double(labels.count)
        let height = barsBottom + 14 + 18 * Double(row + 1) + 6
        let high = max(totals.max() ?? 0, 0)
        func px(_ v: Double) -> Double { left + (right - left) * v / (high == 0 ? 1 : high) }
        var svg = SVG(width: width, height: height, label: title)
        svg.title(title)
        if let subtitle { svg.caption(subtitle, y: 37) }
        for (i, label) in labels.enumerated() {
            let y = top + rowHeight * Double(i)
            let baseline = y + rowHeight / 2 + 4
            svg.text(
                8 + labelColumn, baseline, TextMetrics.fit(label, width: labelColumn, size: labelSize),
                size: labelSize, anchor: .end)
            var start = 0.0
            for segment in segments {
                let value = segment.values[i]
                guard value > 0 else { continue }
                let fill = palette[segment.name] ?? Palette.fallback
                let x0 = px(start)
                let x1 = px(start + value)
                svg.rect(
                    x0, y + 4, x1 - x0, rowHeight - 8, fill: fill,
                    title: "\(label), \(segment.name): \(valueLabel(value))")
                let text = valueLabel(value)
                if TextMetrics.width(text, size: valueSize) + 6 <= x1 - x0 {
                    svg.text(
                        (x0 + x1) / 2, baseline, text, size: valueSize, anchor: .middle, fill: Contrast.text(on: fill))
                }
                start += value
            }
            svg.text(
                px(totals[i]) + 4, baseline, valueLabel(totals[i]), size: valueSize, anchor: .start, weight: .bold)
        }
        svg.line(left, top - 2, left, barsBottom + 2, tone: .axis)
        for (item, segment) in zip(legend, segments) {
            let y = barsBottom + 14 + 18 * Double(item.row)
            svg.rect(item.x, y, 12, 12, fill: palette[segment.name] ?? Palette.fallback)
            svg.text(item.x + 18, y + 10, item.name, size: 11)
        }
        return svg.document
    }
}

/// Black or white text, whichever reads better on a fill (WCAG relative luminance of a #rrggbb colour).
enum Contrast {
    static func text(on fill: ChartColor) -> ChartColor {
        text(on: fill.hex) == "#000000" ? ChartColor(known: "#000000") : ChartColor(known: "#ffffff")
    }

    static func text(on fill: String) -> String {
        let hex = fill.hasPrefix("#") ? fill.dropFirst() : Substring(fill)
        guard hex.count == 6, let rgb = UInt32(hex, radix: 16) else { return "#000000" }
        func channel(_ shift: UInt32) -> Double {
            let c = Double((rgb >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05): black wins above L ≈ 0.179.
        return luminance > 0.179 ? "#000000" : "#ffffff"
    }
}
