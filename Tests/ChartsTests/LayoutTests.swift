import Foundation
import Markup
import Testing

@testable import Charts

/// Text measurement and the placement decisions built on it (the browser tests check the result on screen).
@Suite struct LayoutTests {
    @Test func widthsFollowHelveticaAndCharacterClasses() {
        // a, b, c = 556 + 556 + 500 thousandths of an em, at 10 px, with the 4% margin.
        #expect(abs(TextMetrics.width("abc", size: 10) - 16.12 * 1.04) < 1e-9)
        #expect(TextMetrics.width("WWWW", size: 11) > 3 * TextMetrics.width("iiii", size: 11))
        #expect(TextMetrics.width("Total", size: 11, bold: true) > TextMetrics.width("Total", size: 11))
        #expect(TextMetrics.width("漢", size: 10) == 10 * 1.04)  // a full em
        #expect(TextMetrics.width("e\u{301}", size: 10) == TextMetrics.width("e", size: 10))  // a combining accent
        #expect(TextMetrics.width("", size: 10) == 0)
    }

    @Test func fittingShortensWithAnEllipsisOnlyWhenNeeded() {
        #expect(TextMetrics.fit("short", width: 100, size: 11) == "short")
        let cut = TextMetrics.fit("A very long series name that cannot fit", width: 80, size: 11)
        #expect(cut.hasSuffix("…") && cut.count < 20)
        #expect(TextMetrics.width(cut, size: 11) <= 80)
        #expect(TextMetrics.fit("anything", width: 1, size: 11) == "")
    }

