import LuaRuntime
import Testing

/// Parameter tables read straight from the stack: named fields, the list part counted, other keys noted.
@Suite struct LuaParametersTests {
    func parameters(_ lua: LuaState, _ code: String) throws -> LuaParameters {
        var read: LuaParameters?
        lua.register("read") { call in
            read = try call.parameters(1)
            return 0
        }
        try lua.run("read(" + code + ")")
        return try #require(read)
    }

    @Test func namedFieldsListEntriesAndOtherKeys() throws {
        let lua = try LuaState()
        let p = try parameters(lua, "{'a', 'b', name = 'x', n = 2.5, nested = {1, 2}}")
        #expect(p.listCount == 2)
        #expect(p.otherKey == nil)
        #expect(p["name"] == "x")
        #expect(p["n"] == 2.5)
        #expect(p["nested"] == .table(LuaTable(array: [1, 2])))
        #expect(p["missing"] == nil)
        #expect(try parameters(lua, "{[5] = 1, a = 1}").otherKey == .number)
        #expect(try parameters(lua, "{[true] = 1}").otherKey == .boolean)
        // The same as a table converted first.
        let table = LuaTable(array: ["a"], fields: ["k": 1, .integer(3): 2])
        #expect(LuaParameters(table).listCount == 1)
        #expect(LuaParameters(table).otherKey == .number)
        #expect(LuaParameters(table)["k"] == 1)
    }

    @Test func cyclesAndWrongTypesAreArgumentErrors() throws {
        let lua = try LuaState()
        lua.register("read") { call in
            _ = try call.parameters(1)
            return 0
        }
        #expect(throws: LuaError.self) { try lua.run("local t = {} t.self = {t} read(t)") }
        #expect(throws: LuaError.self) { try lua.run("read(5)") }
        let message = try lua.run("return select(2, pcall(read, 5))").first?.stringValue ?? ""
        #expect(message.contains("bad argument #1 to 'read' (table expected, got number)"))
        let cycle = try lua.run("local t = {} t.self = {t} return select(2, pcall(read, t))").first?.stringValue ?? ""
        #expect(cycle.contains("cycle"))
    }
}
