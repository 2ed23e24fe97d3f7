import AIKitTesting
import Frames
import Testing

@Suite struct JoinTests {
    let bars: Frame
    let securities: Frame

    init() throws {
        bars = try Frame([
            ("symbol", .categorical(["NVDA", "VST", "NVDA", "XYZ"])),
            ("time", .time([1, 1, 2, 2])),
            ("close", .double([10, 20, 11, 5])),
        ])
        securities = try Frame([
            ("symbol", .text(["VST", "NVDA"])),
            ("sector", .text(["Utilities", "Information Technology"])),
            ("close", .double([0, 0])),
        ])
    }

    @Test func leftJoinKeepsOrderAndMarksMissing() throws {
        let joined = try bars.join(securities, on: ["symbol"])
        #expect(joined.names == ["symbol", "time", "close", "sector", "close_right"])
        #expect(joined.stringColumn("sector") == ["Information Technology", "Utilities", "Information Technology", ""])
        #expect(joined.doubleColumn("close") == [10, 20, 11, 5])
        #expect(joined.doubleColumn("close_right")[3].isNaN)
    }

    @Test func innerJoinDropsUnmatchedAndKeysMustBeUnique() throws {
        let inner = try bars.join(securities, on: ["symbol"], columns: ["sector"], kind: .inner)
        #expect(inner.stringColumn("symbol") == ["NVDA", "VST", "NVDA"])
        let duplicate = #expect(throws: FrameError.self) { try securities.join(bars, on: ["symbol"]) }
        #expect(duplicate?.kind == .duplicateKey)
        #expect(duplicate?.description == "join: the right frame has more than one row for symbol = NVDA")
        // No time column on the right.
        let missing = #expect(throws: FrameError.self) { try bars.join(securities, on: ["time"]) }
        #expect(missing?.kind == .noColumn)
        let byTwo = try bars.join(
            bars.selecting(["symbol", "time", "close"]), on: ["symbol", "time"], columns: ["close"])
        #expect(byTwo.doubleColumn("close_right") == [10, 20, 11, 5])
    }
}
