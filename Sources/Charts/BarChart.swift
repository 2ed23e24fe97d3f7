import CSV

/// A horizontal bar chart of labelled values (negative bars to the left of zero), optionally with an interval per bar
/// (error bars, e.g. a 95% confidence interval) and highlighted bars. Values that are not finite or beyond ±1e300 get
/// no bar: their label and value are printed, and a note under the title counts them.
///
/// Layout: category labels in a measured column on the left (shortened with "…" past 40% of the width), then room
/// for the widest value label of a bar pointing left, the plot, and room for the widest value label of a bar pointing
/// right; a value label sits beyond its bar or whisker, so it can meet neither its category label nor another bar.
public struct BarChart: Sendable {
    public var title: String
    public var labels: [String]
    public var values: [Double]
    public var unit: String
    /// Text before each value label ("$").
    public var prefix: String
    /// A smaller line under the title (what the whiskers are, a source).
    public var subtitle: String?
    /// Each bar's interval (low, high); nil, or a non-plottable bound, draws no whisker for that bar.
    public var intervals: [(low: Double, high: Double)?]
    /// Labels whose bars are drawn in the highlight colour with a bold label (others in the base colour).
    public var highlight: Set<String>
    public var width: Double

    public init(
        title: String, labels: [String], values: [Double], unit: String = "", prefix: String = "",
        subtitle: String? = nil, intervals: [(low: Double, high: Double)?] = [], highlight: Set<String> = [],
        width: Double = 760
    ) {
        self.title = title
        self.labels = labels
        self.values = values
        self.unit = unit
        self.prefix = prefix
        self.subtitle = subtitle
        self.intervals = intervals
        self.highlight = highlight
        self.width = width
    }

    /// Positive and negative bars (or, with highlights, highlighted and other bars): Okabe–Ito blue and vermillion.
    static let base = ChartColor(known: "#0072B2"), contrast = ChartColor(known: "#D55E00")

    /// The chart's data: label, value, and the interval's bounds when there are intervals.
    public func csv() -> String {
        let header = ["label", "value"] + (intervals.isEmpty ? [] : ["low", "high"])
        return CSVWriter.text(
            header: header,
            rows: labels.indices.map { i in
                var row = [labels[i], i < values.count ? ChartData.number(values[i]) : ""]
                if !intervals.isEmpty {
                    let interval = i < intervals.count ? intervals[i] : nil
                    row += [
                        interval.map { ChartData.number($0.low) } ?? "",
                        interval.map { ChartData.number($0.high) } ?? "",
                    ]
                }
                return row
            })
    }

    func valueLabel(_ value: Double) -> String { prefix + Ticks.compact(value) + unit }

