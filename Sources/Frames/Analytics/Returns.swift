extension Frame {
    /// The frame with a column `name` of per-symbol returns from one row to the next in time order: simple
    /// (`p[t] / p[t-1] - 1`) or, with `log`, `ln(p[t] / p[t-1])`.
    ///
    /// `column` nil means, per symbol, `adj_close` when it has any non-NaN value and `close` otherwise. The first
    /// row of each symbol is NaN, and so is every row whose price or previous price is NaN. Rows keep their order (the
    /// computation follows each symbol's time order whatever the row order). A frame without a `symbol` column is one
    /// series.
    public func returns(column: String? = nil, log: Bool = false, name: String = "return") throws(FrameError) -> Frame {
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let prices = try priceSeries(column, layout)
        return try adding(name, .double(layout.scatter(seriesReturns(prices, layout, log: log))))
    }

    /// The frame with a column `name` of each symbol's compounded return since its first row:
    /// `(1 + r[1]) · … · (1 + r[t]) - 1`, so 0 on the first row. NaN returns count as 0 (the level is carried).
    ///
    /// `column` names a column of simple returns; nil uses `return` when the frame has it, else computes simple
    /// returns as `returns()` does (without adding them).
    public func cumulativeReturn(column: String? = nil, name: String = "cumulative_return") throws(FrameError)
        -> Frame
    {
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let simple: [Double]
        if let column {
            simple = layout.gather(try doubles(column))
        } else if index(of: "return") != nil {
            simple = layout.gather(try doubles("return"))
        } else {
            simple = seriesReturns(try priceSeries(nil, layout), layout, log: false)
        }
        let compounded = layout.map(simple) { _, r, out in
            var level = 1.0
            for i in 0..<r.count {
                if !r[i].isNaN { level *= 1 + r[i] }
                out[i] = level - 1
            }
        }
        return try adding(name, .double(layout.scatter(compounded)))
    }

    /// The frame with a column `name` of `column` divided by its value at the rebase time, times `base`, per symbol.
    ///
    /// The rebase value is the symbol's last non-NaN value at or before `at`, or with `at` nil its first non-NaN value;
    /// a symbol without one is all NaN. `column` nil follows the `returns()` rule (`adj_close`, else `close`); `base`
    /// nil is 100 and `name` nil "rebased".
    public func rebased(column: String? = nil, base: Double? = nil, at: Int64? = nil, name: String? = nil)
        throws(FrameError) -> Frame
    {
        let base = base ?? 100
        let name = name ?? "rebased"
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let values = try priceSeries(column, layout)
        let times = layout.times
        let result = layout.map(values) { s, x, out in
            let start = layout.ranges[s].lowerBound
            var reference = Double.nan
            for i in 0..<x.count where !x[i].isNaN {
                if let at {
                    if times[start + i] > at { break }
                    reference = x[i]
                } else {
                    reference = x[i]
                    break
                }
            }
            let scale = base / reference
            for i in 0..<x.count { out[i] = x[i] * scale }
        }
        return try adding(name, .double(layout.scatter(result)))
    }
}
