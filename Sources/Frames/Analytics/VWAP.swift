extension Frame {
    /// The frame with a column `name` of each symbol's volume-weighted average price, in time order.
    ///
    /// The price of a row is the typical price `(high + low + close) / 3`, or `close` alone where `high` or `low` is
    /// NaN or the frame lacks them. With `window` nil the average is cumulative from the symbol's first row; otherwise
    /// it covers the last `window` rows and the first `window - 1` rows are NaN. Rows with a NaN price or volume carry
    /// no weight; an average with no volume is NaN.
    public func vwap(window: Int? = nil, name: String = "vwap") throws(FrameError) -> Frame {
        if let window, window < 1 { throw .badArgument("vwap: the window must be at least 1 row, not \(window)") }
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let close = layout.gather(try doubles("close"))
        let volume = layout.gather(try doubles("volume"))
        let high = index(of: "high") != nil ? layout.gather(try doubles("high")) : nil
        let low = index(of: "low") != nil ? layout.gather(try doubles("low")) : nil
        let n = close.count
        // Price × volume and volume per row, 0 where either is missing.
        var weighted = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var price = close[i]
            if let high, let low, !high[i].isNaN, !low[i].isNaN { price = (high[i] + low[i] + close[i]) / 3 }
            let v = volume[i]
            if price.isFinite, v.isFinite {
                weighted[i] = price * v
                weights[i] = v
            }
        }
        let result = weighted.withUnsafeBufferPointer { pv in
            weights.withUnsafeBufferPointer { v in
                layout.map(weighted) { s, _, out in
                    let start = layout.ranges[s].lowerBound
                    let pv = UnsafeBufferPointer(rebasing: pv[start..<(start + out.count)])
                    let v = UnsafeBufferPointer(rebasing: v[start..<(start + out.count)])
                    Self.vwapSeries(pv, v, out, window)
                }
            }
        }
        return try adding(name, .double(layout.scatter(result)))
    }

    private static func vwapSeries(
        _ pv: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>,
        _ window: Int?
    ) {
        var sumPV = 0.0
        var sumV = 0.0
        guard let w = window else {
            for i in 0..<out.count {
                sumPV += pv[i]
                sumV += v[i]
                out[i] = sumV > 0 ? sumPV / sumV : .nan
            }
            return
        }
        let recomputeEvery = max(w, 1024)
        var sinceRecompute = 0
        for i in 0..<out.count {
            sumPV += pv[i]
            sumV += v[i]
            if i >= w {
                sumPV -= pv[i - w]
                sumV -= v[i - w]
            }
            guard i + 1 >= w else { continue }
            sinceRecompute += 1
            if sinceRecompute >= recomputeEvery {
                sinceRecompute = 0
                sumPV = 0
                sumV = 0
                for k in (i + 1 - w)...i {
                    sumPV += pv[k]
                    sumV += v[k]
                }
            }
            out[i] = sumV > 0 ? sumPV / sumV : .nan
        }
    }
}
