import Frames
import XCTest

final class AnalyticsEventStudyTests: AnalyticsTestCase {
    /// Independent OLS of y on x: (alpha, beta, sigma, r2).
    func ols(_ x: [Double], _ y: [Double]) -> (alpha: Double, beta: Double, sigma: Double, r2: Double) {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        var sst = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            sst += (y[i] - my) * (y[i] - my)
        }
        let beta = sxy / sxx
        let alpha = my - beta * mx
        var ssr = 0.0
        for i in x.indices {
            let e = y[i] - alpha - beta * x[i]
            ssr += e * e
        }
        return (alpha, beta, (ssr / (n - 2)).squareRoot(), 1 - ssr / sst)
    }

    /// 80 weekdays from Mon 2024-01-01: a benchmark MKT, S = 0.001 + 1.5·MKT + noise with a -10% shock on weekday 50,
    /// and T like S but with a missing close on weekday 40. Rows shuffled.
    func synthetic() throws -> (bars: Frame, dates: [Int64], market: [Double], stock: [Double]) {
        var random = AnalyticsRandom(seed: 2024)
        var dates: [Int64] = []
        var d = day("2024-01-01")
        while dates.count < 80 {
            if MarketTime.weekday(d) < 5 { dates.append(d) }
            d += MarketTime.day
        }
        var market = [Double.nan]
        var stock = [Double.nan]
        for k in 1..<80 {
            let m = 0.01 * random.normal()
            market.append(m)
            stock.append(0.001 + 1.5 * m + 0.002 * random.normal() + (k == 50 ? -0.1 : 0))
        }
        func prices(_ r: [Double]) -> [Double] {
            var p = [100.0]
            for k in 1..<r.count { p.append(p[k - 1] * (1 + r[k])) }
            return p
        }
        var tPrices = prices(stock)
        tPrices[40] = .nan
        let symbols =
            Array(repeating: "MKT", count: 80) + Array(repeating: "S", count: 80) + Array(repeating: "T", count: 80)
        let closes = prices(market) + prices(stock) + tPrices
        var order = Array(0..<240)
        order.shuffle(using: &random)
        let bars = try frame(
            symbols: order.map { symbols[$0] }, times: order.map { dates[$0 % 80] },
            [("close", order.map { closes[$0] })])
        return (bars, dates, market, stock)
    }

    func testMarketModelMatchesIndependentOLS() throws {
        let (bars, dates, market, stock) = try synthetic()
        let study = try EventStudy(
            bars: bars, symbols: ["S", "T"], benchmark: "MKT", event: dates[50], window: -5...5, estimation: -40 ... -6)
        XCTAssertEqual(study.eventDay, dates[50])
        let summary = study.summary
        XCTAssertEqual(summary.names, ["symbol", "alpha", "beta", "r2", "sigma", "car", "car_t", "n_estimation"])
        XCTAssertEqual(strings(summary, "symbol"), ["S", "T"])
        let estimation = Array(10...44)
        let fit = ols(estimation.map { market[$0] }, estimation.map { stock[$0] })
        XCTAssertEqual(numbers(summary, "alpha")[0], fit.alpha, accuracy: 1e-12)
        XCTAssertEqual(numbers(summary, "beta")[0], fit.beta, accuracy: 1e-9)
        XCTAssertEqual(numbers(summary, "sigma")[0], fit.sigma, accuracy: 1e-12)
        XCTAssertEqual(numbers(summary, "r2")[0], fit.r2, accuracy: 1e-9)
        XCTAssertEqual(numbers(summary, "beta")[0], 1.5, accuracy: 0.05)
        XCTAssertEqual(integers(summary, "n_estimation"), [35, 33])  // T loses days 40 and 41 to its missing close
        let withoutGap = estimation.filter { $0 != 40 && $0 != 41 }
        let fitT = ols(withoutGap.map { market[$0] }, withoutGap.map { stock[$0] })
        XCTAssertEqual(numbers(summary, "beta")[1], fitT.beta, accuracy: 1e-9)

        let long = study.abnormalReturns
        XCTAssertEqual(
            long.names,
            ["symbol", "time", "offset", "return", "benchmark_return", "expected", "ar", "car", "ar_t", "car_t"])
        XCTAssertEqual(long.count, 22)
        XCTAssertEqual(integers(long, "offset").prefix(11).map { $0 }, Array(-5...5))
        XCTAssertEqual(integers(long, "time").prefix(11).map { $0 }, Array(dates[45...55]))
        let ar = numbers(long, "ar")
        for (k, p) in (45...55).enumerated() {
            XCTAssertEqual(ar[k], stock[p] - fit.alpha - fit.beta * market[p], accuracy: 1e-12)
            XCTAssertEqual(numbers(long, "return")[k], stock[p], accuracy: 1e-12)
            XCTAssertEqual(numbers(long, "benchmark_return")[k], market[p], accuracy: 1e-12)
        }
        XCTAssertLessThan(ar[5], -0.09)
        XCTAssertEqual(numbers(long, "ar_t")[5], ar[5] / fit.sigma, accuracy: 1e-9)
        let car = ar.prefix(11).reduce(0, +)
        XCTAssertEqual(numbers(long, "car")[10], car, accuracy: 1e-12)
        XCTAssertEqual(numbers(summary, "car")[0], car, accuracy: 1e-12)
        XCTAssertEqual(numbers(summary, "car_t")[0], car / (fit.sigma * 11.0.squareRoot()), accuracy: 1e-9)
        XCTAssertEqual(
            numbers(long, "car_t")[2], ar.prefix(3).reduce(0, +) / (fit.sigma * 3.0.squareRoot()), accuracy: 1e-9)
    }

    func testEventOnANonTradingDayUsesTheNextTradingDay() throws {
        let (bars, dates, _, _) = try synthetic()
        // dates[50] is a Monday (weekday 50 = 10 weeks in); the Saturday before maps to it.
        let saturday = dates[50] - 2 * MarketTime.day
        XCTAssertEqual(MarketTime.weekday(saturday), 5)
        let study = try EventStudy(
            bars: bars, symbols: ["S"], benchmark: "MKT", event: saturday + 3600, estimation: -40 ... -6)
        XCTAssertEqual(study.eventDay, dates[50])
        XCTAssertEqual(study.eventTime, saturday + 3600)
    }

    func testErrorsNameTheProblem() throws {
        let (bars, dates, _, _) = try synthetic()
        let event = dates[50]
        XCTAssertEqual(
            errorMessage { try EventStudy(bars: bars, symbols: ["S", "ZZZ"], benchmark: "MKT", event: event) },
            "event study: no rows for symbol 'ZZZ' (symbols: MKT, S, T)")
        XCTAssertEqual(
            errorMessage { try EventStudy(bars: bars, symbols: ["S"], benchmark: "SPY", event: event) },
            "event study: no rows for benchmark 'SPY' (symbols: MKT, S, T)")
        XCTAssertEqual(
            errorMessage {
                try EventStudy(bars: bars, symbols: ["S"], benchmark: "MKT", event: event, estimation: -60 ... -6)
            },
            "event study: the estimation window (-60, -6) starts 60 trading days before day 0 (2024-03-11), "
                + "but MKT has only 50 trading days before it")
        XCTAssertEqual(
            errorMessage {
                try EventStudy(bars: bars, symbols: ["S"], benchmark: "MKT", event: event, window: -5...30)
            },
            "event study: the event window (-5, 30) ends 30 trading days after day 0 (2024-03-11), "
                + "but MKT has only 29 trading days after it")
        XCTAssertEqual(
            errorMessage {
                try EventStudy(bars: bars, symbols: ["S"], benchmark: "MKT", event: event, estimation: -30 ... -5)
            },
            "event study: the estimation window (-30, -5) overlaps the event window (-5, 5)")
        XCTAssertEqual(
            errorMessage {
                try EventStudy(
                    bars: bars, symbols: ["S"], benchmark: "MKT", event: event, estimation: -30 ... -6,
                    minimumObservations: 30)
            },
            "event study: S has 25 days with both its and MKT's return in the estimation window (-30, -6); "
                + "at least 30 are needed")
        XCTAssertTrue(
            errorMessage { try EventStudy(bars: bars, symbols: ["S"], benchmark: "MKT", event: dates[79] + 86_400) }
                .hasPrefix("event study: the event 2024-04-20 is after MKT's last trading day (2024-04-19)"))
    }

    /// NVDA vs SPY around the DeepSeek sell-off: the sample has 60 days (36 before Monday 2025-01-27), so the
    /// estimation window is (-30, -6).
    func testDeepSeekMondayOnSampleData() throws {
        let bars = try AnalyticsSample.bars()
        let monday = day("2025-01-27")
        let study = try EventStudy(
            bars: bars, symbols: ["NVDA", "AVGO"], benchmark: "SPY", event: monday, window: -5...5,
            estimation: -30 ... -6)
        XCTAssertEqual(study.eventDay, monday)
        let long = study.abnormalReturns
        let offsets = integers(long, "offset")
        let symbols = strings(long, "symbol")
        let nvdaDay0 = offsets.indices.first { offsets[$0] == 0 && symbols[$0] == "NVDA" }!
        XCTAssertEqual(integers(long, "time")[nvdaDay0], monday)
        XCTAssertLessThan(numbers(long, "ar")[nvdaDay0], -0.13)
        XCTAssertLessThan(numbers(long, "ar_t")[nvdaDay0], -3)

        // Independent market model from the CSV files directly.
        let nvda = try AnalyticsSample.series("NVDA")
        let spy = try AnalyticsSample.series("SPY")
        XCTAssertEqual(nvda.dates, spy.dates)
        let day0 = nvda.dates.firstIndex(of: "2025-01-27")!
        XCTAssertEqual(day0, 36)
        func r(_ close: [Double], _ i: Int) -> Double { close[i] / close[i - 1] - 1 }
        let estimation = Array((day0 - 30)...(day0 - 6))
        let fit = ols(estimation.map { r(spy.close, $0) }, estimation.map { r(nvda.close, $0) })
        let summary = study.summary
        XCTAssertEqual(numbers(summary, "alpha")[0], fit.alpha, accuracy: 1e-12)
        XCTAssertEqual(numbers(summary, "beta")[0], fit.beta, accuracy: 1e-9)
        XCTAssertEqual(numbers(summary, "sigma")[0], fit.sigma, accuracy: 1e-12)
        XCTAssertEqual(integers(summary, "n_estimation"), [25, 25])
        let expectedAR = r(nvda.close, day0) - fit.alpha - fit.beta * r(spy.close, day0)
        XCTAssertEqual(numbers(long, "ar")[nvdaDay0], expectedAR, accuracy: 1e-12)
    }
}

