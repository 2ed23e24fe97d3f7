import AIKitScripting
import Foundation
import LuaRuntime
import Testing

/// The `market` module through Lua: the sample store, frames and columns, analytics, imports and their errors.
@Suite struct MarketModuleTests {
    @Test func sampleReturnsOnTheDeepSeekDay() throws {
        let results = try run(
            """
            local s = market.sample()
            local f = s:bars{symbols = {'NVDA', '^IXIC', '^SOX', 'XLK'}, from = '2025-01-24', to = '2025-01-27'}:returns()
            local day = f:filter{from = '2025-01-27'}
            local out = {}
            for row in day:rows() do out[#out + 1] = string.format('%s %.2f', row.symbol, row['return'] * 100) end
            return table.concat(out, ' '), #f, #day:col('return')
            """)
        #expect(results == ["NVDA -16.97 XLK -4.90 ^IXIC -3.07 ^SOX -9.15", 8, 4])
    }

    @Test func framesHaveColumnsRowsAndText() throws {
        let results = try run(
            """
            local f = market.sample():bars{symbols = 'NVDA', to = '2024-12-03'}
            local c = f:col('close')
            local t = f:totable()
            return #f, table.concat(f:columns(), ','), c[2], #c, c[3], t[1].time, t[1].adj_close, f.volume[1],
                   tostring(f):match('^symbol +time'), f:to_csv():match('^[^\\n]+'), c:max()
            """)
        #expect(
            results == [
                2, "symbol,time,open,high,low,close,adj_close,volume", 139.8847, 2, .nil, "2024-12-02", .nil,
                171_682_800.0, "symbol  time", "symbol,time,open,high,low,close,adj_close,volume", 139.8847,
            ])
    }

    /// Frame:format gives columns a display format that show (and tostring) honour; CSV keeps full precision;
    /// mistakes name the column and the argument.
    @Test func frameFormatShapesHowNumbersRead() throws {
        let results = try run(
            """
            local f = market.sample():bars{symbols = 'NVDA', to = '2024-12-03'}:returns()
            local g = f:format{close = '%.1f', ['return'] = '%+.2f%%'}
            local h = g:format{close = false}
            return g:show():match('\\n%-+[^\\n]*\\n[^\\n]*'), tostring(g):find('139.9', 1, true) ~= nil,
                   h:show():find('139.8847', 1, true) ~= nil, g:to_csv():find('139.8847', 1, true) ~= nil,
                   select(2, pcall(f.format, f, {nope = '%.1f'})), select(2, pcall(f.format, f, {close = '%d'})),
                   select(2, pcall(f.format, f, {close = 3}))
            """)
        #expect(results.count == 7)
        #expect(results[0].stringValue?.contains("  138.3  ") == true, "\(results[0])")
        #expect(results[1] == true && results[2] == true && results[3] == true)
        #expect(results[4].stringValue?.contains("bad argument #1 to 'Frame:format'") == true, "\(results[4])")
        #expect(results[4].stringValue?.contains("no column 'nope'") == true)
        #expect(results[5].stringValue?.contains("conversion other than f, e or g") == true, "\(results[5])")
        #expect(results[6].stringValue?.contains("[close] must be a format") == true, "\(results[6])")
    }

    @Test func analyticsChainFromOneLine() throws {
        let results = try run(
            """
            local s = market.sample()
            local f = s:bars{symbols = {'NVDA', 'AVGO'}}:returns():rolling(5, 'std', 'return')
            local rebased = s:bars{symbols = 'NVDA'}:rebase{at = '2025-01-24'}
            local weekly = s:bars{symbols = 'NVDA'}:resample('week')
            local corr = s:bars{symbols = {'NVDA', 'AVGO', 'SPY'}}:returns():corr()
            local dd = s:bars{symbols = 'NVDA'}:max_drawdown()
            return #f, f:columns()[10], rebased:filter{from = '2025-01-24', to = '2025-01-24'}.rebased[1],
                   #weekly, #corr, corr:col('NVDA')[2], dd:col('max_drawdown')[1] < -0.15
            """)
        #expect(results[0] == .integer(120))
        #expect(results[1] == "return_std5")
        #expect(results[2] == .number(100))
        #expect(results[3] == .integer(13))
        #expect(results[4] == .integer(3))
        #expect(results[5] == .number(1))  // NVDA with itself
        #expect(results[6] == .boolean(true))
    }

    @Test func joinBringsInSectorsAndAggregateSummarises() throws {
        let results = try run(
            """
            local s = market.sample()
            local day = s:bars{from = '2025-01-24', to = '2025-01-27'}:returns():filter{from = '2025-01-27'}
            local stocks = day:join(s:symbols(), {on = 'symbol', columns = {'sector', 'kind'}})
            local utilities = stocks:aggregate{by = {'kind', 'sector'}, ['return'] = 'mean'}
            for row in utilities:rows() do
              if row.kind == 'stock' and row.sector == 'Utilities' then return row.return_mean end
            end
            """)
        // VST -28.27% and CEG -20.85%, equal-weighted.
        #expect(abs((results.first?.doubleValue ?? 0) - (-0.245607)) < 1e-6)
    }

    @Test func eventStudyAgainstSPY() throws {
        let results = try run(
            """
            local es = market.event_study{store = market.sample(), symbols = {'NVDA', 'AVGO'}, benchmark = 'SPY',
                                          event = '2025-01-27', window = {-5, 5}, estimation = {-30, -6}}
            local day0 = es.abnormal:filter{symbols = 'NVDA', from = '2025-01-27', to = '2025-01-27'}
            return es.event, #es.summary, day0.ar[1] < -0.13, es.summary.symbol[1]
            """)
        #expect(results == ["2025-01-27", 2, true, "NVDA"])
    }

    @Test func asofJoinAndFramesFromTables() throws {
        let results = try run(
            """
            local bars = market.sample():bars{symbols = 'NVDA'}
            local probes = market.frame{symbol = {'NVDA', 'NVDA'}, time = {'2025-01-25 12:00:00', '2025-01-27 23:00:00'}}
            local j = probes:asof(bars, {columns = {'close'}})
            return j.close[1], j.close[2], j.time_right[1]
            """)
        #expect(results == [142.2481, 118.1112, "2025-01-24"])
    }

    @Test func importFromLuaReportsWhatItDid() throws {
        let folder = NSTemporaryDirectory() + "aikit-lua-import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Date,Open,High,Low,Close,Volume\n2025-01-24,147.9831,148.5816,141.5101,142.2481,234657600\n"
            .write(toFile: folder + "/NVDA.csv", atomically: true, encoding: .utf8)
        let results = try run(
            """
            local s = market.open('\(folder)/m.sqlite')
            local r = s:import('\(folder)/NVDA.csv')
            local again = s:import('\(folder)/NVDA.csv')
            return r.inserted, r.files[1].format, r.symbols[1], again.unchanged, s:check()
            """)
        #expect(results == [1, "stooq-csv", "NVDA", 1, "ok"])
    }

    @Test func badArgumentsAreClearErrors() throws {
        #expect(
            error("market.sample():bars{symbols = 'NVDAA'}")
                == "(test):1: MarketStore:bars: no 1d bars for 'NVDAA' in :memory:; did you mean NVDA?")
        #expect(
            error("market.sample():bars{symbol = 'NVDA'}")?.contains("unknown field 'symbol'; did you mean symbols?")
                == true)
        #expect(
            error("market.sample():bars{from = '2025-13-01'}")?.contains("cannot read the date '2025-13-01'") == true)
        #expect(error("market.sample():bars{}:rolling(5, 'median')")?.contains("unknown statistic 'median'") == true)
        #expect(error("market.sample():bars{}:col('nope')")?.contains("no column 'nope'") == true)
        #expect(
            error("market.sample():import('/nonexistent/x.csv')")?.contains("/nonexistent/x.csv: cannot open") == true)
        #expect(
            error("market.event_study{store = market.sample(), symbols = {'NVDA'}, event = '2025-01-27'}")?
                .contains("but SPY has only") == true)
    }
}

