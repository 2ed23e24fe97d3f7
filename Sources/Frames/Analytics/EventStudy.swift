/// A market-model event study (MacKinlay 1997, "Event Studies in Economics and Finance").
///
/// Offsets count trading days on the benchmark's calendar (the times of its rows): day 0 is the event day, or the
/// first trading day after it when the event falls on a non-trading day. For each symbol, OLS of its return on the
/// benchmark's over the estimation window gives `r = alpha + beta * r_m + e`; over the event window the abnormal
/// return is `AR = r - (alpha + beta * r_m)` and CAR is its running sum from the window's first day. `sigma` is the
/// residual standard deviation of the estimation fit (n - 2 degrees of freedom); `ar_t = AR / sigma` and
/// `car_t = CAR / (sigma * sqrt(L))`, L being the number of abnormal returns summed so far (the simple test that
/// ignores the estimation error of alpha and beta). A day where the symbol has no return gives NaN AR and adds nothing
/// to CAR.
///
/// Returns follow `Frame.returns()`: `column` nil means `adj_close` per symbol where it has values, else `close`; each
/// symbol's return on a day is from its previous row.
public struct EventStudy: Sendable {
    public let symbols: [String]
    public let benchmark: String
    /// The event as given, and day 0 (the benchmark's first trading day on or after the event's date).
    public let eventTime: Int64
    public let eventDay: Int64
    public let window: ClosedRange<Int>
    public let estimation: ClosedRange<Int>

    /// One row per symbol and window day, symbols in the order given: `symbol`, `time`, `offset` (.int), `return`,
    /// `benchmark_return`, `expected`, `ar`, `car`, `ar_t`, `car_t`.
    public let abnormalReturns: Frame
    /// One row per symbol: `symbol`, `alpha`, `beta`, `r2`, `sigma`, `car` (over the whole window), `car_t`,
    /// `n_estimation` (.int, the estimation days used).
    public let summary: Frame

    /// The benchmark, event window and estimation window when none is given (the engine's defaults, which every
    /// front end uses: a Lua caller leaving them out gets these).
    public static let defaultBenchmark = "SPY"
    public static let defaultWindow = -5...5
    public static let defaultEstimation = -60 ... -6

    /// Runs the study on `bars` (columns `symbol`, `time` and the price column; any row order). Parameters left nil
    /// take the defaults above; `minimumObservations`, the fewest estimation days with both returns that a symbol
    /// must have (at least 3), defaults to 20, or to the estimation window's length less 2 when that is shorter.
    public init(
        bars: Frame, symbols: [String], benchmark: String? = nil, event: Int64, window: ClosedRange<Int>? = nil,
        estimation: ClosedRange<Int>? = nil, column: String? = nil, minimumObservations: Int? = nil
    ) throws(FrameError) {
        let benchmark = benchmark ?? Self.defaultBenchmark
        let window = window ?? Self.defaultWindow
        let estimation = estimation ?? Self.defaultEstimation
        let minimumObservations = minimumObservations ?? min(20, estimation.count - 2)
        guard !symbols.isEmpty else { throw .badArgument("event study: no symbols given") }
        guard minimumObservations >= 3 else {
            throw .badArgument("event study: minimumObservations must be at least 3, not \(minimumObservations)")
        }
        guard !window.overlaps(estimation) else {
            throw .badArgument(
                "event study: the estimation window \(Self.text(estimation)) overlaps the event window "
                    + Self.text(window))
        }
        var unique: [String] = []
        for symbol in symbols where !unique.contains(symbol) { unique.append(symbol) }

        let layout = try bars.seriesLayout(by: "symbol")
        var seriesOf: [String: Int] = [:]
        for (s, key) in layout.keys.enumerated() { seriesOf[key] = s }
        func series(_ symbol: String, _ role: String) throws(FrameError) -> Int {
            if let s = seriesOf[symbol] { return s }
            let known = layout.keys.sorted()
            let listed = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", …" : "")
            throw .missingData("event study: no rows for \(role) '\(symbol)' (symbols: \(listed))")
        }
        let benchmarkSeries = try series(benchmark, "benchmark")
        var symbolSeries: [Int] = []
        for symbol in unique { symbolSeries.append(try series(symbol, "symbol")) }

        let returns = bars.seriesReturns(try bars.priceSeries(column, layout), layout, log: false)
        let times = layout.times
        let calendar = layout.ranges[benchmarkSeries]
        let eventDate = MarketTime.floorDiv(event, MarketTime.day)
        guard let day0 = calendar.first(where: { MarketTime.floorDiv(times[$0], MarketTime.day) >= eventDate }) else {
            let last = calendar.isEmpty ? "none" : MarketTime.formatDate(times[calendar.upperBound - 1])
            throw .missingData(
                "event study: the event \(MarketTime.formatDate(event)) is after \(benchmark)'s last trading day "
                    + "(\(last))")
        }
        let before = day0 - calendar.lowerBound
        let after = calendar.upperBound - 1 - day0
        let day0Text = MarketTime.formatDate(times[day0])
        for (range, label) in [(window, "event window"), (estimation, "estimation window")] {
            if -range.lowerBound > before {
                throw .missingData(
                    "event study: the \(label) \(Self.text(range)) starts \(-range.lowerBound) trading days before "
                        + "day 0 (\(day0Text)), but \(benchmark) has only \(before) trading days before it")
            }
            if range.upperBound > after {
                throw .missingData(
                    "event study: the \(label) \(Self.text(range)) ends \(range.upperBound) trading days after day 0 "
                        + "(\(day0Text)), but \(benchmark) has only \(after) trading days after it")
            }
        }

