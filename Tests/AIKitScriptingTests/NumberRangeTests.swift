import AIKitScripting
import LuaRuntime
import Testing

/// Numbers from Lua are checked where they enter: finite, an integer where one is meant, inside the documented range
/// (docs/cost.md; Scripts/types/aikit.lua). Each of these used to kill the process with a Swift trap, hang or run
/// for minutes.
@Suite struct NumberRangeTests {
    static let training = "cost.training{model = 'DeepSeek-V3', tokens = 1e12, gpu = 'H800', gpus = 2048, mfu = 0.4, "

    @Test(arguments: [
        (training + "tp = 1 << 32, pp = 1 << 32}", "cost.training' (tp: 4294967296 is out of range 1…65536)"),
        (training + "tp = 8, pp = 1e300}", "cost.training' (pp: 1e300 is out of range 1…65536)"),
        (training + "ep = 0/0}", "cost.training' (field 'ep' must be an integer, got nan)"),
        (training + "gpus = 2^63}", "cost.training' (gpus: 9.223372036854776e18 is out of range 1…10000000)"),
        (training + "micro_batch = 1.5}", "cost.training' (field 'micro_batch' must be an integer, got 1.5)"),
        (
            training + "price_per_gpu_hour = math.huge}",
            "cost.training' (field 'price_per_gpu_hour' must be a finite number, got inf)"
        ),
        (
            training + "context = math.maxinteger}",
            "cost.training' (context: 9223372036854775807 is out of range 1…100000000)"
        ),
        (
            training + "stages = {{tokens = 1e300, mfu = 0.4}}}",
            "cost.training' (stages[1].tokens: 1e300 is out of range 0…1e18)"
        ),
        (
            "cost.training{params = 1e300, tokens = 1e12, gpu = 'H800', mfu = 0.4}",
            "cost.training' (params: 1e300 is out of range 0…1e16)"
        ),
        (
            "cost.define_model{name = 'x', layers = 1 << 62, hidden = 1 << 62, heads = 1, ffn = 1, vocab = 1}",
            "cost.define_model' (layers: 4611686018427387904 is out of range 1…100000)"
        ),
        (
            "cost.define_model{name = 'x', layers = 2, hidden = 64, heads = 4, ffn = 256, vocab = 10, "
                + "moe = {routed_experts = math.maxinteger, active_experts = 1, expert_ffn = 8}}",
            "cost.define_model' (moe.routed_experts: 9223372036854775807 is out of range 1…1000000)"
        ),
        (
            "cost.inference{model = 'DeepSeek-V3', gpu = 'H800', batch = 1e300}",
            "cost.inference' (batch: 1e300 is out of range 1…10000000)"
        ),
        (
            "cost.inference{model = 'DeepSeek-V3', gpu = 'H800', input_tokens = 1e300}",
            "cost.inference' (input_tokens: 1e300 is out of range 0…1e18)"
        ),
        (
            "cost.sweep{model = 'DeepSeek-V3', tokens = 1e12, gpu = 'H800', gpus = {1e300}, mfu = 0.4, price = 2}",
            "cost.sweep' (gpus: 1e300 is out of range 1…10000000)"
        ),
        (
            "cost.sweep{model = 'DeepSeek-V3', tokens = 1e12, gpu = 'H800', gpus = {0/0}, mfu = 0.4, price = 2}",
            "cost.sweep' (field 'gpus' must be an integer, got nan)"
        ),
        (
            "chart.bar{labels = {'a'}, values = {1}, width = 1e308}",
            "chart.bar' (width: 1e308 is out of range 1…100000)"
        ),
        (
            "chart.line{x = {'a'}, series = {{values = {1}}}, height = 0/0}",
            "chart.line' (field 'height' must be a finite number, got nan)"
        ),
    ])
    func outOfRangeNumbersAreArgumentErrors(code: String, message: String) {
        #expect(error(code) == "(test):1: bad argument #1 to '" + message)
    }

    /// A sweep whose grid would exceed the row limit says its size and how to split it; a million rows still run.
    @Test func hugeSweepsAreRefusedWithTheirSize() throws {
        let message = error(
            """
            local list = {} for i = 1, 5000 do list[i] = i end
            cost.sweep{model = 'DeepSeek-V3', tokens = 1e12, gpu = 'H800', gpus = list, mfu = {0.2, 0.4}, price = list}
            """)
        #expect(
            message?.contains(
                "a sweep of 1 × 5000 × 2 × 5000 = 50000000 combinations is more than the 10000000 one sweep makes; split it"
            ) == true)
        let rows = try run(
            """
            local list = {} for i = 1, 1000 do list[i] = i end
            return cost.sweep{model = 'DeepSeek-V3', tokens = 1e12, gpu = 'H800', gpus = list, mfu = {0.2, 0.4}, price = list}.n
            """)
        #expect(rows == [2_000_000])
    }

    /// Extreme chart values are drawn as gaps with a note, not refused and not a trap.
    @Test func extremeChartValuesAreGaps() throws {
        let svg = try run("return chart.bar{labels = {'a', 'b', 'c'}, values = {1e308, -1e308, 1}}")
        #expect(svg.first?.stringValue?.contains("2 values not drawn (not finite or beyond ±1e300)") == true)
        #expect(try run("return chart.spark{1e308, -1e308, 1, 2}") == ["  ▁█"])
    }
}