final class AnalyticsDrawdownTests: AnalyticsTestCase {
    func testMaxDrawdownPeakTroughRecovery() throws {
        let f = try frame(
            symbols: ["A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "D"],
            times: [1, 2, 3, 4, 5, 6, 4, 1, 2, 3, 1, 2, 1],
            [("close", [100, 120, 90, 110, 125, 80, 130, 100, 120, .nan, 1, 2, .nan])])
        let result = try f.maxDrawdown()
        XCTAssertEqual(result.names, ["symbol", "max_drawdown", "peak_time", "trough_time", "recovery_time"])
        XCTAssertEqual(strings(result, "symbol"), ["A", "B", "C", "D"])
        // A: 125 → 80 is -36%, worse than 120 → 90 (-25%); no recovery. B in time order (its rows are not) is
        // 100, 120, NaN, 130: the NaN is skipped and it never falls. C only rises. D has no values.
        let m = MarketTime.missing
        assertClose(numbers(result, "max_drawdown"), [-0.36, 0, 0, .nan])
        XCTAssertEqual(integers(result, "peak_time"), [5, m, m, m])
        XCTAssertEqual(integers(result, "trough_time"), [6, m, m, m])
        XCTAssertEqual(integers(result, "recovery_time"), [m, m, m, m])

        let recovered = try frame(
            symbols: ["X", "X", "X", "X", "X"], times: [1, 2, 3, 4, 5], [("close", [100, 120, 90, 119, 121])])
        let r = try recovered.maxDrawdown()
        assertClose(numbers(r, "max_drawdown"), [-0.25])
        XCTAssertEqual(integers(r, "peak_time"), [2])
        XCTAssertEqual(integers(r, "trough_time"), [3])
        XCTAssertEqual(integers(r, "recovery_time"), [5])
        assertClose(numbers(try recovered.drawdown(), "drawdown"), [0, 0, -0.25, 119.0 / 120 - 1, 0])
        XCTAssertEqual(try f.slice(0..<0).maxDrawdown().count, 0)
    }

    func testDescribe() throws {
        let f = try Frame([
            ("name", .text(["a", "b", "c", "d"])), ("x", .double([1, .nan, 3, 2])), ("n", .int([4, 1, 2, 3])),
        ])
        let d = try f.describe()
        XCTAssertEqual(strings(d, "column"), ["x", "n"])
        XCTAssertEqual(integers(d, "count"), [3, 4])
        XCTAssertEqual(integers(d, "missing"), [1, 0])
        assertClose(numbers(d, "mean"), [2, 2.5])
        assertClose(numbers(d, "std"), [1, (5.0 / 3).squareRoot()])
        assertClose(numbers(d, "median"), [2, 2.5])
        assertClose(numbers(d, "min"), [1, 1])
        assertClose(numbers(d, "max"), [3, 4])
    }
}
