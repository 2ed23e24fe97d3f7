import AIKitScripting
import Foundation
import LuaRuntime
import Testing

/// Column expressions and frame verbs from Lua: what they compute on the sample, and the clear errors bad input
/// gets (never a crash). Agreement with pandas over random frames is FrameDifferentialTests' job.
@Suite struct FrameExpressionTests {
    static let setup = "local f = market.sample():bars{symbols = {'NVDA', 'CEG'}} "

    @Test func expressionsComposeIntoOneLine() throws {
        let results = try run(
            Self.setup
                + """
                local g = f:with{ret = f.close / f.open - 1, prev = f.close:shift()}
                local up = g:where(g.ret:gt(0) & g.symbol:eq("NVDA"))
                local first = f:where(f.symbol:eq("CEG"))
                return #g:columns(), g.prev[1], g.prev[2] == f.close[1], #up > 0, up.symbol[1],
                  first.close:pct_change()[2] == first.close[2] / first.close[1] - 1,
                  (f.close - f.close):max(), (-f.close)[1] == -f.close[1], f.close:gt(0)[1]
                """)
        #expect(results[0] == .integer(10))
        #expect(results[1] == .nil)  // a symbol's first row has no previous one
        #expect(results[2] == .boolean(true))
        #expect(results[3] == .boolean(true))
        #expect(results[4] == .string("NVDA"))
        #expect(results[5] == .boolean(true))
        #expect(results[6] == .number(0))
        #expect(results[7] == .boolean(true))
        #expect(results[8] == .boolean(true))
    }

    /// Column:totable() gave `false` for missing values, which chart.spark and arithmetic then refused.
    @Test func missingValuesAreNilInTablesAndFalseOnRequest() throws {
        let results = try run(
            Self.setup
                + """
                local t = f.close:shift():totable()
                local g = f.close:shift():totable{missing = false}
                return t[1], t.n, g[1], #g
                """)
        #expect(results == [.nil, .integer(120), .boolean(false), .integer(120)])
    }

    @Test func sortDescendingAndGroupByAgg() throws {
        let results = try run(
            Self.setup
                + """
                local top = f:sort{"-close", "symbol"}
                local agg = f:groupby("symbol"):agg{hi = {"close", "max"}, n = {"close", function(v) return #v end}}
                return top.close[1] == f.close:max(), agg.symbol[1], agg.hi[2] == f:where(f.symbol:eq("NVDA")).close:max(),
                  agg.n[1], table.concat(agg:columns(), ",")
                """)
        #expect(results == [.boolean(true), .string("CEG"), .boolean(true), .number(60), .string("symbol,hi,n")])
    }

    /// market.frame{} put its columns in alphabetical order; a list of pairs keeps the order given, in with{} too.
    @Test func columnsKeepTheOrderGivenAsPairs() throws {
        let results = try run(
            """
            local f = market.frame{{"zeta", {1, 2}}, {"time", {"2025-01-02", "2025-01-03"}}, {"alpha", {"a", "b"}}}
            local g = f:with{{"z2", f.zeta * 2}, {"b", 1}, {"a", f.alpha:upper()}}
            return table.concat(g:columns(), ","), g.z2[2], g.a[1]
            """)
        #expect(results == [.string("zeta,time,alpha,z2,b,a"), .number(4), .string("A")])
        #expect(error("market.frame{{'x', {1}}, y = {2}}")?.contains("not both") == true)
        #expect(error("market.frame{{'x'}}")?.contains("[1] must be a pair {name, value}") == true)
    }

    /// Computed columns count against the script's memory limit while Lua holds them: garbage ones are collected as
    /// a loop makes them, and holding too many is the limit's error, not the machine's memory.
    @Test func computedColumnsCountAgainstTheMemoryLimit() throws {
        let host = try ScriptEnvironment(options: LuaState.Options(memoryLimitBytes: 64 << 20))
        let loop = """
            local t = {} for i = 1, 200000 do t[i] = i end
            f = market.frame{x = t}
            local c = f.x
            for i = 1, 2000 do c = c + 1 end
            return c[1]
            """
        #expect(try host.lua.run(loop, name: "=(test)") == [.number(2001)])
        let hoard = "local keep = {} for i = 1, 1000 do keep[i] = f.x * i end"
        #expect(throws: (any Error).self) { try host.lua.run(hoard, name: "=(test)") }
        do { _ = try host.lua.run(hoard, name: "=(test)") } catch {
            #expect("\(error)".contains("script exceeded its 64 MB memory limit"), "\(error)")
        }
    }