@Suite struct MarketArgumentTests {
    @Test func nonsenseNumbersAreErrorsNotCrashes() throws {
        let setup = "local s = market.sample() local f = s:bars{symbols = 'NVDA'} "
        #expect(error(setup + "s:bars{from = 0/0}")?.contains("nan is not a time (seconds since 1970)") == true)
        #expect(
            error(setup + "f:rolling(0, 'mean')")?.contains(
                "bad argument #1 to 'Frame:rolling' (the window must be 1 row or more, not 0)") == true)
        #expect(
            error(setup + "f:asof(f, {tolerance = -1})")?.contains("field 'tolerance' must be 0 or more seconds")
                == true)
        // `by` is a column name or false; anything else is an error, not silently the default.
        #expect(
            error(setup + "f:asof(f, {by = 12})")?.contains("field 'by' must be a column name or false, got number")
                == true)
        #expect(
            error(
                setup
                    + "assert(#f:asof(f:select('symbol', 'time', 'volume'), {by = 'symbol', columns = {'volume'}}) == #f)"
            ) == nil)
        #expect(
            error(setup + "assert(#f:asof(f:select('time', 'volume'), {by = false, columns = {'volume'}}) == #f)")
                == nil)
        #expect(
            error(setup + "market.event_study{store = s, symbols = 'NVDA', event = '2025-01-27', window = {0/0, 5}}")?
                .contains("field 'window' must be {first, last} trading-day offsets") == true)
        #expect(
            error(setup + "s:import({1, 2})")?.contains(
                "bad argument #1 to 'MarketStore:import' (paths must be strings, got number)") == true)
        #expect(
            error("market.frame{a = {1, 2}, b = {1}}")?.contains("column 'b' has 1 rows but the frame has 2") == true)
        #expect(
            error(setup + "f:aggregate{by = 'symbol', close = 'avg'}")?
                .contains(
                    "field 'close': unknown statistic 'avg' (count, sum, mean, std, min, max, median, first, last)")
                == true)
        #expect(
            try run(setup + "return f:aggregate{by = 'symbol', close = {'min', 'max'}}:col('close_max')[1]") == [
                149.0404
            ])
    }
}
