import AIKitScripting
import LuaRuntime
import Testing

/// The chart module's report blocks, tables and new options from Lua, and what a mistake in each says.
@Suite struct ChartModuleTests {
    @Test func chartsReturnTheirDataAsCSV() throws {
        let results = try run(
            "return chart.bar{title = 'T', labels = {'a', 'b,c'}, values = {1.5, -2}, low = {1, -3}, high = {2, false}}"
        )
        #expect(results.count == 2)
        #expect(results[1].stringValue == "label,value,low,high\na,1.5,1,2\n\"b,c\",-2,,\n")
        let stacked = try run(
            """
            local svg, csv = chart.stacked{labels = {'cost', 'revenue'}, segments = {{name = 'rent', values = {3, 0}},
              {name = 'sales', values = {0, 10}}}, prefix = '$'}
            return csv, svg:find('>$10</text>', 1, true) ~= nil
            """)
        #expect(stacked[0].stringValue == "label,rent,sales,total\ncost,3,0,3\nrevenue,0,10,10\n")
        #expect(stacked[1] == .boolean(true))
    }

    @Test func reportTablesGoThroughTheFrameRenderer() throws {
        let html = try #require(
            try run(
                """
                local f = market.frame{symbol = {'NVDA', 'SPY'}, ret = {-0.1697, 0.005}}
                return chart.report{title = 'R', blocks = {
                  {table = {columns = {'chip', 'share', 'rule'}, rows = {{'H800', -12.5, '88 FR 73458'}, {'H20', false, 'x'}},
                    formats = {share = '%+.1f%%'}}},
                  {frame = f, formats = {ret = '%.2f'}},
                  {list = {'see 87 FR 62186', 'and <b>'}},
                  {svg = chart.bar{labels = {'a'}, values = {1}}, csv = 'label,value\\na,1\\n', name = 'my data'}}}
                """
            ).first?.stringValue)
        #expect(html.contains("<td class=\"num neg\">-12.5%</td>"))
        #expect(html.contains("<tr><td>H20</td><td class=\"num\"></td><td>x</td></tr>"))  // false: a missing cell
        #expect(
            html.contains("<td><a href=\"https://www.federalregister.gov/citation/88-FR-73458\">88 FR 73458</a></td>"))
        #expect(html.contains("<td class=\"num neg\">-0.17</td>") && html.contains("<td class=\"num pos\">0.01</td>"))
        #expect(
            html.contains(
                "<li>see <a href=\"https://www.federalregister.gov/citation/87-FR-62186\">87 FR 62186</a></li>"))
        #expect(html.contains("<li>and &lt;b&gt;</li>"))
        #expect(html.contains("download=\"my-data.csv\" href=\"data:text/csv;charset=utf-8,label%2Cvalue%0Aa%2C1%0A\""))
    }

    @Test(arguments: [
        (
            "chart.report{blocks = {{text = 'a', pre = 'b'}}}",
            "blocks[1] needs exactly one of heading=, text=, list=, pre=, svg=, table=, frame=; it has text= and pre="
        ),
        (
            "chart.report{blocks = {{}}}",
            "blocks[1] needs exactly one of heading=, text=, list=, pre=, svg=, table=, frame="
        ),
        (
            "chart.report{blocks = {'text'}}",
            "field 'blocks' must hold tables like {heading=}, {text=} or {svg=}; entry 1 is string"
        ),
        ("chart.report{blocks = {{text = 'a', colour = 'red'}}}", "unknown field 'blocks[1].colour'"),
        (
            "local b = {} for i = 1, 501 do b[i] = {text = 'x'} end chart.report{blocks = b}",
            "field 'blocks' holds 501 blocks, more than a report holds (at most 500); split it into several reports"
        ),
        ("chart.report{blocks = {{svg = 'hello'}}}", "field 'blocks[1].svg' must be SVG markup"),
        (
            "chart.report{blocks = {{table = {columns = {'a', 'b'}, rows = {{1}}}}}}",
            "field 'blocks[1].table.rows' [1] must be a list of 2 values (one per column, false for a missing one)"
        ),
        (
            "chart.report{blocks = {{table = {columns = {'a', 'a'}, rows = {}}}}}",
            "field 'blocks[1].table.columns' names 'a' twice"
        ),
        (
            "chart.report{blocks = {{table = {columns = {'a'}, rows = {{1}}, formats = {a = '%s'}}}}}",
            "field 'blocks[1].table.formats' [a]: format '%s' has a conversion other than f, e or g"
        ),
        (
            "chart.report{blocks = {{table = {columns = {'a'}, rows = {{1}}, formats = {a = '%f %f'}}}}}",
            "format '%f %f' has 2 conversions, not one"
        ),
        ("chart.report{blocks = {{frame = {1, 2}}}}", "field 'blocks[1].frame' must be a frame"),
        (
            "chart.report{blocks = {{frame = io.stdout}}}",
            "field 'blocks[1].frame' must be a frame (from market.frame, store:bars, …), got other userdata"
        ),
        ("chart.report{paper = 'A3', blocks = {}}", "field 'paper' must be A4 or Letter, got 'A3'"),
        ("chart.bar{labels = {'a'}, values = {1}, low = {0}}", "field 'high' is required with 'low'"),
        (
            "chart.bar{labels = {'a', 'b'}, values = {1, 2}, low = {0}, high = {2, 3}}",
            "field 'low' has 1 entries for 2 values"
        ),
        (
            "chart.bar{labels = {'a'}, values = {1}, low = {2}, high = {3}}",
            "bar 1 ('a'): its interval [2, 3] does not contain its value 1"
        ),
        (
            "chart.bar{labels = {'a'}, values = {1}, low = {'x'}, high = {3}}",
            "field 'low' [1] must be a number (false for none), got string"
        ),
        (
            "chart.stacked{labels = {'a'}, segments = {{name = 's', values = {-1}}}}",
            "segment 's', bar 1 ('a'): -1 is not a finite value ≥ 0 (stacked parts must be ≥ 0; use a bar chart for signed values)"
        ),
        (
            "chart.stacked{labels = {'a', 'b'}, segments = {{name = 's', values = {1}}}}",
            "segment 's' has 1 values for 2 labels"
        ),
        (
            "chart.stacked{labels = {'a'}, segments = {{name = 's', values = {1}, colour = 'red'}}}",
            "unknown field 'segments[1].colour'"
        ),
        (
            "chart.line{x = {'a'}, series = {{values = {1}}}, markers = {{x = 'a', lable = 'launch'}}}",
            "unknown field 'markers[1].lable'; did you mean label?"
        ),
        (
            "chart.line{x = {'a'}, series = {{values = {1}}}, markers = {{label = 'launch'}}}",
            "field 'markers[1].x' is required"
        ),
        (
            "chart.heatmap{rows = {'r'}, columns = {'c'}, cells = {{'x'}}, colors = {x = 1}}",
            "field 'colors' must map names to CSS colours"
        ),
    ])
    func badInputSaysWhatAndWhere(code: String, message: String) {
        let error = error(code) ?? "no error"
        #expect(error.hasPrefix("(test):1: bad argument #1 to 'chart."), "\(error)")
        #expect(error.contains(message), "\(error)")
    }
}
