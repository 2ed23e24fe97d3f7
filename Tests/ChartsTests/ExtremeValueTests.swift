import Charts
import Testing

/// Values that used to trap (a non-finite `Double` converted to `Int` for a coordinate or a sparkline block) or loop
/// (axis ticks stepping through a range too wide or too narrow for `Double`): drawn as gaps with a note, never a trap.
@Suite struct ExtremeValueTests {
    static let extremes: [[Double]] = [
        [1e308], [1e308, -1e308], [-1e308, 1], [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0],
        [.nan, 1, .infinity], [1e17, 1e17 + 16], [5e-324, -5e-324], [1e300, -1e300],
    ]

    @Test(arguments: extremes)
    func barChartsDrawExtremeValuesAsGaps(values: [Double]) throws {
        let labels = values.indices.map { "v\($0)" }
        let svg = try BarChart(title: "t", labels: labels, values: values).svg()
        #expect(svg.hasSuffix("</svg>"))
        #expect(!svg.contains("nan\"") && !svg.contains("inf\""), "a coordinate is not finite: \(svg)")
        let skipped = values.filter { !$0.isFinite || abs($0) > 1e300 }.count
        #expect(svg.contains("not drawn (not finite or beyond ±1e300)") == (skipped > 0))
    }

    @Test(arguments: extremes)
    func lineChartsDrawExtremeValuesAsGapsOrSayNothingIsPlottable(values: [Double]) throws {
        let chart = LineChart(
            title: "t", x: values.indices.map(String.init), series: [.init(name: "s", values: values)])
        if values.contains(where: { $0.isFinite && abs($0) <= 1e300 }) {
            let svg = try chart.svg()
            #expect(!svg.contains("nan\"") && !svg.contains("inf\""))
        } else {
            #expect(throws: ChartError("no values to plot (all missing, not finite or beyond ±1e300)")) {
                try chart.svg()
            }
        }
    }

    @Test(arguments: extremes)
    func sparklinesLeaveBlanksForExtremeValues(values: [Double]) {
        let line = Sparkline.render(values)
        #expect(line.isEmpty || line.count == values.count)
    }

    /// Sizes from a direct caller: NaN, infinite and 1e300-pixel charts still render (coordinates print as numbers).
    @Test(arguments: [Double.nan, .infinity, 1e300, -5])
    func anySizeRenders(size: Double) throws {
        #expect(
            try LineChart(
                title: "", x: ["a", "b"], series: [.init(name: "s", values: [1, 2])], width: size, height: size
            )
            .svg().hasSuffix("</svg>"))
        #expect(try BarChart(title: "", labels: ["a"], values: [1], width: size).svg().hasSuffix("</svg>"))
        #expect(
            try Heatmap(title: "", rows: ["r"], columns: ["c"], cells: [["x"]], width: size).svg().hasSuffix("</svg>"))
    }
}

/// Charts too big to read are refused with what to do, before any drawing (a fuzzed line chart of 100,000 series
/// took seconds and 12 MB).
@Suite struct ChartSizeLimitTests {
    @Test func tooManySeriesBarsSegmentsOrCellsAreRefused() {
        let many = (0..<201).map { LineChart.Series(name: "s\($0)", values: [1, 2]) }
        #expect(
            throws: ChartError(
                "201 series is more than a chart draws (at most 200); plot a selection (the top 20, say)")
        ) {
            try LineChart(title: "", x: ["a", "b"], series: many).svg()
        }
        let labels = (0..<2001).map { "b\($0)" }
        #expect(throws: ChartError("2001 bars is more than a chart draws (at most 2000); chart the largest ones")) {
            try BarChart(title: "", labels: labels, values: labels.map { _ in 1 }).svg()
        }
        #expect(
            throws: ChartError("100001 cells is more than a chart draws (at most 100000); show fewer rows or columns")
        ) {
            try Heatmap(
                title: "", rows: (0..<100_001).map { "r\($0)" }, columns: ["c"],
                cells: (0..<100_001).map { _ in ["x"] }
            ).svg()
        }
        #expect((try? LineChart(title: "", x: ["a", "b"], series: Array(many.prefix(200))).svg()) != nil)
    }
}
