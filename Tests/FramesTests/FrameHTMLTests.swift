import Foundation
import Frames
import Testing

@Suite struct FrameHTMLTests {
    let frame = try! Frame([
        ("symbol", .text(["NVDA", "<b>&\"x\"", "TSM"])),
        ("close", .double([118.42, 142.62, .nan])),
        ("ret", .double([-0.1697, 0.0293, 0])),
    ])

    @Test func aRealTableWithEscapedCellsAndNumericColumnsRightAligned() {
        let html = frame.html()
        #expect(html.hasPrefix("<table class=\"aikit-frame\"><thead><tr><th>symbol</th><th class=\"num\">close</th>"))
        #expect(html.contains("<td>&lt;b&gt;&amp;&quot;x&quot;</td>"))
        #expect(!html.contains("<b>"))
        // close has no negative value: right-aligned, not coloured; a missing value is an empty cell.
        #expect(html.contains("<td class=\"num\">118.42</td>"))
        #expect(html.contains("<td class=\"num\"></td>"))
        // ret is signed: coloured by sign, zero left plain.
        #expect(html.contains("<td class=\"num neg\">-0.1697</td>"))
        #expect(html.contains("<td class=\"num pos\">0.0293</td>"))
        #expect(html.contains("<td class=\"num\">0</td>"))
        #expect(html.contains("3 rows × 3 columns</p>"))
    }

    @Test func aLongFrameShowsBothEndsAndSaysHowManyRowsAreLeftOut() throws {
        let long = try Frame([("n", .int(Array(1...100)))])
        let html = long.html(maxRows: 6)
        #expect(html.components(separatedBy: "<tr>").count - 1 == 1 + 6 + 1)
        #expect(html.contains("<td class=\"num\">3</td>") && html.contains("<td class=\"num\">98</td>"))
        #expect(!html.contains(">4</td>") && !html.contains(">97</td>"))
        #expect(html.contains("… 94 rows …"))
        #expect(html.contains("100 rows × 1 column (showing the first and last 3)"))
    }

    @Test func anEmptyFrameSaysSo() {
        #expect(Frame().html() == "<p class=\"aikit-frame-note\">(empty frame)</p>")
    }

    @Test func numberFormatsWriteNamedColumns() throws {
        let html = frame.html(formats: ["ret": try NumberFormat("%+.2f%%"), "close": try NumberFormat("$%.1f")])
        #expect(
            html.contains("<td class=\"num neg\">-0.17%</td>") && html.contains("<td class=\"num pos\">+0.03%</td>"))
        #expect(html.contains("<td class=\"num\">$118.4</td>"))
        #expect(html.contains("<td class=\"num\"></td>"))  // a missing value stays empty, not "nan"
    }

    @Test(arguments: [
        ("%s", "has a conversion other than f, e or g"), ("%d", "has a conversion other than f, e or g"),
        ("%n", "has a conversion other than f, e or g"), ("plain", "has 0 conversions, not one"),
        ("%f%f", "has 2 conversions, not one"), ("%.123f", "has a precision of more than two digits"),
        ("%999f", "has a width of more than two digits"), ("%f\n", "holds a control or non-ASCII character"),
        ("%f and a great deal of text", "is longer than 24 characters"), ("%", "has a conversion other than f, e or g"),
    ])
    func numberFormatsAreChecked(spec: String, why: String) {
        #expect(
            throws: FrameError.badArgument(
                "format '\(spec)' \(why); use one conversion like %.2f, %+.1f%% or %.3e (%% for a percent sign)")
        ) {
            try NumberFormat(spec)
        }
    }
}
