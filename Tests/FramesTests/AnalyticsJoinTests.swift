import Frames
import XCTest

final class AnalyticsJoinTests: AnalyticsTestCase {
    /// Left: A at 1, 5, 10; B at 3; C at 4. Right: A at 2, 5, 5 (two rows), 12; B at 4; D at 1.
    func fixtures() throws -> (left: Frame, right: Frame) {
        let left = try frame(
            symbols: ["A", "A", "A", "B", "C"], times: [1, 5, 10, 3, 4], [("value", [1, 2, 3, 4, 5])])
        let right = try Frame([
            ("symbol", .categorical(["D", "B", "A", "A", "A", "A"])), ("time", .time([1, 4, 2, 5, 5, 12])),
            ("value", .double([0, 40, 20, 50, 55, 120])), ("tag", .categorical(["d", "b", "a2", "a5", "a5b", "a12"])),
            ("n", .int([9, 4, 2, 5, 6, 12])),
        ])
        return (left, right)
    }

    func testAsofJoinTakesLastRowAtOrBefore() throws {
        let (left, right) = try fixtures()
        let joined = try left.asofJoin(right)
        XCTAssertEqual(joined.names, ["symbol", "time", "value", "time_right", "value_right", "tag", "n"])
        let m = MarketTime.missing
        XCTAssertEqual(integers(joined, "time_right"), [m, 5, 5, m, m])
        assertClose(numbers(joined, "value_right"), [.nan, 55, 55, .nan, .nan])  // the later of the two rows at 5
        XCTAssertEqual(strings(joined, "tag"), ["", "a5b", "a5b", "", ""])
        XCTAssertEqual(integers(joined, "n"), [m, 6, 6, m, m])
        XCTAssertEqual(Array(joined.names.prefix(3)), left.names)
        assertClose(numbers(joined, "value"), [1, 2, 3, 4, 5])  // the left rows untouched, in order
    }

    func testAsofJoinToleranceColumnsAndSuffix() throws {
        let (left, right) = try fixtures()
        let tolerant = try left.asofJoin(right, tolerance: 4, columns: ["value"], suffix: "_r")
        XCTAssertEqual(tolerant.names, ["symbol", "time", "value", "time_r", "value_r"])
        // A at 10: the match at 5 is 5 s old, beyond 4.
        assertClose(numbers(tolerant, "value_r"), [.nan, 55, .nan, .nan, .nan])
        let exact = try left.asofJoin(right, tolerance: 0, columns: ["tag"])
        XCTAssertEqual(strings(exact, "tag"), ["", "a5b", "", "", ""])
        XCTAssertEqual(
            errorMessage { try left.asofJoin(right, tolerance: -1) },
            "asofJoin: the tolerance must be 0 or more seconds, not -1")
        XCTAssertEqual(
            errorMessage { try left.asofJoin(right, columns: ["nope"]) },
            "asofJoin: the right frame has no column 'nope' (columns: symbol, time, value, tag, n)")
        XCTAssertEqual(
            errorMessage { try left.asofJoin(try right.selecting(["time", "value"])) },
            "asofJoin: in the right frame, no column 'symbol' (columns: time, value)")
        XCTAssertTrue(errorMessage { try left.asofJoin(right, on: "value") }.contains("column 'value' holds numbers"))
    }

    func testAsofJoinOnUnsortedFramesAndMixedKeyKinds() throws {
        let (left, right) = try fixtures()
        let expected = try left.asofJoin(right)
        let leftOrder = [4, 2, 0, 3, 1]
        let shuffledLeft = left.gather(leftOrder)
        // The right frame's key as text rather than a category, rows reversed (times out of order).
        var shuffledRight = right.gather([5, 4, 3, 2, 1, 0])
        try shuffledRight.add("symbol", .text(["A", "A", "A", "A", "B", "D"]))
        let joined = try shuffledLeft.asofJoin(shuffledRight)
        XCTAssertEqual(integers(joined, "time_right"), leftOrder.map { integers(expected, "time_right")[$0] })
        // Left rows: C@4, A@10, A@1, B@3, A@5. Of the two right rows at 5 the last in the right frame's order wins,
        // which after the reversal is the 50 row.
        assertClose(numbers(joined, "value_right"), [.nan, 50, .nan, .nan, 50])
        XCTAssertEqual(strings(joined, "tag"), ["", "a5", "", "", "a5"])
    }

