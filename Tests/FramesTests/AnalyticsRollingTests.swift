import Frames
import XCTest

final class AnalyticsRollingTests: AnalyticsTestCase {
    func testHandComputedWindowsWithNaN() throws {
        let x: [Double] = [1, 2, 3, 4, .nan, 6, 7, 8, 2]
        let f = try Frame([("time", .time((1...9).map { Int64($0) })), ("x", .double(x))])
        func run(_ statistic: RollingStatistic) throws -> [Double] {
            numbers(try f.rolling(window: 3, statistic: statistic, column: "x"), "x_\(statistic.rawValue)3")
        }
        let n = Double.nan
        assertClose(try run(.sum), [n, n, 6, 9, n, n, n, 21, 17])
        assertClose(try run(.mean), [n, n, 2, 3, n, n, n, 7, 17.0 / 3])
        assertClose(try run(.min), [n, n, 1, 2, n, n, n, 6, 2])
        assertClose(try run(.max), [n, n, 3, 4, n, n, n, 8, 8])
        // Sample std: [1,2,3] → 1; [7,8,2]: mean 17/3, deviations 4/3, 7/3, -11/3 → sqrt((16+49+121)/9/2).
        assertClose(try run(.std), [n, n, 1, 1, n, n, n, 1, (186.0 / 18).squareRoot()])
        let named = try f.rolling(window: 1, statistic: .std, column: "x", name: "s")
        assertClose(numbers(named, "s"), [Double](repeating: .nan, count: 9))  // n - 1 = 0
        assertClose(numbers(try f.rolling(window: 1, statistic: .max, column: "x"), "x_max1"), x)
    }

    func testWindowsRestartPerSymbolAndFollowTimeOrder() throws {
        // B's rows come first and out of time order.
        let f = try frame(
            symbols: ["B", "B", "B", "A", "A", "A"], times: [3, 1, 2, 1, 2, 3], [("x", [30, 10, 20, 1, 5, 3])])
        let r = try f.rolling(window: 2, statistic: .max, column: "x", name: "m")
        assertClose(numbers(r, "m"), [30, .nan, 20, .nan, 5, 5])
        let mean = try f.rolling(window: 2, statistic: .mean, column: "x", name: "m")
        assertClose(numbers(mean, "m"), [25, .nan, 15, .nan, 3, 4])
    }

    func testErrors() throws {
        let f = try Frame([("time", .time([1])), ("x", .double([1])), ("s", .text(["a"]))])
        XCTAssertEqual(
            errorMessage { try f.rolling(window: 0, statistic: .mean, column: "x") },
            "rolling: the window must be at least 1 row, not 0")
        XCTAssertEqual(
            errorMessage { try f.rolling(window: 2, statistic: .mean, column: "s") },
            "column 's' holds strings, not numbers")
        XCTAssertEqual(
            errorMessage { try f.rolling(window: 2, statistic: .mean, column: "y") },
            "no column 'y' (columns: time, x, s)")
        let empty = try frame(symbols: [], times: [], [("x", [])])
        XCTAssertEqual(numbers(try empty.rolling(window: 3, statistic: .std, column: "x"), "x_std3"), [])
    }

    /// Every statistic against a naive O(n·w) computation, on random data with NaN gaps, several symbols shuffled,
    /// long enough to pass the periodic recomputation, and with a large offset that punishes naive sum-of-squares.
    func testAgainstNaiveComputationOnRandomData() throws {
        var random = AnalyticsRandom(seed: 42)
        let perSymbol = 3000
        var symbols: [String] = []
        var times: [Int64] = []
        var values: [Double] = []
        for (k, symbol) in ["AAA", "BBB", "CCC"].enumerated() {
            for t in 0..<perSymbol {
                symbols.append(symbol)
                times.append(Int64(t) * 86_400)
                let v = random.uniform() < 0.01 ? Double.nan : 1e6 * Double(k) + random.normal()
                values.append(v)
            }
        }
        var order = Array(0..<values.count)
        order.shuffle(using: &random)
        let f = try frame(
            symbols: order.map { symbols[$0] }, times: order.map { times[$0] }, [("x", order.map { values[$0] })])
        for window in [1, 2, 5, 20, 250] {
            for statistic in RollingStatistic.allCases {
                let actual = numbers(try f.rolling(window: window, statistic: statistic, column: "x", name: "y"), "y")
                // Naive: in original (grouped, time-sorted) positions, then shuffled like the frame.
                var expected = [Double](repeating: .nan, count: values.count)
                for i in values.indices where i % perSymbol >= window - 1 {
                    let slice = Array(values[(i + 1 - window)...i])
                    if slice.contains(where: \.isNaN) { continue }
                    let mean = slice.reduce(0, +) / Double(window)
                    switch statistic {
                    case .sum: expected[i] = slice.reduce(0, +)
                    case .mean: expected[i] = mean
                    case .min: expected[i] = slice.min()!
                    case .max: expected[i] = slice.max()!
                    case .std:
                        if window > 1 {
                            expected[i] = (slice.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(window - 1))
                                .squareRoot()
                        }
                    }
                }
                let tolerance = statistic == .std ? 1e-8 : 1e-9
                assertClose(actual, order.map { expected[$0] }, accuracy: tolerance, "\(statistic) \(window)")
            }
        }
    }

