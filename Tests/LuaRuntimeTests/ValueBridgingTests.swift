import LuaRuntime
import Testing

@Suite struct ValueBridgingTests {
    @Test func scalarsRoundTrip() throws {
        let lua = try LuaState()
        let values: [LuaValue] = [
            .nil, true, false, 0, 42, -7, .integer(Int64.max), .integer(Int64.min), 1.5, -0.25, "",
            "héllo",
        ]
        for value in values {
            try lua.push(value)
            #expect(try lua.value(at: -1) == value)
            lua.pop()
        }
    }

    @Test func integersStayIntegers() throws {
        let lua = try LuaState()
        try lua.setGlobal("i", .integer(9_007_199_254_740_993))  // 2^53 + 1: not representable as a double
        #expect(
            try lua.run("return math.type(i), i == 9007199254740993, i + 1") == [
                "integer", true, .integer(9_007_199_254_740_994),
            ])
        #expect(try lua.run("return 3, 3.0") == [.integer(3), .number(3.0)])
    }

    @Test func stringsAreBinarySafe() throws {
        let lua = try LuaState()
        let bytes: [UInt8] = [0, 1, 255, 0xC3, 0x28, 10, 0]
        try lua.setGlobal("s", .string(LuaString(bytes: bytes)))
        #expect(try lua.run("return #s, s:byte(3), s:byte(7)") == [7, 255, 0])
        #expect(try lua.run("return '\\0a\\255'") == [.string(LuaString(bytes: [0, 97, 255]))])
    }

    @Test func tablesConvertBothWays() throws {
        let lua = try LuaState()
        let results = try lua.run("return {10, 20, 30, name = 'x', [2.5] = true, nested = {1, {a = 'b'}}}")
        guard case .table(let table) = try #require(results.first) else {
            Issue.record("not a table")
            return
        }
        #expect(table.array == [10, 20, 30])
        #expect(table["name"] == "x")
        #expect(table.fields[.number(2.5)] == true)
        #expect(table["nested"] == .table(LuaTable(array: [1, .table(LuaTable(fields: ["a": "b"]))])))

        try lua.setGlobal("t", .table(table))
        #expect(try lua.run("return #t, t[3], t.name, t[2.5], t.nested[2].a") == [3, 30, "x", true, "b"])
    }

    @Test func cyclesAreRefusedNotFollowed() throws {
        let lua = try LuaState()
        try lua.run("cyc = {} cyc.self = cyc  deep = {} local t = deep for i = 1, 500 do t.next = {} t = t.next end")
        #expect(throws: LuaScriptError.self) { try lua.global("cyc") }
        #expect(throws: LuaScriptError.self) { try lua.global("deep") }
        // A table reached twice without a cycle is fine.
        try lua.run("shared = {} both = {shared, shared}")
        guard case .table(let both) = try lua.global("both") else {
            Issue.record("not a table")
            return
        }
        #expect(both.array.count == 2)
    }

    @Test func functionsAndUserdataTravelAsReferences() throws {
        let lua = try LuaState()
        let results = try lua.run("return function(a, b) return a * b, 'done' end, io.stdout")
        guard case .reference(let function) = results[0], case .reference(let file) = results[1] else {
            Issue.record("expected references")
            return
        }
        #expect(function.type == .function)
        #expect(file.type == .userdata)
        #expect(try lua.call(function, [6, 7]) == [42, "done"])
    }

    @Test func columnsCrossWithoutPerElementValues() throws {
        let lua = try LuaState()
        var received: [Double] = []
        lua.register("roundtrip") { call in
            received = try call.numbers(1)
            call.push(numbers: received.map { $0 * 2 })
            return 1
        }
        #expect(try lua.run("local t = roundtrip({1, 2.5, 3}) return #t, t[2]") == [3, 5.0])
        #expect(received == [1, 2.5, 3])
        let error = runError(lua, "roundtrip({1, 'x'})")
        #expect(error?.message == "(test):1: bad argument #1 to 'roundtrip' (number expected at index 2, got string)")
    }
}
