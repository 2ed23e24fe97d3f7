/// A statistic of two columns over a moving window.
public enum PairStatistic: String, Sendable, CaseIterable {
    /// Pearson correlation.
    case corr
    /// Sample covariance (n - 1).
    case cov
    /// The slope of the first column on the second: cov(x, y) / var(y).
    case beta
}

/// A per-symbol computation over a column in time order (see `Frame.window(_:name:_:)`).
public enum WindowOperation: Sendable {
    /// The value `n` rows earlier (later for negative `n`).
    case shift(Int)
    /// `x[t] - x[t-n]`.
    case diff(Int)
    /// `x[t] / x[t-n] - 1`.
    case pctChange(Int)
    /// Running sum, product, maximum, minimum; missing values stay missing and are skipped.
    case cumsum, cumprod, cummax, cummin
    /// Missing values filled with the symbol's previous (`ffill`) or next (`bfill`) present value.
    case ffill, bfill
    /// Exponentially weighted mean and standard deviation with smoothing `alpha` (pandas' `ewm(adjust=True)`).
    case ewmMean(alpha: Double), ewmStd(alpha: Double)
    /// `(x - mean) / std` over each symbol's whole series, or over the last `window` rows.
    case zscore(window: Int?)
    /// A statistic over the last `window` rows.
    case rolling(window: Int, RollingStatistic)
    /// A statistic of this column and `other` over the last `window` rows.
    case rollingPair(window: Int, PairStatistic, other: Column, otherName: String)
}

extension Frame {
    /// The series windows follow: per `symbol` (when the frame has one) in `time` order (when it has one), else in
    /// row order. `rows` is the column length for a frame without columns.
    func windowLayout(rows: Int) throws(FrameError) -> SeriesLayout {
        if case .time? = self["time"] { return try seriesLayout(by: "symbol", optionalKey: true) }
        guard let symbols = self["symbol"] else {
            return SeriesLayout(order: nil, ranges: [0..<rows], keys: [""], times: [])
        }
        let keys = try Frame([("symbol", symbols), ("time", .time((0..<Int64(symbols.count)).map { $0 }))])
        return try keys.seriesLayout(by: "symbol")
    }

    /// `operation` over `column` (rows of this frame) per symbol in time order, back in row order. `name` names the
    /// column in errors.
    public func window(_ column: Column, name: String, _ operation: WindowOperation) throws(FrameError) -> Column {
        if !names.isEmpty, column.count != count { throw .lengthMismatch(name, expected: count, got: column.count) }
        guard let input = column.numbers else { throw .wrongKind(name, expected: "number", got: column.kindName) }
        let layout = try windowLayout(rows: input.count)
        let x = layout.gather(input)
        let result: [Double]
        switch operation {
        case .shift(let n):
            result = layout.map(x) { _, x, out in WindowKernels.lag(x, out, n) { _, previous in previous } }
        case .diff(let n): result = layout.map(x) { _, x, out in WindowKernels.lag(x, out, n) { $0 - $1 } }
        case .pctChange(let n): result = layout.map(x) { _, x, out in WindowKernels.lag(x, out, n) { $0 / $1 - 1 } }
        case .cumsum: result = layout.map(x) { _, x, out in WindowKernels.running(x, out, +) }
        case .cumprod: result = layout.map(x) { _, x, out in WindowKernels.running(x, out, *) }
        case .cummax: result = layout.map(x) { _, x, out in WindowKernels.running(x, out) { Swift.max($0, $1) } }
        case .cummin: result = layout.map(x) { _, x, out in WindowKernels.running(x, out) { Swift.min($0, $1) } }
        case .ffill: result = layout.map(x) { _, x, out in WindowKernels.carry(x, out, forward: true) }
        case .bfill: result = layout.map(x) { _, x, out in WindowKernels.carry(x, out, forward: false) }
        case .ewmMean(let alpha), .ewmStd(let alpha):
            guard alpha > 0, alpha <= 1 else { throw .badArgument("ewm: alpha must be in (0, 1], not \(alpha)") }
            let std: Bool
            if case .ewmStd = operation { std = true } else { std = false }
            result = layout.map(x) { _, x, out in
                if std { WindowKernels.ewmStd(x, out, alpha) } else { WindowKernels.ewmMean(x, out, alpha) }
            }
        case .zscore(let window):
            if let window {
                guard window >= 2 else { throw .badArgument("zscore: the window must be 2 rows or more") }
                result = layout.map(x) { _, x, out in WindowKernels.rollingZscore(x, out, window) }
            } else {
                result = layout.map(x) { _, x, out in WindowKernels.zscore(x, out) }
            }
        case .rolling(let window, let statistic):
            guard window >= 1 else { throw .badArgument("rolling: the window must be at least 1 row, not \(window)") }
            result = layout.map(x) { _, x, out in
                switch statistic {
                case .sum: RollingKernels.sum(x, out, window, mean: false)
                case .mean: RollingKernels.sum(x, out, window, mean: true)
                case .std: RollingKernels.std(x, out, window)
                case .min: RollingKernels.extreme(x, out, window, max: false)
                case .max: RollingKernels.extreme(x, out, window, max: true)
                }
            }
        case .rollingPair(let window, let statistic, let other, let otherName):
            guard window >= 2 else { throw .badArgument("rolling \(statistic): the window must be 2 rows or more") }
            guard other.count == input.count else {
                throw .lengthMismatch(otherName, expected: input.count, got: other.count)
            }
            guard let y = other.numbers else {
                throw .wrongKind(otherName, expected: "number", got: other.kindName)
            }
            let ySeries = layout.gather(y)
            result = ySeries.withUnsafeBufferPointer { yAll in
                layout.map(x) { s, x, out in
                    let y = UnsafeBufferPointer(rebasing: yAll[layout.ranges[s]])
                    WindowKernels.pair(x, y, out, window, statistic)
                }
            }
        }
        return .double(layout.scatter(result))
    }