    func testVWAPCumulativeAndRolling() throws {
        let f = try frame(
            symbols: ["A", "A", "A", "A", "B"], times: [1, 2, 3, 4, 1],
            [
                ("high", [11, 13, .nan, 20, 5]), ("low", [9, 11, .nan, 10, 5]), ("close", [10, 12, 14, 15, 5]),
                ("volume", [100, 300, 100, .nan, 0]),
            ])
        // Typical prices 10, 12, 14 (close only), 15 (no volume: no weight).
        assertClose(numbers(try f.vwap(), "vwap"), [10, 11.5, 12, 12, .nan])
        assertClose(numbers(try f.vwap(window: 2, name: "v2"), "v2"), [.nan, 11.5, 12.5, 14, .nan])
        XCTAssertEqual(errorMessage { try f.vwap(window: 0) }, "vwap: the window must be at least 1 row, not 0")
        // Without high/low, the close is the price.
        let closeOnly = try frame(symbols: ["A", "A"], times: [2, 1], [("close", [20, 10]), ("volume", [1, 3])])
        assertClose(numbers(try closeOnly.vwap(), "vwap"), [12.5, 10])
    }

    func testResampleWeeksAndMonths() throws {
        // Mon 2025-03-24 … Tue 2025-04-01 (the week of Mon 03-31 spans two months), plus a symbol B.
        let dates = ["2025-03-24", "2025-03-28", "2025-03-31", "2025-04-01", "2025-03-27"]
        let f = try frame(
            symbols: ["A", "A", "A", "A", "B"], times: dates.map(day),
            [
                ("open", [.nan, 11, 12, 13, 50]), ("high", [12, 15, 14, 13.5, 51]), ("low", [9, 10, 11, 12, 49]),
                ("close", [11, 12, 13, .nan, 50.5]), ("volume", [100, 200, .nan, 50, 7]), ("other", [1, 2, 3, 4, 5]),
            ])
        let weekly = try f.resample(.week)
        XCTAssertEqual(weekly.names, ["symbol", "time", "open", "high", "low", "close", "volume", "bars"])
        XCTAssertEqual(strings(weekly, "symbol"), ["A", "A", "B"])
        XCTAssertEqual(integers(weekly, "time"), [day("2025-03-24"), day("2025-03-31"), day("2025-03-24")])
        assertClose(numbers(weekly, "open"), [11, 12, 50])
        assertClose(numbers(weekly, "high"), [15, 14, 51])
        assertClose(numbers(weekly, "low"), [9, 11, 49])
        assertClose(numbers(weekly, "close"), [12, 13, 50.5])
        assertClose(numbers(weekly, "volume"), [300, 50, 7])
        XCTAssertEqual(integers(weekly, "bars"), [2, 2, 1])
        let monthly = try f.gather([4, 3, 2, 1, 0]).resample(.month)  // unsorted input
        XCTAssertEqual(integers(monthly, "time"), [day("2025-03-01"), day("2025-04-01"), day("2025-03-01")])
        assertClose(numbers(monthly, "close"), [13, .nan, 50.5])
        assertClose(numbers(monthly, "volume"), [300, 50, 7])
        XCTAssertEqual(integers(monthly, "bars"), [3, 1, 1])
        XCTAssertEqual(ResamplePeriod.week.start(of: day("2025-01-26 23:59")), day("2025-01-20"))
        XCTAssertEqual(ResamplePeriod.month.start(of: day("2024-02-29")), day("2024-02-01"))
        XCTAssertTrue(
            errorMessage { try Frame([("time", .time([1]))]).resample(.week) }.hasPrefix(
                "resample: the frame has none of the bar columns"))
    }

    func testResampleSampleDataMonthly() throws {
        let bars = try AnalyticsSample.bars(["NVDA", "^SOX"])
        let monthly = try bars.resample(.month)
        XCTAssertEqual(strings(monthly, "symbol"), ["NVDA", "NVDA", "NVDA", "^SOX", "^SOX", "^SOX"])
        XCTAssertEqual(integers(monthly, "bars"), [21, 20, 19, 21, 20, 19])
        let nvda = try AnalyticsSample.series("NVDA")
        let january = nvda.dates.indices.filter { nvda.dates[$0].hasPrefix("2025-01") }
        XCTAssertEqual(numbers(monthly, "open")[1], nvda.open[january.first!])
        XCTAssertEqual(numbers(monthly, "close")[1], nvda.close[january.last!])
        XCTAssertEqual(numbers(monthly, "high")[1], january.map { nvda.high[$0] }.max()!)
        XCTAssertEqual(numbers(monthly, "volume")[1], january.map { nvda.volume[$0] }.reduce(0, +))
        XCTAssertTrue(numbers(monthly, "open")[4].isNaN)  // ^SOX has only closes
        XCTAssertTrue(numbers(monthly, "volume")[4].isNaN)
    }
}
