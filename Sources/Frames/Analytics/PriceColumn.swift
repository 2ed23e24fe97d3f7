extension Frame {
    /// The price series (in series order) that returns are computed from.
    ///
    /// With `column` given, that column. Otherwise, per symbol: `adj_close` when the frame has one and the symbol has
    /// any non-NaN `adj_close`, else `close`. (Per symbol rather than per frame, so that a frame mixing adjusted stocks
    /// with an index that has no adjusted close still gives the index's returns.)
    func priceSeries(_ column: String?, _ layout: SeriesLayout) throws(FrameError) -> [Double] {
        if let column { return layout.gather(try doubles(column)) }
        let close = layout.gather(try doubles("close"))
        guard index(of: "adj_close") != nil else { return close }
        let adjusted = layout.gather(try doubles("adj_close"))
        let useAdjusted = adjusted.withUnsafeBufferPointer { a in
            layout.ranges.map { range in range.contains { !a[$0].isNaN } }
        }
        if !useAdjusted.contains(true) { return close }
        if !useAdjusted.contains(false) { return adjusted }
        var merged = close
        for (s, range) in layout.ranges.enumerated() where useAdjusted[s] {
            merged.replaceSubrange(range, with: adjusted[range])
        }
        return merged
    }

    /// Simple (or log) returns in series order: the first row of each series is NaN, and so is any row whose price or
    /// previous price is NaN.
    func seriesReturns(_ prices: [Double], _ layout: SeriesLayout, log: Bool) -> [Double] {
        layout.map(prices) { _, x, out in
            guard x.count > 1 else { return }
            if log {
                for i in 1..<x.count { out[i] = naturalLog(x[i] / x[i - 1]) }
            } else {
                for i in 1..<x.count { out[i] = x[i] / x[i - 1] - 1 }
            }
        }
    }
}
