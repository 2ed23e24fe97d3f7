import AIKitScripting
import LuaRuntime
import Testing

@Suite struct ScriptEnvironmentTests {
    @Test func aikitModuleIsAGlobalAndRequirable() throws {
        let host = try ScriptEnvironment()
        #expect(
            try host.lua.run("return aikit.version, require('aikit') == aikit") == [.string(AikitModule.version), true])
        #expect(try host.lua.run("return aikit.inspect({1, {2}})") == ["{ 1, { 2 } }"])
        #expect(try host.lua.run("return aikit.inspect({1, 2, 3}, {max_items = 1})") == ["{ 1, ... (2 more) }"])
    }

    @Test func inspectOptionsAreValidated() throws {
        let host = try ScriptEnvironment()
        #expect(throws: LuaError.self) { try host.lua.run("aikit.inspect({}, {depth = 'deep'})") }
        do {
            try host.lua.run("aikit.inspect({}, {depth = -1})", name: "=(t)")
        } catch let error as LuaError {
            #expect(error.message == "(t):1: bad argument #2 to 'aikit.inspect' (depth: -1 is out of range 0…100)")
        }
    }

    /// Each used to overflow `level * indent`, allocate terabytes of spaces or recurse past the C stack.
    @Test(arguments: [
        ("{indent = 1 << 40}", "indent: 1099511627776 is out of range 0…16"),
        ("{indent = math.maxinteger}", "indent: 9223372036854775807 is out of range 0…16"),
        ("{depth = 1 << 62}", "depth: 4611686018427387904 is out of range 0…100"),
        ("{width = math.mininteger}", "width: -9223372036854775808 is out of range 0…100000"),
        ("{max_items = 0}", "max_items: 0 is out of range 1…1000000"),
        ("{indent = 1.5}", "field 'indent' must be an integer in 0…16"),
    ])
    func hugeInspectOptionsAreRangeErrors(options: String, message: String) throws {
        let host = try ScriptEnvironment()
        let error = #expect(throws: LuaError.self) {
            try host.lua.run("return aikit.inspect({{1}}, \(options))", name: "=(t)")
        }
        #expect(error?.message == "(t):1: bad argument #2 to 'aikit.inspect' (\(message))")
    }

    @Test func modulesLoadLazilyOnFirstTouch() throws {
        nonisolated(unsafe) var opened = 0
        let probe = ScriptModule(name: "probe") { _ in
            opened += 1
            return ModuleDefinition(
                name: "probe",
                functions: [
                    "twice": { call in
                        call.push(try call.number(1) * 2)
                        return 1
                    }
                ])
        }
        let host = try ScriptEnvironment(modules: ScriptModule.standard + [probe])
        #expect(opened == 0)
        #expect(try host.lua.run("return rawget(_G, 'probe') == nil") == [true])
        #expect(try host.lua.run("return probe.twice(4), require('aikit.probe') == probe") == [8.0, true])
        #expect(try host.lua.run("return probe.twice(5)") == [10.0])
        #expect(opened == 1)
        #expect(host.moduleNames == ["aikit", "chart", "compliance", "cost", "market", "probe"])
        // Unknown globals are still nil.
        #expect(try host.lua.run("return undefined_thing") == [.nil])
    }
}
