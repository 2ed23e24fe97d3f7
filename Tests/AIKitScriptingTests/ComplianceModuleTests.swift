import AIKitScripting
import LuaRuntime
import Testing

/// The `compliance` module through Lua.
@Suite struct ComplianceModuleTests {
    @Test func classifyAndCheckFromLua() throws {
        #expect(
            try run(
                "local c = compliance.classify{chip = 'H800', date = '2023-11-20'} return c.eccn, c.tpp, c.controlled")
                == ["3A090.a", 15_832.0, true])
        #expect(
            try run(
                """
                local r = compliance.check{chip = 'H200', destination = 'China', date = '2026-02-01', exported_from = 'US'}
                return r.license_required, r.policy, r.rule, r.status, #r.trace > 0, r.trace[1].citation ~= nil
                """) == [true, "case-by-case", "CBC-2026-01", "in force", true, true])
        #expect(
            try run("return compliance.check{item = 'H20', destination = 'CN', date = '2025-04-20'}.status") == [
                "letter"
            ])
        #expect(
            try run(
                "return compliance.check{model_training_ops = 2.1e26, destination = 'India', date = '2025-06-01'}.eccn")
                == ["4E091"])
    }

    @Test func aChipRedefinedAfterALookupIsSeenAnew() throws {
        // compliance remembers chips it looked up by name; a define_gpu must make it look again.
        #expect(
            try run(
                """
                local function define(tflops)
                  cost.define_gpu{ name = 'Probe R', vendor = 'Acme', bf16_tflops = tflops, memory_gb = 96,
                    memory_bandwidth_tbs = 4, die_area_mm2 = 800 }
                end
                define(400)
                local before = compliance.check{chip = 'Probe R', destination = 'China', date = '2025-06-01'}.tpp
                define(100)
                local after = compliance.check{chip = 'Probe R', destination = 'China', date = '2025-06-01'}.tpp
                return before, after
                """) == [6400.0, 1600.0])
    }

    @Test func chipsDefinedInCostAreSeenByCompliance() throws {
        #expect(
            try run(
                """
                cost.define_gpu{ name = 'Probe 1', vendor = 'Acme', bf16_tflops = 400, memory_gb = 96,
                  memory_bandwidth_tbs = 4, die_area_mm2 = 800, interconnect_gbs = 900 }
                return compliance.classify{chip = 'probe-1', date = '2024-01-01'}.eccn
                """) == ["3A090.a"])
        // Specs instead of a catalog name: TPP 148 × 16 = 2368, PD 2368 / 814.
        #expect(
            try run(
                """
                local c = compliance.classify{chip = {name = 'H20-like', bf16_tflops = 148, die_area_mm2 = 814,
                  datacenter = true}, date = '2024-06-01'}
                return c.eccn, c.tpp
                """) == [.nil, 2368.0])
    }

    @Test func timelineDiffAndRules() throws {
        #expect(
            try run(
                """
                local t = compliance.timeline{chip = 'H800', destination = 'China', from = '2022-01-01'}
                local caught
                for _, p in ipairs(t) do if p.license_required and not caught then caught = p.from end end
                return caught
                """) == ["2023-11-17"])
        #expect(
            try run(
                """
                local d = compliance.diff{chip = 'H20', destination = 'China', from = '2024-06-01', to = '2025-04-20'}
                return d.changes[1], d.rules[1].rule
                """) == ["licence required: no → yes", "NVIDIA-H20-LETTER-2025"])
        #expect(
            try run(
                "local n = 0 for _, r in ipairs(compliance.rules{date = '2025-06-01'}) do n = n + 1 end return n > 5")
                == [true])
    }

    @Test(arguments: [
        (
            "compliance.check{chip = 'H8000', destination = 'China', date = '2024-01-01'}",
            "bad argument #1 to 'compliance.check' (unknown GPU 'H8000'; did you mean H800?)"
        ),
        (
            "compliance.check{chip = 'H100', destination = 'Chna', date = '2024-01-01'}",
            "bad argument #1 to 'compliance.check' (unknown country 'Chna'; did you mean China?)"
        ),
        (
            "compliance.check{chip = 'H100', destination = 'China', date = '2024-02-30'}",
            "bad argument #1 to 'compliance.check' (field 'date' '2024-02-30' is not a date on the calendar (2/30))"
        ),
        (
            "compliance.check{chip = 'H100', destination = 'China'}",
            "bad argument #1 to 'compliance.check' (field 'date' is required (YYYY-MM-DD))"
        ),
        (
            "compliance.check{chip = 'H100', date = '2024-01-01'}",
            "bad argument #1 to 'compliance.check' (field 'destination' is required (an ISO code such as 'CN' or a name such as 'China'))"
        ),
        (
            "compliance.classify{chip = 'H100', date = '2024-01-01', when = 'now'}",
            "bad argument #1 to 'compliance.classify' (unknown field 'when')"
        ),
    ])
    func badInputsAreClearErrors(_ code: String, _ expected: String) {
        #expect(error(code) == "(test):1: " + expected)
    }
}
