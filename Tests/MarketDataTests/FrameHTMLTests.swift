import Foundation
import MarketData
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
}
