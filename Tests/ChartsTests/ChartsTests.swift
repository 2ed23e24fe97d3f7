import Charts
import Testing

@Suite struct ChartsTests {
    func count(_ element: String, in svg: String) -> Int {
        svg.split(separator: "<\(element) ", omittingEmptySubsequences: false).count - 1
    }

    @Test func lineChartDrawsSeriesMarkersAndGaps() throws {
        let svg = try LineChart(
            title: "Rebased <prices> & more", x: ["d1", "d2", "d3", "d4"],
            series: [
                .init(name: "NVDA", values: [100, 83, nil, 90]), .init(name: "SPY", values: [100, 98.6, 99, 100]),
            ],
            markers: [.init(x: "d2", label: "shock")]
        ).svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(count("polyline", in: svg) == 3)  // NVDA split by its gap, SPY whole
        #expect(svg.contains("Rebased &lt;prices&gt; &amp; more"))
        #expect(svg.contains(">shock</text>"))
        #expect(svg.contains(">NVDA</text>") && svg.contains(">SPY</text>"))
    }

    @Test func barAndHeatmap() throws {
        let bars = try BarChart(title: "Sectors", labels: ["Tech", "Staples"], values: [-4.9, 2.71], unit: "%").svg()
        #expect(count("rect", in: bars) == 3)  // background + two bars
        // Neighbouring labels share their decimals (−4.90% beside 2.71%), and a value axis is drawn.
        #expect(bars.contains("Tech: -4.90%") && bars.contains(">-4.90%</text>") && bars.contains(">2.71%</text>"))
        #expect(bars.contains(">-4%</text>") && bars.contains(">2%</text>") && bars.contains("class=\"grid\""))
        let heat = try Heatmap(
            title: "Export", rows: ["H800", "H20"], columns: ["2023", "2025"],
            cells: [["free", "denial"], ["free", "letter"]], colors: ["free": try ChartColor("#009E73")]
        ).svg()
        #expect(count("rect", in: heat) == 1 + 4 + 3)  // background, cells, legend swatches
        #expect(heat.contains("fill=\"#009E73\""))
        #expect(heat.contains("H20, 2025: letter"))
    }

    @Test func badSpecsAreErrors() {
        #expect(throws: ChartError("series 'a' has 1 values for 2 x values")) {
            try LineChart(title: "", x: ["1", "2"], series: [.init(name: "a", values: [1])]).svg()
        }
        #expect(throws: ChartError("marker x 'zz' is not one of the x values")) {
            try LineChart(
                title: "", x: ["1"], series: [.init(name: "a", values: [1])], markers: [.init(x: "zz", label: "")]
            ).svg()
        }
        #expect(throws: ChartError("a bar chart has 2 labels for 1 values")) {
            try BarChart(title: "", labels: ["a", "b"], values: [1]).svg()
        }
        #expect(throws: ChartError("a heatmap needs 1 rows of 2 cells")) {
            try Heatmap(title: "", rows: ["r"], columns: ["a", "b"], cells: [["x"]]).svg()
        }
    }

    @Test func sparklineAndReport() throws {
        #expect(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([2, 2]) == "▄▄")
        let html = HTMLReport(
            title: "T & U", blocks: [.heading("H"), .preformatted("a < b"), .svg(try SVGDocument("<svg></svg>"))]
        )
        .html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(
            html.contains("<title>T &amp; U</title>") && html.contains("<pre>a &lt; b</pre>")
                && html.contains("<svg/>"))
    }
}
