extension Frame {
    /// The Pearson correlation matrix of `column` between the `by` groups (symbols), pairing rows by their `on` value
    /// (time) and using, for each pair of symbols, only the times where both are non-NaN (pairwise-complete).
    ///
    /// The result is square: a category column named `by` listing the symbols (ascending), then one number column per
    /// symbol in the same order. A pair with fewer than 2 common observations, or with no variance in them, is NaN.
    /// Two rows with the same symbol and time are an error. Nil arguments are "return", "symbol" and "time".
    public func correlation(column: String? = nil, by: String? = nil, on: String? = nil) throws(FrameError) -> Frame {
        let (column, by, on) = (column ?? "return", by ?? "symbol", on ?? "time")
        let wide = try pivot(index: on, columns: by, values: column, caller: "correlation")
        let symbols = Array(wide.names.dropFirst())
        guard !symbols.contains(by) else {
            throw .nameClash("correlation: a '\(by)' value is '\(by)', which is the name of the first result column")
        }
        // Center each series on its own mean first so the one-pass sums below lose little to cancellation.
        var series: [[Double]] = []
        for column in wide.columns.dropFirst() {
            guard case .double(var values) = column else { continue }
            var sum = 0.0
            var n = 0.0
            for v in values where !v.isNaN {
                sum += v
                n += 1
            }
            let mean = n > 0 ? sum / n : 0
            for i in values.indices { values[i] -= mean }
            series.append(values)
        }
        let k = series.count
        var matrix = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        for a in 0..<k {
            for b in a..<k {
                let r = Self.pearson(series[a], series[b])
                matrix[a][b] = r
                matrix[b][a] = r
            }
        }
        var result = Frame()
        try result.add(by, .category(codes: Array(0..<Int32(k)), levels: symbols))
        for (a, symbol) in symbols.enumerated() { try result.add(symbol, .double(matrix[a])) }
        return result
    }

    private static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        var n = 0.0
        var sx = 0.0
        var sy = 0.0
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for i in x.indices {
            let a = x[i]
            let b = y[i]
            guard !a.isNaN, !b.isNaN else { continue }
            n += 1
            sx += a
            sy += b
            sxx += a * a
            syy += b * b
            sxy += a * b
        }
        guard n >= 2 else { return .nan }
        let covariance = sxy - sx * sy / n
        let varianceX = sxx - sx * sx / n
        let varianceY = syy - sy * sy / n
        guard varianceX > 0, varianceY > 0 else { return .nan }
        // The product of the roots, as the rolling correlation takes it: varianceX · varianceY underflows to 0 for
        // values near 1e-150, and the quotient then says ±1 whatever the data.
        return Swift.max(-1, Swift.min(1, covariance / (varianceX.squareRoot() * varianceY.squareRoot())))
    }
}
