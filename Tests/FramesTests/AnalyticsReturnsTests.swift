import Foundation
import Frames
import XCTest

final class AnalyticsSortingTests: AnalyticsTestCase {
    func testSortedByIsStableAndOrdersStringsByText() throws {
        // Category codes in first-seen order (B = 0, A = 1): the sort must follow the text, not the codes.
        let f = try frame(
            symbols: ["B", "A", "B", "A", "C"], times: [2, 1, 1, 2, 0], [("v", [1, 2, 3, 4, 5])])
        let bySymbol = try f.sorted(by: ["symbol"])
        XCTAssertEqual(strings(bySymbol, "symbol"), ["A", "A", "B", "B", "C"])
        XCTAssertEqual(numbers(bySymbol, "v"), [2, 4, 1, 3, 5])  // equal keys keep their order
        let bySymbolTime = try f.sorted(by: ["symbol", "time"])
        XCTAssertEqual(numbers(bySymbolTime, "v"), [2, 4, 3, 1, 5])
        let byTime = try f.sorted(by: ["time"])
        XCTAssertEqual(numbers(byTime, "v"), [5, 2, 3, 1, 4])
        XCTAssertEqual(try f.sorted(by: []), f)
    }

    func testSortedByNumbersPutsNaNLastAndTextWorks() throws {
        let f = try Frame([
            ("x", .double([3, .nan, -1, 0, -0.0, 2])), ("name", .text(["c", "n", "a", "z", "zz", "b"])),
        ])
        let sorted = try f.sorted(by: ["x"])
        XCTAssertEqual(strings(sorted, "name"), ["a", "z", "zz", "b", "c", "n"])  // -0 ties with 0 (stable)
        XCTAssertEqual(strings(try f.sorted(by: ["name"]), "name"), ["a", "b", "c", "n", "z", "zz"])
        XCTAssertTrue(errorMessage { try f.sorted(by: ["nope"]) }.contains("no column 'nope'"))
    }

    func testGroupsAreContiguousRuns() throws {
        let f = try frame(symbols: ["A", "A", "B", "A"], times: [1, 2, 3, 4], [])
        XCTAssertEqual(
            try f.groups(by: "symbol"),
            [FrameGroup(key: "A", rows: 0..<2), FrameGroup(key: "B", rows: 2..<3), FrameGroup(key: "A", rows: 3..<4)])
        XCTAssertEqual(
            try f.sorted(by: ["symbol"]).groups(by: "symbol"),
            [FrameGroup(key: "A", rows: 0..<3), FrameGroup(key: "B", rows: 3..<4)])
        XCTAssertEqual(try f.groups(by: "time").map(\.key).first, "1970-01-01 00:00:01")
        XCTAssertEqual(try Frame([("symbol", .categorical([]))]).groups(by: "symbol"), [])
    }

    func testFilterBySymbolsAndInclusiveTimeRange() throws {
        let f = try frame(symbols: ["A", "B", "A", "C", "B"], times: [1, 2, 3, 4, 5], [("v", [1, 2, 3, 4, 5])])
        XCTAssertEqual(numbers(try f.filter(symbols: ["B", "C", "ZZZ"]), "v"), [2, 4, 5])
        XCTAssertEqual(numbers(try f.filter(from: 2, to: 4), "v"), [2, 3, 4])
        XCTAssertEqual(numbers(try f.filter(symbols: ["A"], from: 2), "v"), [3])
        XCTAssertEqual(try f.filter(), f)
        XCTAssertEqual(try f.filter(symbols: []).count, 0)
        let noSymbols = try Frame([("time", .time([1]))])
        XCTAssertTrue(errorMessage { try noSymbols.filter(symbols: ["A"]) }.contains("no column 'symbol'"))
    }
}

final class AnalyticsReturnsTests: AnalyticsTestCase {
    func testSimpleReturnsPerSymbolWithNaN() throws {
        let f = try frame(
            symbols: ["A", "A", "A", "A", "A", "B", "B"], times: [1, 2, 3, 4, 5, 1, 2],
            [("close", [100, 110, .nan, 121, 133.1, 50, 25])])
        let r = try f.returns()
        assertClose(numbers(r, "return"), [.nan, 0.1, .nan, .nan, 0.1, .nan, -0.5])
        XCTAssertEqual(r.names, ["symbol", "time", "close", "return"])
        let logR = try f.returns(log: true, name: "lr")
        assertClose(
            numbers(logR, "lr"),
            [.nan, Foundation.log(1.1), .nan, .nan, Foundation.log(1.1), .nan, Foundation.log(0.5)])
    }

    func testReturnsOnUnsortedInputKeepRowOrder() throws {
        // Rows shuffled across symbols and times; each return must follow its symbol's time order.
        let f = try frame(
            symbols: ["B", "A", "A", "B", "A"], times: [2, 3, 1, 1, 2], [("close", [30, 9, 10, 20, 12])])
        assertClose(numbers(try f.returns(), "return"), [0.5, 9.0 / 12 - 1, .nan, .nan, 0.2])
    }

