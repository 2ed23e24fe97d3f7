import CSV

/// A scatter chart of (x, y) points with the least-squares line through them (y = a + b·x, ordinary least squares)
/// and its slope and R² under the title. Missing, non-finite and out-of-range (beyond ±1e300) points are left out;
/// a note counts them.
public struct ScatterChart: Sendable {
    public var title: String
    public var x: [Double?]
    public var y: [Double?]
    public var xLabel: String?
    public var yLabel: String?
    public var fit: Bool
    public var width: Double
    public var height: Double

    public init(
        title: String, x: [Double?], y: [Double?], xLabel: String? = nil, yLabel: String? = nil, fit: Bool = true,
        width: Double = 760, height: Double = 420
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.fit = fit
        self.width = width
        self.height = height
    }

    /// The plotted points.
    var points: [(Double, Double)] {
        zip(x, y).compactMap { a, b in
            guard let a, let b, Plottable.contains(a), Plottable.contains(b) else { return nil }
            return (a, b)
        }
    }

    /// The least-squares intercept, slope and R² of the points (nil with fewer than two distinct x values).
    public var line: (intercept: Double, slope: Double, r2: Double)? {
        let p = points
        let n = Double(p.count)
        guard p.count >= 2 else { return nil }
        let mx = p.reduce(0) { $0 + $1.0 } / n
        let my = p.reduce(0) { $0 + $1.1 } / n
        let sxx = p.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        let syy = p.reduce(0) { $0 + ($1.1 - my) * ($1.1 - my) }
        let sxy = p.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return (my - slope * mx, slope, syy > 0 ? sxy * sxy / (sxx * syy) : 1)
    }

    /// The chart's data: x and y of each point given.
    public func csv() -> String {
        CSVWriter.text(
            header: [xLabel ?? "x", yLabel ?? "y"],
            rows: zip(x, y).map { [$0.map(ChartData.number) ?? "", $1.map(ChartData.number) ?? ""] })
    }

    public func svg() throws -> String {
        guard x.count == y.count else { throw ChartError("a scatter chart has \(x.count) x values for \(y.count) y") }
        let p = points
        guard let xLow = p.map(\.0).min(), let xHigh = p.map(\.0).max(), let yLow = p.map(\.1).min(),
            let yHigh = p.map(\.1).max()
        else { throw ChartError("no points to plot (all missing, not finite or beyond ±1e300)") }
        func padded(_ low: Double, _ high: Double) -> (ticks: [Double], low: Double, high: Double) {
            let pad = (high - low) * 0.05 + (high == low ? 1 : 0)
            let ticks = Ticks.nice(low - pad, high + pad)
            return (ticks, min(ticks.first ?? low, low - pad), max(ticks.last ?? high, high + pad))
        }
        let xs = padded(xLow, xHigh)
        let ys = padded(yLow, yHigh)
        let yTickLabels = ys.ticks.map(Ticks.label)
        let left = (yLabel == nil ? 8 : 28) + (yTickLabels.map { TextMetrics.width($0, size: 11) }.max() ?? 0) + 8
        let right = width - 16
        let top = 52.0
        let bottom = height - 30 - (xLabel == nil ? 0 : 22)
        func px(_ v: Double) -> Double { left + (right - left) * (v - xs.low) / (xs.high - xs.low) }
        func py(_ v: Double) -> Double { bottom - (bottom - top) * (v - ys.low) / (ys.high - ys.low) }
        var svg = SVG(width: width, height: height, label: title)
        svg.title(title)
        let fitted = fit ? line : nil
        if let fitted {
            let text =
                "fit: y = \(Ticks.label(fitted.intercept)) + \(Ticks.label(fitted.slope))·x, R² = \(Ticks.fixed(fitted.r2, decimals: 3))"
            svg.caption(text, y: 37)
        }
        if let note = Plottable.note(skipped: x.count - p.count) { svg.caption(note, y: 49, tone: .alert) }
        for (tick, label) in zip(ys.ticks, yTickLabels) {
            svg.line(left, py(tick), right, py(tick), tone: .grid)
            svg.text(left - 6, py(tick) + 4, label, size: 11, anchor: .end, tone: .muted)
        }
        for tick in xs.ticks where tick >= xs.low && tick <= xs.high {
            svg.text(px(tick), bottom + 16, Ticks.label(tick), size: 10, anchor: .middle, tone: .muted)
        }
        svg.line(left, bottom, right, bottom, tone: .axis)
        svg.line(left, top, left, bottom, tone: .axis)
        for (a, b) in p { svg.rect(px(a) - 2, py(b) - 2, 4, 4, fill: Palette.color(0)) }
        if let fitted {
            // The part of the line inside the plot: x limited to where y stays within the y axis.
            var from = xs.low
            var to = xs.high
            if fitted.slope != 0 {
                let a = (ys.low - fitted.intercept) / fitted.slope
                let b = (ys.high - fitted.intercept) / fitted.slope
                from = max(from, min(a, b))
                to = min(to, max(a, b))
            }
            if from < to, from.isFinite, to.isFinite {
                svg.line(
                    px(from), py(fitted.intercept + fitted.slope * from), px(to),
                    py(fitted.intercept + fitted.slope * to), stroke: Palette.color(1), width: 2)
            }
        }
        svg.axisTitles(x: xLabel, y: yLabel, left: left, right: right, top: top, bottom: bottom)
        return svg.document
    }
}

extension SVG {
    /// The x axis title centred under the plot and the y axis title upright beside it, each fitted to its axis.
    mutating func axisTitles(x: String?, y: String?, left: Double, right: Double, top: Double, bottom: Double) {
        if let x {
            text(
                (left + right) / 2, height - 8, TextMetrics.fit(x, width: right - left, size: 12), size: 12,
                anchor: .middle)
        }
        if let y {
            text(
                16, (top + bottom) / 2, TextMetrics.fit(y, width: bottom - top, size: 12), size: 12, anchor: .middle,
                rotate: -90)
        }
    }
}
