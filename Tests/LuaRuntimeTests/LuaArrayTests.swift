import LuaRuntime
import Testing

/// Sequences of numbers come from Lua as columns; everything else as values. Either way they compare, hash, change
/// and go back to Lua as the same elements.
@Suite struct LuaArrayTests {
    func sequence(_ lua: LuaState, _ code: String) throws -> LuaTable {
        guard case .table(let table) = try #require(try lua.run("return " + code).first) else {
            Issue.record("not a table")
            return LuaTable()
        }
        return table
    }

    @Test func numberSequencesAreColumnsOfTheirKind() throws {
        let lua = try LuaState()
        let floats = try sequence(lua, "{0.5, -0.0, 1e300, 0/0, 2.0}")
        #expect(floats.array.numbers?.count == 5)
        #expect(floats.array[4] == .number(2.0))  // a float with an integral value stays a float
        #expect(floats.array[1] == .number(-0.0))
        let integers = try sequence(lua, "{1, 2, math.maxinteger, math.mininteger}")
        #expect(integers.array.values == [1, 2, .integer(.max), .integer(.min)])
        #expect(integers.array.numbers != nil)
        // Mixed kinds, and numbers followed by something else, are values, element for element.
        #expect(try sequence(lua, "{1, 2.5, 3}").array.values == [1, 2.5, 3])
        #expect(try sequence(lua, "{0.5, 2, 3.0}").array.values == [0.5, 2, 3.0])
        #expect(try sequence(lua, "{0.5, 2, 3.0}").array.numbers == nil)
        #expect(try sequence(lua, "{1.5, 2.5, 'x', true, 4}").array.values == [1.5, 2.5, "x", true, 4])
        #expect(try sequence(lua, "{'x', 1.5}").array.numbers == nil)
    }

    @Test func aColumnEndsAtTheFirstNilAndTheRestAreFields() throws {
        let lua = try LuaState()
        let table = try sequence(lua, "{1.5, 2.5, nil, 4.5, n = 1}")
        #expect(table.array == [1.5, 2.5])
        #expect(table.fields[4] == 4.5)
        #expect(table["n"] == 1)
        let long = try lua.run("local t = {} for i = 1, 1000 do t[i] = i * 0.5 end t[500] = nil t.x = 'y' return t")
        guard case .table(let holed) = try #require(long.first) else { return }
        #expect(holed.array.count == 499)
        #expect(holed.fields.count == 501)
        #expect(holed.fields[1000] == 500.0)
    }

    @Test func columnsEqualAndHashAsValues() {
        let column = LuaArray(floats: [1.5, 2.5])
        let values: LuaArray = [1.5, 2.5]
        #expect(column == values)
        #expect(column.hashValue == values.hashValue)
        #expect(LuaArray(integers: [1, 2]) == [1, 2])
        #expect(LuaArray(integers: [1, 2]) != LuaArray(floats: [1, 2]))  // 1 and 1.0 differ, as LuaValue's do
        #expect(LuaTable(sequence: column) == LuaTable(array: [1.5, 2.5]))
    }

    @Test func columnsChangeLikeArrays() {
        var array = LuaArray(floats: [1.5, 2.5])
        let before = array
        array[0] = 9.5
        #expect(array == [9.5, 2.5])
        #expect(array.numbers != nil)
        #expect(before == [1.5, 2.5])  // a copy keeps its elements
        array[1] = "x"
        #expect(array == [9.5, "x"])
        array.append(3)
        array.removeFirst()
        #expect(array == ["x", 3])
        var integers = LuaArray(integers: [1, 2, 3])
        integers.append(contentsOf: [4, 5])
        #expect(integers.values == [1, 2, 3, 4, 5])
    }

    @Test func columnsGoBackToLuaWithTheirKinds() throws {
        let lua = try LuaState()
        lua.register("same") { call in
            try call.push(call.value(1))
            return 1
        }
        #expect(
            try lua.run(
                """
                local f = same({0.5, 2.0, 3.5})
                local i = same({1, 2, 3})
                local m = same({1, 2.0, 'x', n = 4})
                return #f, math.type(f[2]), #i, math.type(i[3]), #m, math.type(m[1]), math.type(m[2]), m[3], m.n
                """) == [3, "float", 3, "integer", 3, "integer", "float", "x", 4])
        try lua.setGlobal("c", .table(LuaTable(sequence: LuaArray(integers: [7, 8]))))
        #expect(try lua.run("return #c, c[2], math.type(c[1])") == [2, 8, "integer"])
    }
}
