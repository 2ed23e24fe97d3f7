import LuaRuntime
import Testing

@Suite struct InspectorTests {
    func inspect(_ code: String, _ options: InspectOptions = InspectOptions()) throws -> String {
        let lua = try LuaState()
        try lua.load("return " + code, name: "=(test)")
        try lua.call(resultCount: 1)
        defer { lua.pop() }
        return lua.inspect(at: -1, options: options)
    }

    @Test func scalars() throws {
        #expect(try inspect("nil") == "nil")
        #expect(try inspect("42") == "42")
        #expect(try inspect("1.5") == "1.5")
        #expect(try inspect("'a\\n\"b\"'") == #""a\n\"b\"""#)
        #expect(try inspect("true") == "true")
    }

    @Test func keysSortedArraysFirst() throws {
        #expect(
            try inspect("{3, 2, 1, zeta = 1, alpha = 2, [10] = 'x', ['two words'] = 0}")
                == #"{ 3, 2, 1, [10] = "x", alpha = 2, ["two words"] = 0, zeta = 1 }"#)
    }

    @Test func nestedTablesIndentWhenLong() throws {
        let text = try inspect(
            "{ name = 'DeepSeek-V3', params = { total = 671e9, active = 37e9 }, "
                + "gpus = { 'H800', 'H100', 'H20', 'Ascend 910C', 'A100', 'B200' } }")
        #expect(
            text == """
                {
                  gpus = { "H800", "H100", "H20", "Ascend 910C", "A100", "B200" },
                  name = "DeepSeek-V3",
                  params = { active = 37000000000.0, total = 671000000000.0 }
                }
                """)
    }

    @Test func cyclesAreMarked() throws {
        let lua = try LuaState()
        try lua.run("t = {1} t.me = t t.child = {parent = t}")
        try lua.run("x = t")
        try lua.load("return t", name: "=t")
        try lua.call(resultCount: 1)
        #expect(lua.inspect(at: -1) == "{ 1, child = { parent = <cycle> }, me = <cycle> }")
    }

    @Test func longArraysAreTruncatedWithACount() throws {
        var options = InspectOptions()
        options.maxItems = 3
        #expect(try inspect("{1, 2, 3, 4, 5, 6}", options) == "{ 1, 2, 3, ... (3 more) }")
        options.depth = 1
        #expect(try inspect("{{1}, {2}}", options) == "{ {...}, {...} }")
    }

    @Test func userdataUsesToString() throws {
        #expect(try inspect("setmetatable({}, {__tostring = function() return 'custom' end})") == "{}")
        let lua = try counterState(Ledger())
        try lua.load("return {c = counter(7)}", name: "=t")
        try lua.call(resultCount: 1)
        #expect(lua.inspect(at: -1) == "{ c = Counter(7) }")
    }
}
