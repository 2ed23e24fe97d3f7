import AIKitScripting
import LuaRuntime
import Testing

/// The `cost` module through Lua: names, validation errors, catalogs defined from scripts.
@Suite struct CostModuleTests {
    @Test func catalogLookupsFromLua() throws {
        #expect(
            try run(
                "return cost.gpu('h800').name, cost.gpu('H800 SXM').bf16_tflops, cost.gpu('h800').figures.bf16_tflops.evidence"
            )
                == ["H800 SXM", 989.0, "P"])
        #expect(try run("return #cost.gpus(), #cost.models()") == [15, 8])
        #expect(
            try run("local m = cost.model('deepseek-v3') return m.kind, m.attention, m.moe.routed_experts")
                == ["moe", "MLA", 256])
        #expect(
            error("cost.gpu('H8000')")
                == "(test):1: bad argument #1 to 'cost.gpu' (unknown GPU 'H8000'; did you mean H800?)")
        #expect(error("cost.gpu(42)")?.contains("unknown GPU '42'") == true)
        #expect(error("cost.gpu()") == "(test):1: bad argument #1 to 'cost.gpu' (string expected, got no value)")
    }

    @Test func trainingReproducesDeepSeekV3FromLua() throws {
        let results = try run(
            """
            local r = cost.training{ model = 'DeepSeek-V3', gpu = 'H800', gpus = 2048, price_per_gpu_hour = 2,
              pp = 16, ep = 64, zero = 1,
              stages = { {name = 'pre-training', tokens = 14.8e12, gpu_hours = 2664e3},
                         {name = 'context extension', gpu_hours = 119e3}, {name = 'post-training', gpu_hours = 5e3} } }
            return r.gpu_hours, r.cost_usd, #r.stages, r.stages[1].reported, r.memory.fits, type(r.explain)
            """)
        #expect(results == [2_788_000.0, 5_576_000.0, 3, true, true, "string"])
    }

    @Test func definedChipsAndModelsAreUsable() throws {
        let results = try run(
            """
            cost.define_gpu{ name = 'Hypothetical X', vendor = 'Acme', bf16_tflops = 2000, memory_gb = 192,
              memory_bandwidth_tbs = 8, tdp_w = 1000, source = 'what-if', evidence = 'E' }
            cost.define_model{ name = 'Tiny MoE', layers = 4, hidden = 512, heads = 8, kv_heads = 2, ffn = 2048,
              vocab = 32000, moe = { routed_experts = 8, shared_experts = 1, active_experts = 2, expert_ffn = 256 } }
            local r = cost.training{ model = 'tiny moe', gpu = 'hypothetical-x', tokens = 1e9, mfu = 0.5 }
            return cost.gpu('Hypothetical X').figures.bf16_tflops.evidence, r.model, r.gpu, r.gpu_hours > 0
            """)
        #expect(results == ["E", "Tiny MoE", "Hypothetical X", true])
    }

    @Test(arguments: [
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = 2e12, mfu = 1.5}",
            "bad argument #1 to 'cost.training' (mfu must be in (0, 1] (a fraction of the peak), got 1.5)"
        ),
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = -1, mfu = 0.4}",
            "bad argument #1 to 'cost.training' (tokens must be a positive number, got -1)"
        ),
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = 2e12, mfuu = 0.4}",
            "bad argument #1 to 'cost.training' (unknown field 'mfuu'; did you mean mfu?)"
        ),
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = 2e12, price = 2}",
            "bad argument #1 to 'cost.training' (unknown field 'price'; did you mean price_per_gpu_hour?)"
        ),
        (
            "cost.inference{model = 'deepseek-v3', gpu = 'H800', input_tokens = 1e9, prices = {cache = 1}}",
            "bad argument #1 to 'cost.inference' (unknown field 'prices.cache'; did you mean one of input_cache_hit, "
                + "input_cache_miss?)"
        ),
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = 2e12, speed = 2}",
            "bad argument #1 to 'cost.training' (unknown field 'speed')"
        ),
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = 2e12, mfu = 'high'}",
            "bad argument #1 to 'cost.training' (field 'mfu' must be a number, got string)"
        ),
        (
            "cost.training{gpu = 'Ascend 910B', params = 7e9, tokens = 2e12, mfu = 0.4, precision = 'fp8'}",
            "bad argument #1 to 'cost.training' (no fp8 peak for Ascend 910B in the catalog (it has bf16, fp16))"
        ),
        (
            "cost.training{gpu = 'H800', params = 7e9, tokens = 2e12, mfu = 0.4, precision = 'fp4'}",
            "bad argument #1 to 'cost.training' (field 'precision' must be one of fp64, tf32, bf16, fp16, fp8, int8, got 'fp4')"
        ),
        (
            "cost.training{params = 7e9, tokens = 2e12, mfu = 0.4}",
            "bad argument #1 to 'cost.training' (field 'gpu' is required (a name such as 'H800'))"
        ),
        ("cost.training('H800')", "bad argument #1 to 'cost.training' (table expected, got string)"),
        (
            "cost.define_gpu{name = 'Neg', bf16_tflops = -1, memory_gb = 80, memory_bandwidth_tbs = 3}",
            "bad argument #1 to 'cost.define_gpu' (GPU 'Neg': bf16_tflops must be a positive number, got -1.0)"
        ),
        (
            "cost.define_gpu{name = 'NoMem', bf16_tflops = 100, memory_bandwidth_tbs = 3}",
            "bad argument #1 to 'cost.define_gpu' (GPU 'NoMem': memory_gb is missing)"
        ),
        (
            "cost.define_model{name = 'M', layers = 2, hidden = 64, heads = 4, ffn = 256}",
            "bad argument #1 to 'cost.define_model' (field 'vocab' is required)"
        ),
        (
            "cost.inference{model = 'DeepSeek-V3', gpu = 'H800', input_tokens = 1, cache_hit = 2}",
            "bad argument #1 to 'cost.inference' (cache_hit must be a share in [0, 1], got 2)"
        ),
        (
            "cost.sweep{model = 'DeepSeek-V3', tokens = 1e12, gpu = {'H800'}, gpus = {8}, mfu = {0}, price = {2}}",
            "bad argument #1 to 'cost.sweep' (mfu must be in (0, 1] (a fraction of the peak), got 0)"
        ),
    ])
    func badInputsAreClearErrors(_ code: String, _ expected: String) {
        #expect(error(code) == "(test):1: " + expected)
    }

    @Test func sweepReturnsColumnsConsistentWithTraining() throws {
        let results = try run(
            """
            local s = cost.sweep{ model = 'DeepSeek-V3', tokens = 14.8e12, gpu = {'H800', 'H100', 'H20'},
              gpus = {2048, 4096}, mfu = {0.2, 0.4}, price = {2, 3} }
            local one = cost.training{ model = 'DeepSeek-V3', tokens = 14.8e12, gpu = 'H20', gpus = 4096, mfu = 0.4,
              price_per_gpu_hour = 3 }
            local i = s.n  -- the last row is H20 × 4096 × 0.4 × $3
            return s.n, s.gpu[i], math.abs(s.cost_usd[i] / one.cost_usd - 1) < 1e-12, math.abs(s.days[i] / one.days - 1) < 1e-12
            """)
        #expect(results == [24, "H20", true, true])
    }
}