    @Test func plotsDrawTheFrameAsChartsAndSaveThem() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-plot-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let results = try run(
            Self.setup
                + """
                local line = f:plot{y = "close", title = "Closes"}
                local points = market.frame{a = {1, 2, 3, 4}, b = {3, 5, 7, 9}}
                local scatter, csv = points:plot{x = "a", y = "b", kind = "scatter"}
                local bar = f:groupby("symbol"):agg{hi = {"close", "max"}}:plot{y = "hi", kind = "bar"}
                return select(2, line:gsub("<polyline", "")), scatter:match("fit: y = [^<]*"), csv, bar:find("NVDA") ~= nil,
                  chart.save(scatter, "\(path)")
                """)
        #expect(results[0] == .integer(2))  // one line per symbol
        #expect(results[1] == .string("fit: y = 1 + 2·x, R² = 1.000"))
        #expect(results[2] == .string("a,b\n1,3\n2,5\n3,7\n4,9\n"))
        #expect(results[3] == .boolean(true))
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<svg"))
    }

    @Test(
        arguments: [
            ("f.symbol * 2", "column 'symbol' holds strings, not numbers"),
            ("f.close + market.frame{x = {1, 2}}.x", "column 'x' has 2 rows but the frame has 120"),
            (
                "f:where(f.close)",
                "a mask expected (a comparison such as f.close:gt(100)), got column 'close' of numbers"
            ),
            ("~f.close", "a mask expected"),
            ("f.close < 3", "use c:lt(x)"),
            ("f.close:shift(2^62)", "is out of range"),
            ("f.close:shift(math.mininteger)", "is out of range"),
            ("f.close:round(math.mininteger)", "digits must be within -300…300"),
            ("f.close:rolling(0, 'mean')", "the window must be 1 row or more, not 0"),
            ("f.close:rolling(3, 'median')", "unknown statistic 'median'"),
            ("f.close:rolling(3, 'corr')", "'corr' needs the other Column"),
            ("f.close:rolling(3, function() error('boom') end)", "boom"),
            ("f.close:rolling(3, function() return 'x' end)", "the function must return a number, got string"),
            ("f:groupby('sector')", "no column 'sector'"),
            ("f:groupby('symbol'):agg{x = {'close', 'mode'}}", "unknown statistic 'mode'"),
            ("f:with{ret = {1, 2}}", "column 'ret' has 2 rows but the frame has 120"),
            ("f:rename{close = 'open'}", "two columns would be named 'open'"),
            ("f:rename{nope = 'x'}", "no column 'nope'"),
            ("f:sort{'-nope'}", "no column 'nope'"),
            ("f.close:cut{3, 1}", "at least two bin edges in increasing order"),
            ("f.close:round(1e6)", "digits must be within -300…300"),
            ("f.close:clip(5, 1)", "below the lower bound"),
            ("f.close:ewm{}", "give one of span, halflife or alpha"),
            ("f.close:ewm{span = 0}", "field 'span' must be 1 or more"),
            ("f.close:isin{{}}", "must be a number or a string, got table"),
            ("f.close:eq('NVDA')", "cannot compare 'NVDA' (strings) with numbers"),
            ("f.symbol:contains(1) + 1", nil),
            ("f:quantile(2)", "quantile: 2.0 is not between 0 and 1"),
            ("f:fillna({})", "a fill value (number or string)"),
            ("f:plot{y = 'close', kind = 'pie'}", "field 'kind' must be \"line\", \"bar\" or \"scatter\", not 'pie'"),
            ("f:plot{x = 'close'}", "field 'y' is required"),
            ("f:plot{y = 'symbol', kind = 'scatter', x = 'close'}", "column 'symbol' holds strings, not numbers"),
            ("f:plot{y = 'nope'}", "no column 'nope'"),
        ] as [(String, String?)])
    func badInputIsAClearError(code: String, message: String?) {
        let raised = error(Self.setup + "return " + code)
        if let message {
            #expect(raised?.contains(message) == true, "\(code): \(raised ?? "no error")")
        } else {
            #expect(raised == nil, "\(code): \(raised ?? "")")
        }
    }
}