    func testAsofJoinWithoutKeyAndEmptyFrames() throws {
        let left = try Frame([("time", .time([0, 3, 7])), ("x", .double([1, 2, 3]))])
        let right = try Frame([("time", .time([1, 3, 6])), ("y", .double([10, 30, 60]))])
        let joined = try left.asofJoin(right, by: nil)
        assertClose(numbers(joined, "y"), [.nan, 30, 60])
        let emptyLeft = left.slice(0..<0)
        XCTAssertEqual(try emptyLeft.asofJoin(right, by: nil).count, 0)
        XCTAssertEqual(try emptyLeft.asofJoin(right, by: nil).names, ["time", "x", "time_right", "y"])
        assertClose(numbers(try left.asofJoin(right.slice(0..<0), by: nil), "y"), [.nan, .nan, .nan])
    }

    /// Against a brute-force search on random data.
    func testAsofJoinAgainstBruteForce() throws {
        var random = AnalyticsRandom(seed: 7)
        func randomFrame(_ n: Int, _ symbols: [String]) throws -> Frame {
            try frame(
                symbols: (0..<n).map { _ in symbols.randomElement(using: &random)! },
                times: (0..<n).map { _ in Int64.random(in: 0..<200, using: &random) },
                [("v", (0..<n).map { Double($0) })])
        }
        let left = try randomFrame(500, ["A", "B", "C", "E"])
        let right = try randomFrame(2000, ["D", "C", "B", "A"])
        for tolerance in [nil, 0, 3] as [Int64?] {
            let joined = try left.asofJoin(right, tolerance: tolerance)
            let ls = strings(left, "symbol")
            let lt = integers(left, "time")
            let rs = strings(right, "symbol")
            let rt = integers(right, "time")
            var expected = [Double](repeating: .nan, count: left.count)
            for i in 0..<left.count {
                var best = -1
                for j in 0..<right.count where rs[j] == ls[i] && rt[j] <= lt[i] && (best < 0 || rt[j] >= rt[best]) {
                    best = j
                }
                if best >= 0, tolerance == nil || lt[i] - rt[best] <= tolerance! { expected[i] = Double(best) }
            }
            assertClose(numbers(joined, "v_right"), expected, "tolerance \(String(describing: tolerance))")
        }
    }

    func testPivotAndMelt() throws {
        let long = try frame(
            symbols: ["B", "A", "A", "C"], times: [1, 2, 1, 3], [("close", [20, 12, 10, .nan])])
        let wide = try long.pivot(values: "close")
        XCTAssertEqual(wide.names, ["time", "A", "B", "C"])
        XCTAssertEqual(integers(wide, "time"), [1, 2, 3])
        assertClose(numbers(wide, "A"), [10, 12, .nan])
        assertClose(numbers(wide, "B"), [20, .nan, .nan])
        assertClose(numbers(wide, "C"), [.nan, .nan, .nan])
        let melted = try wide.melt(value: "close")
        XCTAssertEqual(melted.names, ["time", "symbol", "close"])
        XCTAssertEqual(strings(melted, "symbol"), ["A", "A", "A", "B", "B", "B", "C", "C", "C"])
        XCTAssertEqual(integers(melted, "time"), [1, 2, 3, 1, 2, 3, 1, 2, 3])
        let compact = try wide.melt(value: "close", columns: ["B", "A"], dropMissing: true)
        XCTAssertEqual(strings(compact, "symbol"), ["B", "A", "A"])
        assertClose(numbers(compact, "close"), [20, 10, 12])
        let again = try compact.pivot(values: "close")
        XCTAssertEqual(again.names, ["time", "A", "B"])
        XCTAssertEqual(integers(again, "time"), [1, 2])
        assertClose(numbers(again, "B"), [20, .nan])

        let duplicate = try frame(symbols: ["A", "A"], times: [1, 1], [("close", [1, 2])])
        XCTAssertEqual(
            errorMessage { try duplicate.pivot(values: "close") },
            "pivot: two rows have time 1970-01-01 00:00:01 and symbol A; aggregate them first")
        let withText = try wide.adding("note", .text(["x", "y", "z"]))
        XCTAssertEqual(errorMessage { try withText.melt(value: "v") }, "column 'note' holds strings, not numbers")
        XCTAssertEqual(try long.slice(0..<0).pivot(values: "close").names, ["time"])
    }

