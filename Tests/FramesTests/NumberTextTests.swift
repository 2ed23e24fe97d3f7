import Frames
import Testing

/// One way to write a number for reading (tables, HTML, reports) and one for machines (CSV, JSON), whatever its
/// magnitude, and per-column display formats.
@Suite struct NumberTextTests {
    @Test(arguments: [
        (3.7067e24, "3.7067e+24"), (-2.5e18, "-2.5e+18"), (1e15, "1e+15"), (999_999_999_999_999, "999999999999999"),
        (1.5e-7, "1.5e-07"), (0.0001, "0.0001"), (0.00009, "9e-05"), (146.8362, "146.8362"), (-0.1697, "-0.1697"),
        (2, "2"), (0, "0"), (.infinity, "inf"), (.nan, ""), (1.23456789e300, "1.23457e+300"),
    ])
    func readingForm(_ value: Double, _ text: String) {
        #expect(Frame.format(value) == text)
    }

    @Test func largeAndSmallNumbersReadTheSameInTextHTMLCSVAndJSON() throws {
        let frame = try Frame([("flop", .double([3.7067e24, 2.1e-9]))])
        #expect(frame.table().contains("3.7067e+24"))
        #expect(!frame.table().contains("3706699999"))
        #expect(frame.html().contains(">3.7067e+24</td>"))
        #expect(frame.html().contains(">2.1e-09</td>"))
        #expect(frame.csv() == "flop\n3.7067e+24\n2.1e-09\n")
        #expect(frame.json() == "[{\"flop\":3.7067e+24},\n{\"flop\":2.1e-09}]")
    }

    @Test func columnFormatsApplyToTextAndHTMLButNotToCSV() throws {
        var frame = try Frame([("ret", .double([-16.9682, 2.93, .nan])), ("n", .int([1, 2, Int64.min]))])
        frame.formats["ret"] = try NumberFormat("%+.2f%%")
        frame.formats["n"] = try NumberFormat("%.1f")
        let table = frame.table()
        #expect(table.contains("-16.97%") && table.contains("+2.93%") && table.contains("1.0"))
        #expect(frame.html().contains(">-16.97%</td>"))
        #expect(frame.csv().contains("-16.9682"))
        // Row and column selections keep the formats of the columns they keep.
        #expect(frame.head(1).table().contains("-16.97%"))
        #expect(try frame.selecting(["ret"]).formats == ["ret": try NumberFormat("%+.2f%%")])
        // A format given to html() for one call wins over the frame's own.
        #expect(frame.html(formats: ["ret": try NumberFormat("%.1f")]).contains(">-17.0</td>"))
    }
}
