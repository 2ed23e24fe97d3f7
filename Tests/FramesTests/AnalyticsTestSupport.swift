import AIKitTesting
import Foundation
import Frames
import XCTest

/// Helpers shared by the analytics tests (kept inside this class and the `Analytics…` types so they cannot collide
/// with other test files of the target).
class AnalyticsTestCase: XCTestCase {
    /// `YYYY-MM-DD` (or any `MarketTime.parse` form) as UTC seconds.
    func day(_ text: String) -> Int64 {
        guard let time = MarketTime.parse(text) else { fatalError("bad date \(text)") }
        return time
    }

    /// A frame with `symbol` (category), `time` and the given number columns.
    func frame(symbols: [String], times: [Int64], _ numbers: [(String, [Double])]) throws -> Frame {
        var pairs: [(String, Column)] = [("symbol", .categorical(symbols)), ("time", .time(times))]
        for (name, values) in numbers { pairs.append((name, .double(values))) }
        return try Frame(pairs)
    }

    /// Equal when both are NaN or within `accuracy` (relative above 1).
    func assertClose(
        _ actual: [Double], _ expected: [Double], accuracy: Double = 1e-12, _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.count, expected.count, "lengths \(message)", file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            if a.isNaN || e.isNaN {
                XCTAssert(a.isNaN && e.isNaN, "row \(i): \(a) vs \(e) \(message)", file: file, line: line)
            } else {
                XCTAssertEqual(a, e, accuracy: accuracy * max(1, abs(e)), "row \(i) \(message)", file: file, line: line)
            }
        }
    }

    func numbers(_ frame: Frame, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [Double] {
        guard case .double(let values)? = frame[name] else {
            XCTFail("no number column \(name) in \(frame.names)", file: file, line: line)
            return []
        }
        return values
    }

    func strings(_ frame: Frame, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        guard let column = frame[name], column.string(at: 0) != nil || column.count == 0 else {
            XCTFail("no string column \(name) in \(frame.names)", file: file, line: line)
            return []
        }
        return (0..<column.count).map { column.string(at: $0) ?? "?" }
    }

    func integers(_ frame: Frame, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [Int64] {
        switch frame[name] {
        case .time(let values)?, .int(let values)?: return values
        default:
            XCTFail("no time or integer column \(name) in \(frame.names)", file: file, line: line)
            return []
        }
    }

    /// The FrameError message `body` throws ("" and a failure when it does not throw one).
    func errorMessage(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Any) -> String {
        do {
            _ = try body()
            XCTFail("expected an error", file: file, line: line)
        } catch let error as FrameError {
            return error.description
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return ""
    }
}

/// A tiny reader for the bundled sample CSVs (`Date,Open,High,Low,Close,Volume`; empty fields are NaN), independent of
/// the importers, found relative to this file.
enum AnalyticsSample {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/MarketData/Resources/sample")

    struct Series {
        var dates: [String] = []
        var open: [Double] = []
        var high: [Double] = []
        var low: [Double] = []
        var close: [Double] = []
        var volume: [Double] = []
    }

    /// The symbols with a price file (not the sector table).
    static func symbols() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".csv") && ($0.hasPrefix("^") || $0.first?.isUppercase == true)
        }.map { String($0.dropLast(4)) }.sorted()
    }

    static func series(_ symbol: String) throws -> Series {
        let text = try String(contentsOf: directory.appendingPathComponent(symbol + ".csv"), encoding: .utf8)
        var series = Series()
        let lines = text.split(whereSeparator: \.isNewline)
        guard lines.first == "Date,Open,High,Low,Close,Volume" else { throw CocoaError(.fileReadCorruptFile) }
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6 else { throw CocoaError(.fileReadCorruptFile) }
            series.dates.append(fields[0])
            let numbers = fields.dropFirst().map { Double($0) ?? .nan }
            series.open.append(numbers[0])
            series.high.append(numbers[1])
            series.low.append(numbers[2])
            series.close.append(numbers[3])
            series.volume.append(numbers[4])
        }
        return series
    }

    /// Sample files as one bars frame (symbol, time, open, high, low, close, adj_close all NaN, volume), in `symbols`
    /// order (default: all, ascending).
    static func bars(_ symbols: [String]? = nil) throws -> Frame {
        var symbolColumn: [String] = []
        var times: [Int64] = []
        var columns = [[Double]](repeating: [], count: 5)
        for symbol in try symbols ?? Self.symbols() {
            let s = try series(symbol)
            symbolColumn += Array(repeating: symbol, count: s.dates.count)
            times += s.dates.map { MarketTime.parse($0)! }
            columns[0] += s.open
            columns[1] += s.high
            columns[2] += s.low
            columns[3] += s.close
            columns[4] += s.volume
        }
        return try Frame([
            ("symbol", .categorical(symbolColumn)), ("time", .time(times)), ("open", .double(columns[0])),
            ("high", .double(columns[1])), ("low", .double(columns[2])), ("close", .double(columns[3])),
            ("adj_close", .double([Double](repeating: .nan, count: times.count))), ("volume", .double(columns[4])),
        ])
    }
}

/// The analytics tests' seeded generator (AIKitTesting's SplitMix64).
typealias AnalyticsRandom = SeededRandom
