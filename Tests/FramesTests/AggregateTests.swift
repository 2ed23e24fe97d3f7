import AIKitTesting
import Frames
import Testing

@Suite struct AggregateTests {
    @Test func statisticsPerGroupSkipMissingValues() throws {
        let frame = try Frame([
            ("symbol", .categorical(["B", "A", "B", "A", "B"])),
            ("time", .time([3, 1, 1, 2, 2])),
            ("value", .double([6, 1, 2, .nan, 4])),
        ])
        let result = try frame.aggregate(
            by: ["symbol"],
            [
                ("value", .count), ("value", .sum), ("value", .mean), ("value", .std), ("value", .median),
                ("value", .first), ("value", .last), ("time", .max),
            ])
        #expect(
            result.names == [
                "symbol", "value_count", "value_sum", "value_mean", "value_std", "value_median",
                "value_first", "value_last", "time_max",
            ])
        #expect(result.stringColumn("symbol") == ["A", "B"])
        #expect(result.doubleColumn("value_count") == [1, 3])
        #expect(result.doubleColumn("value_sum") == [1, 12])
        #expect(result.doubleColumn("value_mean") == [1, 4])
        #expect(result.doubleColumn("value_std")[0].isNaN && result.doubleColumn("value_std")[1] == 2)
        #expect(result.doubleColumn("value_median") == [1, 4])
        #expect(result.doubleColumn("value_first") == [1, 6])  // first in the frame's order within the group
        #expect(result.doubleColumn("value_last") == [1, 4])
        #expect(result.doubleColumn("time_max") == [2, 3])
    }

    @Test func severalKeysAndNoKeys() throws {
        let frame = try Frame([
            ("sector", .categorical(["Tech", "Tech", "Energy", "Tech"])),
            ("year", .int([2024, 2025, 2025, 2025])),
            ("move", .double([1, 2, 3, 4])),
        ])
        let byBoth = try frame.aggregate(by: ["sector", "year"], [("move", .sum)])
        #expect(byBoth.stringColumn("sector") == ["Energy", "Tech", "Tech"])
        #expect(byBoth.doubleColumn("move_sum") == [3, 1, 6])
        #expect(try frame.aggregate(by: [], [("move", .mean)]).doubleColumn("move_mean") == [2.5])
        #expect(throws: FrameError.wrongKind("sector", expected: "number", got: "string")) {
            try frame.aggregate(by: [], [("sector", .mean)])
        }
        #expect(throws: FrameError.self) { try frame.aggregate(by: ["nope"], [("move", .sum)]) }
    }
}