    public func svg() throws -> String {
        guard !labels.isEmpty else { throw ChartError("a bar chart needs labels") }
        try ChartLimits.check(labels.count, ChartLimits.bars, "bars", advice: "chart the largest ones")
        guard labels.count == values.count else {
            throw ChartError("a bar chart has \(labels.count) labels for \(values.count) values")
        }
        guard intervals.isEmpty || intervals.count == values.count else {
            throw ChartError("a bar chart has \(intervals.count) intervals for \(values.count) values")
        }
        for (i, interval) in intervals.enumerated() {
            guard let interval, Plottable.contains(values[i]) else { continue }
            if interval.low > values[i] || interval.high < values[i] {
                throw ChartError(
                    "bar \(i + 1) ('\(labels[i])'): its interval [\(Ticks.label(interval.low)), "
                        + "\(Ticks.label(interval.high))] does not contain its value \(Ticks.label(values[i]))")
            }
        }
        let whiskers: [(low: Double, high: Double)?] = values.indices.map { i in
            guard i < intervals.count, let interval = intervals[i], Plottable.contains(values[i]),
                Plottable.contains(interval.low), Plottable.contains(interval.high)
            else { return nil }
            return interval
        }
        let drawn = values.map { Plottable.contains($0) ? $0 : 0 }
        let note = Plottable.note(skipped: values.count(where: { !Plottable.contains($0) }))
        let rowHeight = 24.0
        let top = 40.0 + (subtitle == nil ? 0 : 12) + (note == nil ? 0 : 12)
        let plotBottom = top + rowHeight * Double(labels.count) + 4
        let height = plotBottom + 22  // the value axis's tick labels under the bars
        // One scale and one number of decimals for every value label, so neighbours read alike.
        let shown = Ticks.labels(values).map { prefix + $0 + unit }
        let labelSize = 11.0
        let valueSize = 10.0
        let labelWidths = labels.map { TextMetrics.width($0, size: labelSize, bold: highlight.contains($0)) }
        let labelColumn = min(width * 0.4, (labelWidths.max() ?? 0))
        let labelRight = 8 + labelColumn
        // Each bar's reach, whisker included; its value label goes beyond it.
        let reach = drawn.indices.map { i in
            (low: min(drawn[i], whiskers[i]?.low ?? drawn[i]), high: max(drawn[i], whiskers[i]?.high ?? drawn[i]))
        }
        let valueWidths = shown.map { TextMetrics.width($0, size: valueSize) }
        let leftRoom = drawn.indices.filter { drawn[$0] < 0 }.map { valueWidths[$0] + 8 }.max() ?? 0
        let rightRoom = drawn.indices.filter { drawn[$0] >= 0 }.map { valueWidths[$0] + 8 }.max() ?? 0
        let left = labelRight + 10 + leftRoom
        let right = width - 8 - rightRoom
        let low = min(0, reach.map(\.low).min() ?? 0)
        let high = max(0, reach.map(\.high).max() ?? 0)
        let span = high - low == 0 ? 1 : high - low
        func px(_ v: Double) -> Double { left + (right - left) * (v - low) / span }
        var svg = SVG(width: width, height: height, label: title)
        svg.title(title)
        var captionY = 37.0
        if let subtitle {
            svg.caption(subtitle, y: captionY)
            captionY += 12
        }
        if let note { svg.caption(note, y: captionY, tone: .alert) }
        // The value axis: grid lines at round values across the plot, labelled under it.
        let plotWidth = right - left
        let ticks = Ticks.nice(low, high, count: plotWidth.isFinite ? Int(max(2, min(10, plotWidth / 90))) : 5)
        for (tick, text) in zip(ticks, Ticks.labels(ticks)) {
            svg.line(px(tick), top - 4, px(tick), plotBottom, tone: .grid)
            svg.text(px(tick), plotBottom + 14, prefix + text + unit, size: valueSize, anchor: .middle, tone: .muted)
        }
        for (i, (label, value)) in zip(labels, values).enumerated() {
            let y = top + rowHeight * Double(i)
            let baseline = y + rowHeight / 2 + 4
            let bold = highlight.contains(label)
            let shownLabel = TextMetrics.fit(label, width: labelColumn, size: labelSize, bold: bold)
            svg.text(labelRight, baseline, shownLabel, size: labelSize, anchor: .end, weight: bold ? .bold : .normal)
            guard Plottable.contains(value) else {  // a gap: the label and the value as given, no bar
                svg.text(px(0) + 4, baseline, prefix + Ticks.label(value) + unit, size: valueSize, tone: .alert)
                continue
            }
            let x0 = px(0)
            let x1 = px(value)
            let fill = highlight.isEmpty ? (value < 0 ? Self.contrast : Self.base) : (bold ? Self.contrast : Self.base)
            var tooltip = "\(label): \(shown[i])"
            if let whisker = whiskers[i] {
                tooltip += " (\(valueLabel(whisker.low)) to \(valueLabel(whisker.high)))"
            }
            svg.rect(min(x0, x1), y + 4, abs(x1 - x0), rowHeight - 8, fill: fill, title: tooltip)
            if let whisker = whiskers[i] {
                let mid = y + rowHeight / 2
                svg.line(px(whisker.low), mid, px(whisker.high), mid, tone: .ink, width: 1.2)
                svg.line(px(whisker.low), mid - 5, px(whisker.low), mid + 5, tone: .ink, width: 1.2)
                svg.line(px(whisker.high), mid - 5, px(whisker.high), mid + 5, tone: .ink, width: 1.2)
            }
            let outward = value < 0 ? px(reach[i].low) - 4 : px(reach[i].high) + 4
            svg.text(
                outward, baseline, shown[i], size: valueSize, anchor: value < 0 ? .end : .start, tone: .muted
            )
        }
        svg.line(px(0), top - 4, px(0), plotBottom, tone: .axis)
        return svg.document
    }
}