    func testDefaultColumnIsAdjustedCloseWhenItHasValues() throws {
        let allNaN = try frame(
            symbols: ["A", "A"], times: [1, 2], [("close", [10, 11]), ("adj_close", [.nan, .nan])])
        assertClose(numbers(try allNaN.returns(), "return"), [.nan, 0.1])
        // A has adjusted prices (used), B has none (its close is used).
        let mixed = try frame(
            symbols: ["A", "A", "B", "B"], times: [1, 2, 1, 2],
            [("close", [10, 11, 100, 90]), ("adj_close", [5, 6, .nan, .nan])])
        assertClose(numbers(try mixed.returns(), "return"), [.nan, 0.2, .nan, -0.1])
        assertClose(numbers(try mixed.returns(column: "close"), "return"), [.nan, 0.1, .nan, -0.1])
    }

    func testReturnsErrorsAndEmptyFrames() throws {
        let noClose = try frame(symbols: ["A"], times: [1], [("open", [1])])
        XCTAssertEqual(
            errorMessage { try noClose.returns() }, "no column 'close' (columns: symbol, time, open)")
        let text = try Frame([("time", .time([1])), ("close", .text(["x"]))])
        XCTAssertEqual(errorMessage { try text.returns() }, "column 'close' holds strings, not numbers")
        let empty = try frame(symbols: [], times: [], [("close", [])])
        XCTAssertEqual(numbers(try empty.returns(), "return"), [])
        // Without a symbol column the whole frame is one series.
        let single = try Frame([("time", .time([2, 1])), ("close", .double([12, 10]))])
        assertClose(numbers(try single.returns(), "return"), [0.2, .nan])
    }

    func testCumulativeReturnCompoundsAndCarriesNaN() throws {
        let f = try frame(
            symbols: ["A", "A", "A", "A", "B", "B"], times: [1, 2, 3, 4, 1, 2],
            [("close", [100, 110, .nan, 55, 10, 12])])
        let withReturns = try f.returns()
        // A: returns NaN, 0.1, NaN, NaN (price missing on both sides of day 3).
        assertClose(numbers(try withReturns.cumulativeReturn(), "cumulative_return"), [0, 0.1, 0.1, 0.1, 0, 0.2])
        let r = try Frame([("time", .time([1, 2, 3, 4])), ("r", .double([.nan, 0.1, .nan, -0.5]))])
        assertClose(numbers(try r.cumulativeReturn(column: "r", name: "c"), "c"), [0, 0.1, 0.1, -0.45])
        // Without a return column the prices' simple returns are compounded.
        let prices = try frame(symbols: ["A", "A", "A"], times: [3, 1, 2], [("close", [150, 100, 120])])
        assertClose(numbers(try prices.cumulativeReturn(), "cumulative_return"), [0.5, 0, 0.2])
    }

    func testRebasedAtFirstValueOrAsOfTime() throws {
        let f = try frame(
            symbols: ["A", "A", "A", "B", "B"], times: [10, 20, 30, 20, 30], [("close", [.nan, 50, 75, 8, 10])])
        assertClose(numbers(try f.rebased(), "rebased"), [.nan, 100, 150, 100, 125])
        // At 25: the last value at or before it (A: 50 at 20, B: 8 at 20).
        assertClose(numbers(try f.rebased(base: 1, at: 25, name: "x"), "x"), [.nan, 1, 1.5, 1, 1.25])
        // Before any value: all NaN.
        assertClose(numbers(try f.rebased(at: 5), "rebased"), [.nan, .nan, .nan, .nan, .nan])
    }

    func testSampleDataCloseToCloseReturnsOnDeepSeekMonday() throws {
        // Loaded in reverse symbol order and time-reversed so the unsorted path is exercised too.
        let bars = try AnalyticsSample.bars()
        XCTAssertEqual(Set(strings(bars, "symbol")).count, 32)
        let shuffled = bars.gather(Array((0..<bars.count).reversed()))
        let monday = day("2025-01-27")
        for f in [bars, shuffled] {
            let r = try f.returns()
            let symbols = strings(r, "symbol")
            let times = integers(r, "time")
            let values = numbers(r, "return")
            func change(_ symbol: String) -> Double {
                let i = symbols.indices.first { symbols[$0] == symbol && times[$0] == monday }!
                return values[i] * 100
            }
            XCTAssertEqual(change("NVDA"), -16.97, accuracy: 0.01)
            XCTAssertEqual(change("^IXIC"), -3.07, accuracy: 0.01)
            XCTAssertEqual(change("^SOX"), -9.15, accuracy: 0.01)
            XCTAssertEqual(change("XLK"), -4.90, accuracy: 0.01)
            XCTAssertEqual(change("SPY"), -1.41, accuracy: 0.01)
        }
    }
}