    /// Missing numbers of every number column filled from the same symbol's previous (or next) present value.
    public func filledAlongSeries(forward: Bool) throws(FrameError) -> Frame {
        var result = self
        for (name, column) in zip(names, columns) {
            guard case .double = column else { continue }
            try result.add(name, try window(column, name: name, forward ? .ffill : .bfill))
        }
        return result
    }

    /// `body` over the last `window` values of each row's symbol (NaN until `window` rows, and for windows holding
    /// a missing value): the explicit slow path for statistics the engine lacks.
    public func rollingApply(
        _ column: Column, name: String, window: Int, _ body: ([Double]) throws -> Double
    ) throws -> Column {
        guard window >= 1 else { throw FrameError.badArgument("rolling: the window must be at least 1 row") }
        guard let input = column.numbers else {
            throw FrameError.wrongKind(name, expected: "number", got: column.kindName)
        }
        let layout = try windowLayout(rows: input.count)
        let x = layout.gather(input)
        var out = [Double](repeating: .nan, count: x.count)
        for range in layout.ranges where range.count >= window {
            for end in (range.lowerBound + window - 1)..<range.upperBound {
                let values = Array(x[(end - window + 1)...end])
                if values.contains(where: \.isNaN) { continue }
                out[end] = try body(values)
            }
        }
        return .double(layout.scatter(out))
    }

    /// `column` ranked among the rows sharing a time (1 = lowest; ties share their average rank; missing stays
    /// missing), as `rank(column:by:)` does for a named column.
    public func crossSectionRank(_ column: Column, name: String, descending: Bool) throws(FrameError) -> Column {
        var frame = try Frame([("value", column)])
        try frame.add("time", self["time"] ?? .int([Int64](repeating: 0, count: column.count)))
        return try frame.rank(column: "value", by: "time", descending: descending, name: "rank").column("rank")
    }
}

/// The kernels of `Frame.window` over one series; `out` comes filled with NaN.
enum WindowKernels {
    static func lag(
        _ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ n: Int,
        _ combine: (Double, Double) -> Double
    ) {
        let count = x.count
        if n >= 0 {
            guard n < count else { return }
            for i in n..<count { out[i] = combine(x[i], x[i - n]) }
        } else {
            guard -n < count else { return }
            for i in 0..<(count + n) { out[i] = combine(x[i], x[i - n]) }
        }
    }

    static func running(
        _ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>,
        _ combine: (Double, Double) -> Double
    ) {
        var total = Double.nan
        for i in 0..<x.count where !x[i].isNaN {
            total = total.isNaN ? x[i] : combine(total, x[i])
            out[i] = total
        }
    }

    static func carry(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, forward: Bool) {
        var last = Double.nan
        for k in 0..<x.count {
            let i = forward ? k : x.count - 1 - k
            if !x[i].isNaN { last = x[i] }
            out[i] = last
        }
    }

    /// pandas' `ewma` (adjust=True, ignore_na=False, min_periods=1): weights by position, missing values skipped
    /// but counted in the decay, and the mean carried over a missing row.
    static func ewmMean(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ alpha: Double) {
        let decay = 1 - alpha
        var weighted = Double.nan
        var oldWeight = 1.0
        for i in 0..<x.count {
            let v = x[i]
            let observed = !v.isNaN
            if !weighted.isNaN {
                oldWeight *= decay
                if observed {
                    if weighted != v { weighted = (oldWeight * weighted + v) / (oldWeight + 1) }
                    oldWeight += 1
                }
            } else if observed {
                weighted = v
            }
            out[i] = weighted
        }
    }

