extension Frame {
    /// The frame with a column `name` of each symbol's drawdown: the level over its running peak minus 1 (0 at a new
    /// peak, negative below it), NaN where the level is NaN. `column` holds levels (prices, or a rebased or
    /// cumulative-wealth series); nil follows the `returns()` rule (`adj_close`, else `close`).
    public func drawdown(column: String? = nil, name: String = "drawdown") throws(FrameError) -> Frame {
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let levels = try priceSeries(column, layout)
        let result = layout.map(levels) { _, x, out in
            var peak = -Double.infinity
            for i in 0..<x.count where !x[i].isNaN {
                peak = Swift.max(peak, x[i])
                out[i] = x[i] / peak - 1
            }
        }
        return try adding(name, .double(layout.scatter(result)))
    }

    /// Each symbol's maximum drawdown of `column` (levels; nil: the `returns()` rule), one row per symbol (ascending):
    /// `symbol`, `max_drawdown` (trough over the preceding peak minus 1: a negative fraction, 0 when the series never
    /// fell, NaN when it has no values), `peak_time` and `trough_time` of that fall, and `recovery_time`, the first
    /// time after the trough the level is back at the peak. Times are `MarketTime.missing` when there is no fall (peak
    /// and trough) or no recovery yet. NaN levels are skipped.
    public func maxDrawdown(column: String? = nil) throws(FrameError) -> Frame {
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let levels = try priceSeries(column, layout)
        let times = layout.times
        let seriesOrder = layout.sortedSeries
        var depth: [Double] = []
        var peakTimes: [Int64] = []
        var troughTimes: [Int64] = []
        var recoveryTimes: [Int64] = []
        for s in seriesOrder {
            let range = layout.ranges[s]
            var worst = Double.nan
            var peak = -Double.infinity
            var peakRow = -1
            var worstPeakRow = -1
            var troughRow = -1
            for p in range where !levels[p].isNaN {
                if levels[p] > peak {
                    peak = levels[p]
                    peakRow = p
                }
                let fall = levels[p] / peak - 1
                if worst.isNaN || fall < worst {
                    worst = fall
                    worstPeakRow = peakRow
                    troughRow = p
                }
            }
            var recoveryRow = -1
            if worst < 0 {
                for p in (troughRow + 1)..<range.upperBound where levels[p] >= levels[worstPeakRow] {
                    recoveryRow = p
                    break
                }
            }
            let fell = worst < 0
            depth.append(worst.isNaN ? .nan : Swift.min(worst, 0))
            peakTimes.append(fell ? times[worstPeakRow] : MarketTime.missing)
            troughTimes.append(fell ? times[troughRow] : MarketTime.missing)
            recoveryTimes.append(recoveryRow >= 0 ? times[recoveryRow] : MarketTime.missing)
        }
        return try Frame([
            (
                "symbol",
                .category(codes: Array(0..<Int32(seriesOrder.count)), levels: seriesOrder.map { layout.keys[$0] })
            ),
            ("max_drawdown", .double(depth)), ("peak_time", .time(peakTimes)), ("trough_time", .time(troughTimes)),
            ("recovery_time", .time(recoveryTimes)),
        ])
    }
}
