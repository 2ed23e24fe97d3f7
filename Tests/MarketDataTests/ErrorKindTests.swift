import Frames
import MarketData
import Testing

/// Errors carry a kind to match on; the message stays free to improve.
@Suite struct ErrorKindTests {
    let frame = try! Frame([
        ("symbol", .text(["NVDA", "NVDA", "TSM"])), ("time", .time([0, 86_400, 0])), ("close", .double([1, 2, 3])),
        ("name", .text(["a", "b", "c"])),
    ])

    func kind(_ body: () throws(FrameError) -> Frame) -> FrameError.Kind? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func frameErrorsByKind() {
        #expect(
            kind { () throws(FrameError) in try frame.rolling(window: 0, statistic: .mean, column: "close") }
                == .badArgument)
        #expect(
            kind { () throws(FrameError) in try frame.rolling(window: 2, statistic: .mean, column: "nope") }
                == .noColumn)
        #expect(
            kind { () throws(FrameError) in try frame.rolling(window: 2, statistic: .mean, column: "name") }
                == .wrongKind)
        #expect(kind { () throws(FrameError) in try frame.vwap(window: 0) } == .badArgument)
        #expect(kind { () throws(FrameError) in try frame.aggregate(by: ["symbol"], []) } == .badArgument)
        #expect(
            kind { () throws(FrameError) in try frame.aggregate(by: ["symbol"], [("close", .sum), ("close", .sum)]) }
                == .nameClash)
        #expect(kind { () throws(FrameError) in try frame.adding("x", .double([1])) } == .lengthMismatch)
        #expect(FrameError.Kind.duplicateKey.description == "duplicateKey")
    }

    @Test func storeErrorsByKind() throws {
        let store = try SQLiteMarketStore(path: ":memory:")
        let unknown = #expect(throws: StoreError.self) { try store.series("gpu-prices", from: nil, to: nil) }
        #expect(unknown?.kind == .unknownSeries)
        let busy = StoreError.sqlite(code: 5, message: "database is locked", sql: "BEGIN")
        #expect(busy.kind == .sqlite && busy.sqliteCode == 5 && busy.backendMessage == "database is locked")
        #expect(busy.description.hasPrefix("the market store is busy"))
        #expect(StoreError.frame(.noColumn("x", available: [])).frameError?.kind == .noColumn)
    }
}
