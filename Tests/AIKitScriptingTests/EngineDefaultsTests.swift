import AIKitScripting
import Frames
import LuaRuntime
import MarketData
import Testing

/// Defaults belong to the engines: a Lua call that leaves an option out gets what a Swift caller of the engine gets.
@Suite struct EngineDefaultsTests {
    @Test func anEventStudyWithoutOptionsIsTheEnginesDefaultStudy() throws {
        let store = try MarketSample.open()
        let symbols = ["NVDA", "AVGO"]
        let bars = try store.bars(BarQuery(symbols: symbols + [EventStudy.defaultBenchmark]))
        let event = try #require(MarketTime.parse("2025-01-27"))
        // The sample's 60 days cannot hold the default estimation window, so both say the same thing about it.
        let swift: String
        do {
            _ = try EventStudy(bars: bars, symbols: symbols, event: event)
            swift = "ok"
        } catch {
            swift = error.description
        }
        let lua = error(
            "market.event_study{ store = market.sample(), symbols = { 'NVDA', 'AVGO' }, event = '2025-01-27' }")
        #expect(lua?.contains(swift) == true, "Lua: \(lua ?? "no error"); Swift: \(swift)")
        #expect(swift.contains("estimation window (-60, -6)"))
    }

    @Test func columnStatisticsAreTheAggregatesOnes() throws {
        let host = try ScriptEnvironment()
        let results = try host.lua.run(
            """
            local f = market.frame{ x = { 1, 2, 0/0, 4 }, n = { 1, 2, 3, 4 } }
            return f.x:sum(), f.x:mean(), f.x:min(), f.x:max(), f.n:sum(), market.frame{ e = { 0/0 } }.e:sum()
            """)
        #expect(results.map(\.doubleValue) == [7, 7.0 / 3, 1, 4, 10, nil])
    }
}