        /// The symbol's return at calendar position `p` (matched by time), NaN when it has no row then.
        func returnOn(_ s: Int, _ p: Int) -> Double {
            let range = layout.ranges[s]
            if s == benchmarkSeries { return returns[p] }
            let t = times[p]
            var low = range.lowerBound
            var high = range.upperBound
            while low < high {
                let middle = (low + high) >> 1
                if times[middle] < t { low = middle + 1 } else { high = middle }
            }
            // The last row at that time, as returns() does with duplicates.
            var hit = -1
            while low < range.upperBound, times[low] == t {
                hit = low
                low += 1
            }
            return hit >= 0 ? returns[hit] : .nan
        }

        var codes: [Int32] = []
        var rowTimes: [Int64] = []
        var offsets: [Int64] = []
        var columns = [[Double]](repeating: [], count: 7)  // return, benchmark, expected, ar, car, ar_t, car_t
        var summaryColumns = [[Double]](repeating: [], count: 6)  // alpha, beta, r2, sigma, car, car_t
        var used: [Int64] = []
        for (code, s) in symbolSeries.enumerated() {
            var xs: [Double] = []
            var ys: [Double] = []
            for offset in estimation {
                let p = day0 + offset
                let x = returns[p]
                let y = returnOn(s, p)
                if x.isFinite, y.isFinite {
                    xs.append(x)
                    ys.append(y)
                }
            }
            guard xs.count >= minimumObservations else {
                throw .missingData(
                    "event study: \(unique[code]) has \(xs.count) days with both its and \(benchmark)'s return in the "
                        + "estimation window \(Self.text(estimation)); at least \(minimumObservations) are needed")
            }
            guard let fit = MarketModel(x: xs, y: ys) else {
                throw .missingData(
                    "event study: \(benchmark)'s returns do not vary over the estimation window "
                        + Self.text(estimation))
            }
            var car = 0.0
            var summed = 0
            for offset in window {
                let p = day0 + offset
                let market = returns[p]
                let actual = returnOn(s, p)
                let expected = fit.alpha + fit.beta * market
                let ar = actual - expected
                if ar.isFinite {
                    car += ar
                    summed += 1
                }
                let carT = summed > 0 ? car / (fit.sigma * Double(summed).squareRoot()) : .nan
                codes.append(Int32(code))
                rowTimes.append(times[p])
                offsets.append(Int64(offset))
                for (k, value) in [actual, market, expected, ar, car, ar / fit.sigma, carT].enumerated() {
                    columns[k].append(value)
                }
            }
            let carT = summed > 0 ? car / (fit.sigma * Double(summed).squareRoot()) : .nan
            for (k, value) in [fit.alpha, fit.beta, fit.r2, fit.sigma, car, carT].enumerated() {
                summaryColumns[k].append(value)
            }
            used.append(Int64(xs.count))
        }
        let symbolColumn = Column.category(codes: codes, levels: unique)
        var long: [(String, Column)] = [("symbol", symbolColumn), ("time", .time(rowTimes)), ("offset", .int(offsets))]
        for (k, name) in ["return", "benchmark_return", "expected", "ar", "car", "ar_t", "car_t"].enumerated() {
            long.append((name, .double(columns[k])))
        }
        var short: [(String, Column)] = [("symbol", .category(codes: Array(0..<Int32(unique.count)), levels: unique))]
        for (k, name) in ["alpha", "beta", "r2", "sigma", "car", "car_t"].enumerated() {
            short.append((name, .double(summaryColumns[k])))
        }
        short.append(("n_estimation", .int(used)))

        self.symbols = unique
        self.benchmark = benchmark
        eventTime = event
        eventDay = times[day0]
        self.window = window
        self.estimation = estimation
        abnormalReturns = try Frame(long)
        summary = try Frame(short)
    }

    private static func text(_ range: ClosedRange<Int>) -> String { "(\(range.lowerBound), \(range.upperBound))" }
}

/// Ordinary least squares of y on x with an intercept.
struct MarketModel {
    let alpha: Double
    let beta: Double
    /// The residual standard deviation, sqrt(SSR / (n - 2)).
    let sigma: Double
    let r2: Double

    /// nil when x has no variance or there are fewer than 3 points.
    init?(x: [Double], y: [Double]) {
        let n = Double(x.count)
        guard x.count >= 3, x.count == y.count else { return nil }
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX
            let dy = y[i] - meanY
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        beta = sxy / sxx
        alpha = meanY - beta * meanX
        var ssr = 0.0
        for i in x.indices {
            let e = y[i] - alpha - beta * x[i]
            ssr += e * e
        }
        sigma = (ssr / (n - 2)).squareRoot()
        r2 = syy > 0 ? 1 - ssr / syy : .nan
    }
}