    /// pandas' `ewmcov` of a series with itself (adjust=True, bias=False), square-rooted: the bias-corrected
    /// exponentially weighted standard deviation.
    static func ewmStd(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ alpha: Double) {
        guard x.count > 0 else { return }
        let decay = 1 - alpha
        var mean = x[0]
        var observations = mean.isNaN ? 0 : 1
        var variance = 0.0
        var sumWeight = 1.0
        var sumWeight2 = 1.0
        var oldWeight = 1.0
        for i in 1..<max(x.count, 1) {
            let v = x[i]
            let observed = !v.isNaN
            if observed { observations += 1 }
            if !mean.isNaN {
                sumWeight *= decay
                sumWeight2 *= decay * decay
                oldWeight *= decay
                if observed {
                    let oldMean = mean
                    if mean != v { mean = (oldWeight * oldMean + v) / (oldWeight + 1) }
                    variance =
                        (oldWeight * (variance + (oldMean - mean) * (oldMean - mean)) + (v - mean) * (v - mean))
                        / (oldWeight + 1)
                    sumWeight += 1
                    sumWeight2 += 1
                    oldWeight += 1
                }
            } else if observed {
                mean = v
            }
            if observations >= 1 {
                let numerator = sumWeight * sumWeight
                let denominator = numerator - sumWeight2
                if denominator > 0 { out[i] = (Swift.max(0, numerator / denominator * variance)).squareRoot() }
            }
        }
    }

    static func zscore(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        var n = 0.0
        var sum = 0.0
        for v in x where !v.isNaN {
            n += 1
            sum += v
        }
        guard n > 1 else { return }
        let mean = sum / n
        var squares = 0.0
        for v in x where !v.isNaN { squares += (v - mean) * (v - mean) }
        let std = (squares / (n - 1)).squareRoot()
        for i in 0..<x.count { out[i] = (x[i] - mean) / std }
    }

    static func rollingZscore(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ w: Int) {
        var means = [Double](repeating: .nan, count: x.count)
        var stds = [Double](repeating: .nan, count: x.count)
        means.withUnsafeMutableBufferPointer { RollingKernels.sum(x, $0, w, mean: true) }
        stds.withUnsafeMutableBufferPointer { RollingKernels.std(x, $0, w) }
        for i in 0..<x.count { out[i] = (x[i] - means[i]) / stds[i] }
    }

    /// Correlation, covariance or beta over the last `w` rows where both values are present (NaN otherwise), from
    /// running sums shifted by the run's first values and recomputed exactly every max(w, 1024) rows.
    static func pair(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
        _ out: UnsafeMutableBufferPointer<Double>, _ w: Int, _ statistic: PairStatistic
    ) {
        let recomputeEvery = Swift.max(w, 1024)
        var runStart = 0
        var sums = PairSums()
        var sinceRecompute = 0
        let n = Double(w)
        for i in 0..<x.count {
            guard x[i].isFinite, y[i].isFinite else {
                runStart = i + 1
                continue
            }
            let length = i - runStart + 1
            if length == 1 { sums = PairSums(kx: x[i], ky: y[i]) }
            sums.add(x[i], y[i], 1)
            if length > w { sums.add(x[i - w], y[i - w], -1) }
            guard length >= w else { continue }
            sinceRecompute += 1
            if sinceRecompute >= recomputeEvery {
                sinceRecompute = 0
                sums = PairSums(kx: sums.kx, ky: sums.ky)
                for j in (i + 1 - w)...i { sums.add(x[j], y[j], 1) }
            }
            let (sx, sy, sxx, syy, sxy) = (sums.sx, sums.sy, sums.sxx, sums.syy, sums.sxy)
            let cov = (sxy - sx * sy / n) / (n - 1)
            let varX = Swift.max(0, (sxx - sx * sx / n) / (n - 1))
            let varY = Swift.max(0, (syy - sy * sy / n) / (n - 1))
            switch statistic {
            case .cov: out[i] = cov
            case .beta: out[i] = varY > 0 ? cov / varY : .nan
            case .corr:
                // The product of the roots: varX · varY underflows to 0 for values near 1e-150.
                let denominator = varX.squareRoot() * varY.squareRoot()
                out[i] = denominator > 0 ? Swift.max(-1, Swift.min(1, cov / denominator)) : .nan
            }
        }
    }
}

/// Sums of two series shifted by reference values `kx`, `ky` (so they track the spread, not the level).
struct PairSums {
    var kx = 0.0
    var ky = 0.0
    var sx = 0.0
    var sy = 0.0
    var sxx = 0.0
    var syy = 0.0
    var sxy = 0.0

    /// Adds (`sign` 1) or removes (-1) the pair `(x, y)`.
    @inline(__always) mutating func add(_ x: Double, _ y: Double, _ sign: Double) {
        let a = x - kx
        let b = y - ky
        sx += sign * a
        sy += sign * b
        sxx += sign * a * a
        syy += sign * b * b
        sxy += sign * a * b
    }
}
