import CSV

/// A line chart: series over shared x labels (dates or numbers as text), with optional event markers. Missing values,
/// and values that are not finite or beyond ±1e300, are gaps; a note under the title counts the latter.
///
/// Labels are measured (`TextMetrics`) and placed so that none collides or leaves the chart: the left margin fits the
/// widest tick label, x labels are thinned to every n-th and turned upright when even that leaves fewer than four,
/// legend names are shortened to the legend's width, and a marker label near the right edge is drawn to the
/// left of its line.
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

    public init(
        title: String, x: [String], series: [Series], markers: [Marker] = [], xLabel: String? = nil,
        yLabel: String? = nil, width: Double = 760, height: Double = 420
    ) {
        self.title = title
        self.x = x
        self.series = series
        self.markers = markers
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// The chart's data: one row per x label, one column per series (missing values empty).
    public func csv() -> String {
        CSVWriter.text(
            header: ["x"] + series.map(\.name),
            rows: x.indices.map { i in
                [x[i]] + series.map { s in i < s.values.count ? s.values[i].map(ChartData.number) ?? "" : "" }
            })
    }

    public func svg() throws -> String {
        guard !x.isEmpty else { throw ChartError("a line chart needs x values") }
        guard !series.isEmpty else { throw ChartError("a line chart needs at least one series") }
        try ChartLimits.check(series.count, ChartLimits.series, "series", advice: "plot a selection (the top 20, say)")
        try ChartLimits.check(
            x.count * series.count, ChartLimits.points, "points", advice: "resample to fewer x values")
        for s in series where s.values.count != x.count {
            throw ChartError("series '\(s.name)' has \(s.values.count) values for \(x.count) x values")
        }
        let given = series.flatMap { $0.values.compactMap { $0 } }
        let values = given.filter(Plottable.contains)
        guard let low = values.min(), let high = values.max() else {
            throw ChartError("no values to plot (all missing, not finite or beyond ±1e300)")
        }
        let markerIndices = try markers.map { marker in
            guard let i = x.firstIndex(of: marker.x) else {
                throw ChartError("marker x '\(marker.x)' is not one of the x values")
            }
            return i
        }
        let pad = (high - low) * 0.05 + (high == low ? 1 : 0)
        let ticks = Ticks.nice(low - pad, high + pad)
        let yMin = min(ticks.first ?? low, low - pad)
        let yMax = max(ticks.last ?? high, high + pad)
        let tickLabels = ticks.map(Ticks.label)
        let tickWidth = tickLabels.map { TextMetrics.width($0, size: 11) }.max() ?? 0
        let xLabelWidth = x.map { TextMetrics.width($0, size: 10) }.max() ?? 0
        let legendWidth = min(width * 0.3, (series.map { TextMetrics.width($0.name, size: 11) }.max() ?? 0) + 40)
        let left = (yLabel == nil ? 8 : 28) + tickWidth + 8
        let right = width - legendWidth - 10
        let top = 44.0
        let axisTitle = xLabel == nil ? 0.0 : 22
        // x labels: every `step`-th, upright when horizontal ones would leave fewer than four.
        let spacing = x.count == 1 ? right - left : (right - left) / Double(x.count - 1)
        var step = Layout.every((xLabelWidth + 8) / spacing, of: x.count)
        let upright = x.count > 1 && x.count / step < 4 && x.count >= 4
        if upright { step = Layout.every((10 * 1.15 + 4) / spacing, of: x.count) }
        let bottom = height - (upright ? xLabelWidth + 14 : 30) - axisTitle

        func px(_ i: Int) -> Double { x.count == 1 ? (left + right) / 2 : left + spacing * Double(i) }
        func py(_ v: Double) -> Double { bottom - (bottom - top) * (v - yMin) / (yMax - yMin) }
        var svg = SVG(width: width, height: height, label: title)
        svg.title(title)
        if let note = Plottable.note(skipped: given.count - values.count) { svg.caption(note, y: 37, tone: .alert) }
        for (tick, label) in zip(ticks, tickLabels) {
            svg.line(left, py(tick), right, py(tick), tone: .grid)
            svg.text(left - 6, py(tick) + 4, label, size: 11, anchor: .end, tone: .muted)
        }
        svg.line(left, bottom, right, bottom, tone: .axis)
        svg.line(left, top, left, bottom, tone: .axis)
        var shown = Array(stride(from: 0, to: x.count, by: step))
        // The last label too, in place of the one before it when the two would touch.
        if let last = shown.last, last != x.count - 1 {
            if px(x.count - 1) - px(last) < (upright ? 10 * 1.15 + 4 : xLabelWidth + 8) { shown.removeLast() }
            shown.append(x.count - 1)
        }
        for i in shown {
            if upright {
                svg.text(px(i) + 4, bottom + 8, x[i], size: 10, anchor: .end, tone: .muted, rotate: -90)
            } else {
                // Kept inside the chart at both ends.
                let half = TextMetrics.width(x[i], size: 10) / 2
                let centre = min(max(px(i), half + 2), width - half - 2)
                svg.text(centre, bottom + 16, x[i], size: 10, anchor: .middle, tone: .muted)
            }
        }
        // Marker labels: right of their line, or left of it near the right edge; stacked when they would collide.
        var placed: [LabelBox] = []
        for (marker, i) in zip(markers, markerIndices) {
            svg.line(px(i), top, px(i), bottom, stroke: Tone.alert.color, width: 1.5, dashed: true, tone: .alert)
            let labelWidth = TextMetrics.width(marker.label, size: 11)
            let toLeft = px(i) + 4 + labelWidth > right && px(i) - 4 - labelWidth >= left
            let anchorX = toLeft ? px(i) - 4 : px(i) + 4
            var y = top + 12
            var box = LabelBox(x: anchorX, y: y, text: marker.label, size: 11, anchor: toLeft ? .end : .start)
            while placed.contains(where: { $0.overlaps(box, gap: 2) }), y + 14 < bottom {
                y += 14
                box = LabelBox(x: anchorX, y: y, text: marker.label, size: 11, anchor: toLeft ? .end : .start)
            }
            placed.append(box)
            let shown = TextMetrics.fit(marker.label, width: toLeft ? anchorX - 2 : width - anchorX - 2, size: 11)
            svg.text(anchorX, y, shown, size: 11, anchor: toLeft ? .end : .start, tone: .alert)
        }
        let legendRows = Layout.every((bottom - top) / 16, of: series.count)
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
            guard index < legendRows else { continue }
            let ly = top + 16 * Double(index)
            if index == legendRows - 1, series.count > legendRows {
                svg.text(right + 14, ly + 4, "+\(series.count - index) more", size: 11, tone: .muted)
                continue
            }
            svg.line(right + 14, ly, right + 30, ly, stroke: Palette.color(index), width: 3)
            svg.text(right + 34, ly + 4, TextMetrics.fit(s.name, width: width - right - 36, size: 11), size: 11)
        }
        svg.axisTitles(x: xLabel, y: yLabel, left: left, right: right, top: top, bottom: bottom)
        return svg.document
    }
}
