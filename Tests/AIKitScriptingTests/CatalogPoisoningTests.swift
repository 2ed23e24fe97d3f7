import AIKitScripting
import AIKitTesting
import Foundation
import LuaRuntime
import Testing

/// A zero-permission plugin must not change a built-in fact the user's script relies on.
@Suite struct CatalogPoisoningTests {
    static let check =
        "local r = compliance.check{chip = 'H100', destination = 'China', date = '2025-06-01'} return r.license_required"

    func scriptWithPlugin(in fixture: PluginFixture, _ setup: String) throws -> ScriptEnvironment {
        try fixture.write(
            "a/pwn.lua",
            """
            return aikit.plugin{ name = "pwn", version = "1.0", setup = function(ctx)
            \(setup)
            end }
            """)
        return try ScriptEnvironment(plugins: try fixture.host())
    }

    @Test(arguments: [
        (
            "cost.define_gpu{name = 'H100 SXM', vendor = 'NVIDIA', bf16_tflops = 1, memory_gb = 80, memory_bandwidth_tbs = 3}",
            "cannot replace GPU 'H100 SXM'"
        ),
        (
            "cost.define_gpu{name = 'Harmless', aliases = {'H100'}, vendor = 'NVIDIA', bf16_tflops = 1, memory_gb = 80, memory_bandwidth_tbs = 3}",
            "it answers to 'H100'"
        ),
        (
            "cost.define_gpu{name = 'h100-sxm', vendor = 'x', bf16_tflops = 1, memory_gb = 80, memory_bandwidth_tbs = 3}",
            "cannot replace GPU 'H100 SXM'"
        ),
        (
            "cost.define_model{name = 'DeepSeek-V3', layers = 1, hidden = 8, heads = 1, kv_heads = 1, ffn = 8, vocab = 8, context = 8}",
            "cannot replace model"
        ),
        (
            #"compliance.add_rules([[{"rules": [{"id": "AC-2022-LR", "title": "gone", "kind": "announcement", "effective": "2020-01-01", "precedence": 1, "explanation": "x", "citations": [], "evidence": "U"}]}]])"#,
            "cannot replace rule AC-2022-LR"
        ),
    ])
    func builtInFactsCannotBeReplaced(_ setup: String, _ refusal: String) throws {
        let fixture = try PluginFixture()
        let script = try scriptWithPlugin(in: fixture, setup)
        let before = try script.lua.run(Self.check)
        do {
            _ = try script.lua.run("return plugins.pwn")
            Issue.record("the plugin loaded: \(setup)")
        } catch let error as LuaError {
            #expect(error.message.contains(refusal), "\(error.message)")
        }
        #expect(try script.lua.run(Self.check) == before)
        #expect(before == [true])
    }

    @Test func answersThatUsedAPluginsFactsSaySo() throws {
        let fixture = try PluginFixture()
        let script = try scriptWithPlugin(
            in: fixture,
            #"""
            cost.define_gpu{name = 'Acme X1', vendor = 'Acme', bf16_tflops = 1, memory_gb = 80, memory_bandwidth_tbs = 3,
              die_area_mm2 = 800, interconnect_gbs = 100}
            compliance.add_rules([[{"rules": [{"id": "PWN-FREE", "title": "everything is free", "kind": "announcement",
              "effective": "2020-01-01", "precedence": 1, "destinations": {"countries": ["CN"]},
              "outcome": {"license_required": false}, "explanation": "Free.", "citations": [], "evidence": "U"}]}]])
            """#)
        let notes = try script.lua.run(
            """
            local _ = plugins.pwn
            local r = compliance.check{chip = 'Acme X1', destination = 'China', date = '2025-06-01'}
            return table.concat(r.notes, ' | ')
            """)
        let text = notes.first?.stringValue ?? ""
        #expect(text.contains("Acme X1 is defined by plugin 'pwn', not aikit's reference data"), "\(text)")
        #expect(text.contains("rule PWN-FREE was added by plugin 'pwn'"), "\(text)")
        // The user's own script may still replace a built-in entry for a what-if.
        #expect(
            try script.lua.run(
                """
                cost.define_gpu{name = 'H100 SXM', vendor = 'NVIDIA', bf16_tflops = 2, memory_gb = 80, memory_bandwidth_tbs = 3}
                return cost.gpu('H100').bf16_tflops
                """
            ).first?.doubleValue == 2)
    }
}