    /// The one-pass fit gives what shortening a character at a time and re-measuring gave (the old, quadratic
    /// way), for mixed scripts, combining marks and emoji; a label of a million characters is cut at the cap
    /// (the old way took 11 s for 20,000).
    @Test func fittingIsTheLongestPrefixThatFitsAndLongLabelsAreCapped() {
        func reference(_ text: String, width: Double, size: Double) -> String {
            if TextMetrics.width(text, size: size) <= width { return text }
            var characters = Array(text)
            while !characters.isEmpty {
                characters.removeLast()
                let candidate = String(characters) + "…"
                if TextMetrics.width(candidate, size: size) <= width { return candidate }
            }
            return TextMetrics.width("…", size: size) <= width ? "…" : ""
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aW M.1ü日本e\u{301}🙂-") + ["👩‍💻"]
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement()! })
            let width = Double.random(in: 0...200, using: &generator)
            #expect(TextMetrics.fit(text, width: width, size: 11) == reference(text, width: width, size: 11), "\(text)")
        }
        let huge = String(repeating: "\u{301}", count: 1_000_000)  // a million zero-width marks "fit" any width
        let cut = TextMetrics.fit("x" + huge, width: 500, size: 11)
        #expect(cut.count <= TextMetrics.maxCharacters + 1 && cut.hasSuffix("…"))
        #expect(TextMetrics.fit(String(repeating: "y", count: 1_000_000), width: 300, size: 11).count < 100)
    }

    @Test func sideBySideLabelsShareScaleAndDecimals() {
        #expect(Ticks.labels([-4.9, -2.31, 0.5]) == ["-4.90", "-2.31", "0.50"])
        #expect(Ticks.labels([1.5, 2, -3]) == ["1.5", "2.0", "-3.0"])
        #expect(Ticks.labels([0, 2, 4]) == ["0", "2", "4"])
        #expect(Ticks.labels([2.788e6, 30.84e6]) == ["2.8M", "30.8M"])
        #expect(Ticks.labels([0, 10e6, 20e6, 30e6]) == ["0M", "10M", "20M", "30M"])
        #expect(Ticks.labels([87072, 562_100]) == ["87K", "562K"])
        #expect(Ticks.labels([.nan, 1.25]) == ["nan", "1.25"])
    }

    @Test func compactValueLabels() {
        #expect(Ticks.compact(2.788e6) == "2.79M")
        #expect(Ticks.compact(30.84e6) == "30.8M")
        #expect(Ticks.compact(87072) == "87.1K")
        #expect(Ticks.compact(562_100) == "562K")
        #expect(Ticks.compact(-4.9) == "-4.9")
        #expect(Ticks.compact(-14.134) == "-14.13")
        #expect(Ticks.compact(0) == "0")
        #expect(Ticks.compact(3.7e24) == "3.7e+24")
    }

    @Test func contrastingTextOnAFill() {
        #expect(Contrast.text(on: "#0072B2") == "#ffffff")
        #expect(Contrast.text(on: "#F0E442") == "#000000")
        #expect(Contrast.text(on: "tomato") == "#000000")  // not #rrggbb: black
    }

    /// The SVG's `<text>` elements as estimated boxes (what the layout itself assumed).
    func labelBoxes(_ svg: String) -> [(String, LabelBox)] {
        svg.split(separator: "<text ").dropFirst().map { element in
            let tag = " " + element.prefix { $0 != ">" }
            func attribute(_ name: String) -> String {
                guard let start = tag.range(of: " \(name)=\"") else { return "" }
                return String(tag[start.upperBound...].prefix { $0 != "\"" })
            }
            let content = String(element.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            let box = LabelBox(
                x: Double(attribute("x")) ?? 0, y: Double(attribute("y")) ?? 0,
                text: Markup.unescape(content), size: Double(attribute("font-size")) ?? 12,
                anchor: TextAnchor(rawValue: attribute("text-anchor")) ?? .start,
                bold: attribute("font-weight") == "bold",
                vertical: tag.contains("rotate(-90"))
            return (content, box)
        }
    }

    func collisions(_ svg: String) -> [String] {
        let boxes = labelBoxes(svg).filter { !$0.0.isEmpty }
        var found: [String] = []
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where a.1.overlaps(b.1, gap: -0.5) { found.append("\(a.0) / \(b.0)") }
        }
        return found
    }

    @Test func crowdedDatesAreThinnedOrTurnedUpright() throws {
        let days = (1...60).map { "2025-02-\($0)" }
        let wide = try LineChart(title: "t", x: days, series: [.init(name: "s", values: days.map { _ in 1 })]).svg()
        #expect(!wide.contains("rotate(-90 "))  // thinned, still horizontal
        #expect(collisions(wide).isEmpty, "\(collisions(wide))")
        let narrow = try LineChart(
            title: "t", x: days, series: [.init(name: "s", values: days.map { _ in 1 })], width: 300
        )
        .svg()
        #expect(narrow.components(separatedBy: "rotate(-90 ").count - 1 >= 4, "upright date labels expected")
        #expect(collisions(narrow).isEmpty, "\(collisions(narrow))")
        let few = try LineChart(title: "t", x: ["a", "b", "c"], series: [.init(name: "s", values: [1, 2, 3])]).svg()
        #expect(few.contains(">a</text>") && few.contains(">b</text>") && few.contains(">c</text>"))
    }

    @Test func barValueLabelsNeverMeetTheirCategoryLabels() throws {
        let svg = try BarChart(
            title: "Sectors", labels: ["Information Technology (XLK)", "Utilities (XLU)", "Staples"],
            values: [-4.9, -2.31, 2.71], unit: "%"
        ).svg()
        #expect(collisions(svg).isEmpty, "\(collisions(svg))")
        let intervals = try BarChart(
            title: "CAR", labels: ["CEG", "NVDA", "META"], values: [-14.13, -13.76, 7.64],
            intervals: [(-30, 2), (-23, -4), (-2, 17)]
        ).svg()
        #expect(collisions(intervals).isEmpty, "\(collisions(intervals))")
        #expect(intervals.components(separatedBy: "class=\"ink\"/>").count - 1 == 9)  // 3 whiskers of 3 lines
    }

    @Test func chartDataAsCSV() {
        let line = LineChart(
            title: "", x: ["d1", "d2"],
            series: [
                .init(name: "NVDA", values: [100, nil]),
                .init(name: "a,b", values: [0.5, 1e20]),
            ])
        #expect(line.csv() == "x,NVDA,\"a,b\"\nd1,100,0.5\nd2,,1e+20\n")
        let heat = Heatmap(title: "", rows: ["H20"], columns: ["2025"], cells: [["licence (letter)"]])
        #expect(heat.csv() == ",2025\nH20,licence (letter)\n")
    }

    @Test func reportLinksReferencesButNotInsideLinksOrTags() throws {
        let report = HTMLReport(
            title: "t",
            blocks: [
                .paragraph("see REF-1 & REF-2"),
                .html(
                    try HTMLFragment(
                        "<table><tr><td title=\"REF-1\">REF-1 &lt;x&gt;</td><td><a href=\"#\">REF-2</a></td></tr></table>"
                    )),
            ]
        ) { text in
            var links: [HTMLReport.Link] = []
            var search = text.startIndex..<text.endIndex
            while let found = text.range(of: "REF-", range: search),
                let end = text.index(
                    found.upperBound, offsetBy: 1,
                    limitedBy: text.endIndex)
            {
                links.append(
                    .init(range: found.lowerBound..<end, url: "https://example.org/\(text[found.lowerBound..<end])"))
                search = end..<text.endIndex
            }
            return links
        }
        let html = report.html()
        #expect(
            html.contains(
                "<p>see <a href=\"https://example.org/REF-1\">REF-1</a> &amp; <a href=\"https://example.org/REF-2\">REF-2</a></p>"
            ))
        #expect(html.contains("<td title=\"REF-1\"><a href=\"https://example.org/REF-1\">REF-1</a> &lt;x&gt;</td>"))
        #expect(html.contains("<td><a href=\"#\">REF-2</a></td>"))
    }

    @Test func chartsInAReportCarryTheirDataAsADownload() throws {
        let bar = BarChart(title: "Sector moves, 2025", labels: ["a"], values: [1])
        let html = HTMLReport(title: "t", blocks: [.svg(try SVGDocument(bar.svg()), csv: bar.csv())]).html()
        #expect(
            html.contains(
                "<a class=\"aikit-csv\" download=\"sector-moves-2025.csv\" "
                    + "href=\"data:text/csv;charset=utf-8,label%2Cvalue%0Aa%2C1%0A\">Download the data (CSV)</a>"))
        #expect(html.contains("@page{size:A4;"))
        #expect(HTMLReport(title: "t", blocks: [], paper: .letter).html().contains("@page{size:Letter;"))
    }
}