    func testCrossSectionalRankWithTiesAndNaN() throws {
        let f = try frame(
            symbols: ["A", "B", "C", "D", "A", "B"], times: [1, 1, 1, 1, 2, 2], [("r", [3, 1, 3, .nan, -1, 5])])
        assertClose(numbers(try f.rank(column: "r"), "r_rank"), [2.5, 1, 2.5, .nan, 1, 2])
        assertClose(numbers(try f.rank(column: "r", descending: true, name: "k"), "k"), [1.5, 3, 1.5, .nan, 2, 1])
        // Rows shuffled: the same ranks follow the rows.
        let order = [5, 3, 0, 4, 1, 2]
        assertClose(
            numbers(try f.gather(order).rank(column: "r"), "r_rank"), order.map { [2.5, 1, 2.5, .nan, 1, 2][$0] })
        XCTAssertEqual(numbers(try f.slice(0..<0).rank(column: "r"), "r_rank"), [])
    }

    func testCorrelationPairwiseComplete() throws {
        // A and B move together; C against; D has a gap (NaN at 3) and no row at 4.
        let times: [Int64] = [1, 2, 3, 4, 5]
        let a: [Double] = [1, 2, 3, 4, 6]
        let b: [Double] = [2, 4, 6, 8, 12]
        let c: [Double] = [5, 4, 3, 2, 0]
        let d: [Double] = [1, 3, .nan, 2]
        var symbols: [String] = []
        var t: [Int64] = []
        var v: [Double] = []
        for (name, values) in [("D", d), ("A", a), ("B", b), ("C", c)] {
            symbols += Array(repeating: name, count: values.count)
            t += times.prefix(values.count)
            v += values
        }
        let f = try frame(symbols: symbols, times: t, [("return", v)])
        let matrix = try f.correlation()
        XCTAssertEqual(matrix.names, ["symbol", "A", "B", "C", "D"])
        XCTAssertEqual(strings(matrix, "symbol"), ["A", "B", "C", "D"])
        assertClose(numbers(matrix, "A").prefix(3).map { $0 }, [1, 1, -1], accuracy: 1e-12)
        // A with D over times 1, 2, 4 only: x = 1, 2, 4; y = 1, 3, 2.
        func pearson(_ x: [Double], _ y: [Double]) -> Double {
            let mx = x.reduce(0, +) / Double(x.count)
            let my = y.reduce(0, +) / Double(y.count)
            let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
            let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
            let syy = y.map { ($0 - my) * ($0 - my) }.reduce(0, +)
            return sxy / (sxx * syy).squareRoot()
        }
        XCTAssertEqual(numbers(matrix, "D")[0], pearson([1, 2, 4], [1, 3, 2]), accuracy: 1e-12)
        XCTAssertEqual(numbers(matrix, "A")[3], numbers(matrix, "D")[0])
        XCTAssertEqual(numbers(matrix, "C")[3], pearson([5, 4, 2], [1, 3, 2]), accuracy: 1e-12)
        XCTAssertEqual(numbers(matrix, "D")[3], 1, accuracy: 1e-12)
        // One common observation: NaN.
        let duplicate = try frame(symbols: ["A", "A"], times: [1, 1], [("return", [1, 2])])
        XCTAssertEqual(
            errorMessage { try duplicate.correlation() },
            "correlation: two rows have time 1970-01-01 00:00:01 and symbol A; aggregate them first")
        let sparse = try frame(symbols: ["A", "A", "B"], times: [1, 2, 2], [("return", [1, 2, 3])])
        XCTAssertTrue(numbers(try sparse.correlation(), "B")[0].isNaN)
    }

    /// Tiny magnitudes: each variance near 1e-300, their product underflowed to 0 and the answer was ±1.
    func testCorrelationOfTinyValuesIsTheSameAsOfTheirScaledUpCopies() throws {
        let x = [1.0, 2, 4, 3, 5]
        let y = [1.0, 3, 2, 5, 4]
        func matrix(_ scale: Double) throws -> Double {
            let f = try frame(
                symbols: Array(repeating: "A", count: 5) + Array(repeating: "B", count: 5),
                times: [1, 2, 3, 4, 5] + [1, 2, 3, 4, 5],
                [("return", (x + y).map { $0 * scale })])
            return numbers(try f.correlation(), "A")[1]
        }
        let unscaled = try matrix(1)
        XCTAssertEqual(unscaled, 0.5, accuracy: 1e-12)
        XCTAssertEqual(try matrix(1e-150), unscaled, accuracy: 1e-9)
    }

    func testCorrelationOnSampleReturns() throws {
        let bars = try AnalyticsSample.bars(["SMH", "SOXX", "XLU"])
        let matrix = try bars.returns().correlation()
        let smh = numbers(matrix, "SMH")
        XCTAssertEqual(smh[0], 1, accuracy: 1e-12)
        XCTAssertGreaterThan(smh[1], 0.95)  // two semiconductor ETFs
        XCTAssertLessThan(smh[2], smh[1])
    }
}
