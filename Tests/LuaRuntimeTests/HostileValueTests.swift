import LuaRuntime
import Testing

/// What a script can hand the runtime that used to exhaust it: an indent of 2^40 spaces per level (overflow and a
/// 2 TB allocation), a depth past the C stack, and tables shared so often that converting them never ends.
@Suite struct HostileValueTests {
    func inspect(_ code: String, _ options: InspectOptions) throws -> String {
        let lua = try LuaState()
        try lua.load("return " + code, name: "=(test)")
        try lua.call(resultCount: 1)
        defer { lua.pop() }
        return lua.inspect(at: -1, options: options)
    }

    /// Out-of-range options are clamped by the printer itself (the `aikit.inspect` binding refuses them).
    @Test(arguments: [
        InspectOptions(indent: 1 << 40), InspectOptions(indent: .max), InspectOptions(depth: .max, indent: .max),
        InspectOptions(maxItems: .min, width: .min),
        InspectOptions(depth: .min, maxItems: .max, indent: .min, width: .max),
    ])
    func hugeOptionsAreClamped(options: InspectOptions) throws {
        let text = try inspect("{ a = { b = { c = { 1, 2, 3 } } }, long = string.rep('x', 100) }", options)
        #expect(text.utf8.count < 10_000)
    }

    @Test func deepTablesStopAtTheDepthLimit() throws {
        let text = try inspect(
            "(function() local t = {} for _ = 1, 100000 do t = {t} end return t end)()",
            InspectOptions(depth: .max, width: 0))
        #expect(text.contains("{...}"))
    }

    @Test func sharedTablesAreRefusedPastTheValueLimit() throws {
        let lua = try LuaState()
        lua.register("convert") { call in
            _ = try call.value(1)
            return 0
        }
        let error = #expect(throws: LuaError.self) {
            try lua.run("local t = {} for _ = 1, 60 do t = {t, t} end convert(t)", name: "=(t)")
        }
        #expect(error?.message.contains("tables hold more than 4194304 values") == true)
        let strings = #expect(throws: LuaError.self) {
            try lua.run("local s = string.rep('x', 1 << 20) local t = {} for i = 1, 100000 do t[i] = s end convert(t)")
        }
        #expect(strings?.message.contains("a string counts one per 64 bytes") == true)
        try lua.run("local t = {} for i = 1, 1000000 do t[i] = i end convert(t)")  // a million values still convert
    }
}
