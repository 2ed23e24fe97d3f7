/// A statistic over a moving window of rows.
public enum RollingStatistic: String, Sendable, CaseIterable {
    case mean, std, min, max, sum
}

extension Frame {
    /// The frame with a column `name` (default `<column>_<statistic><window>`, e.g. `return_std20`) holding
    /// `statistic` over the last `window` rows of each symbol, in time order.
    ///
    /// The first `window - 1` rows of each symbol are NaN, and so is every window holding a NaN (or infinite) value.
    /// `std` is the sample standard deviation (n - 1 in the denominator; NaN for a window of 1). O(n) whatever the
    /// window: running sums (mean, sum; for std, sums of values and squares shifted by a recent window mean),
    /// recomputed exactly every max(window, 1024) rows to stop rounding drift, and a monotonic deque (min, max).
    public func rolling(window: Int, statistic: RollingStatistic, column: String, name: String? = nil)
        throws(FrameError) -> Frame
    {
        guard window >= 1 else { throw .badArgument("rolling: the window must be at least 1 row, not \(window)") }
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        let values = layout.gather(try doubles(column))
        let result: [Double]
        switch statistic {
        case .sum: result = layout.map(values) { _, x, out in RollingKernels.sum(x, out, window, mean: false) }
        case .mean: result = layout.map(values) { _, x, out in RollingKernels.sum(x, out, window, mean: true) }
        case .std: result = layout.map(values) { _, x, out in RollingKernels.std(x, out, window) }
        case .min: result = layout.map(values) { _, x, out in RollingKernels.extreme(x, out, window, max: false) }
        case .max: result = layout.map(values) { _, x, out in RollingKernels.extreme(x, out, window, max: true) }
        }
        return try adding(name ?? "\(column)_\(statistic.rawValue)\(window)", .double(layout.scatter(result)))
    }
}

/// The rolling kernels over one series. Each keeps its state for the current run of finite values (a NaN resets it),
/// so a window is output only once `window` finite values follow the last NaN. `out` comes filled with NaN.
enum RollingKernels {
    static func sum(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ w: Int, mean: Bool) {
        let scale = mean ? 1 / Double(w) : 1
        let recomputeEvery = Swift.max(w, 1024)
        var runStart = 0
        var sum = 0.0
        var sinceRecompute = 0
        for i in 0..<x.count {
            let v = x[i]
            guard v.isFinite else {
                runStart = i + 1
                sum = 0
                continue
            }
            sum += v
            let length = i - runStart + 1
            if length > w { sum -= x[i - w] }
            if length >= w {
                sinceRecompute += 1
                if sinceRecompute >= recomputeEvery {
                    sinceRecompute = 0
                    sum = 0
                    for k in (i + 1 - w)...i { sum += x[k] }
                }
                out[i] = sum * scale
            }
        }
    }

    /// Running sums of the values shifted by a reference `k` (the run's first value, then the window mean at each
    /// exact recomputation): var = (S2 - S1²/w) / (w - 1). Shifting keeps the sums near the window's spread rather
    /// than its level, so a small deviation on a large level (prices, index points) is not lost to cancellation.
    static func std(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ w: Int) {
        guard w > 1 else { return }
        let inverseWindow = 1 / Double(w)
        let inverseDenominator = 1 / Double(w - 1)
        let recomputeEvery = Swift.max(w, 1024)
        var runStart = 0
        var k = 0.0
        var s1 = 0.0
        var s2 = 0.0
        var sinceRecompute = 0
        for i in 0..<x.count {
            let v = x[i]
            guard v.isFinite else {
                runStart = i + 1
                continue
            }
            let length = i - runStart + 1
            if length == 1 {
                k = v
                s1 = 0
                s2 = 0
            }
            let y = v - k
            s1 += y
            s2 += y * y
            if length > w {
                let old = x[i - w] - k
                s1 -= old
                s2 -= old * old
            }
            if length >= w {
                sinceRecompute += 1
                if sinceRecompute >= recomputeEvery {
                    sinceRecompute = 0
                    var sum = 0.0
                    for j in (i + 1 - w)...i { sum += x[j] }
                    k = sum * inverseWindow
                    s1 = 0
                    s2 = 0
                    for j in (i + 1 - w)...i {
                        let y = x[j] - k
                        s1 += y
                        s2 += y * y
                    }
                }
                let m2 = s2 - s1 * s1 * inverseWindow
                out[i] = (m2 > 0 ? m2 * inverseDenominator : 0).squareRoot()
            }
        }
    }

    /// Min or max with a monotonic deque of row indices in a ring buffer (at most `w + 1` entries).
    static func extreme(
        _ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, _ w: Int, max: Bool
    ) {
        var capacity = 1
        while capacity < Swift.min(w, x.count) + 1 { capacity <<= 1 }
        let mask = capacity - 1
        var ring = [Int](repeating: 0, count: capacity)
        ring.withUnsafeMutableBufferPointer { ring in
            var head = 0
            var tail = 0
            var runStart = 0
            for i in 0..<x.count {
                let v = x[i]
                guard v.isFinite else {
                    runStart = i + 1
                    head = tail
                    continue
                }
                if max {
                    while tail > head, x[ring[(tail - 1) & mask]] <= v { tail -= 1 }
                } else {
                    while tail > head, x[ring[(tail - 1) & mask]] >= v { tail -= 1 }
                }
                ring[tail & mask] = i
                tail += 1
                if ring[head & mask] <= i - w { head += 1 }
                if i - runStart + 1 >= w { out[i] = x[ring[head & mask]] }
            }
        }
    }
}
