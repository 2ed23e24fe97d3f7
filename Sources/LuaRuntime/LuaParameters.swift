internal import CLua
internal import CLuaShims

/// A parameter table (`f{name = value, ...}`): its string-keyed fields in a short list, read straight from the Lua
/// stack in one raw pass — no `LuaTable`, no dictionary — for readers that look up a handful of names and refuse
/// the rest. The list part (`t[1..n]`) is only counted, and other keys only noted.
public struct LuaParameters {
    /// The string-keyed fields, in traversal order.
    public private(set) var fields: [(name: String, value: LuaValue)] = []
    /// How many elements the list part `t[1..n]` holds.
    public private(set) var listCount = 0
    /// The type of a key that is neither a string nor an index of the list part, if there is one.
    public private(set) var otherKey: LuaType?

    /// The parameters of a table already converted (a nested table of parameters).
    public init(_ table: LuaTable) {
        fields.reserveCapacity(table.fields.count)
        for (key, value) in table.fields {
            if case .string(let name) = key {
                fields.append((name.string, value))
            } else if otherKey == nil {
                otherKey = key.type
            }
        }
        listCount = table.array.count
    }

    /// Reads the table at absolute `index` of `L`.
    init(_ L: OpaquePointer, _ index: Int32) throws {
        guard lua_checkstack(L, 4) != 0 else { throw LuaConversionError(message: "Lua stack overflow") }
        if aikit_fill_lazy(L, index) != LUA_OK {  // a result whose lazy fields (a trace) are read now
            let message = string(at: -1, in: L) ?? "a table's lazy fields could not be filled"
            lua_settop(L, -2)
            throw LuaConversionError(message: message)
        }
        while lua_rawgeti(L, index, lua_Integer(listCount + 1)) != LUA_TNIL {
            lua_settop(L, -2)
            listCount += 1
        }
        lua_settop(L, -2)
        fields.reserveCapacity(8)  // a parameter table has a few fields: one allocation, not four as it grows
        // What `LuaState.readValue` spends and checks on the values, as it does for the fields of a converted table.
        var path: Set<UnsafeRawPointer> = []
        var budget = LuaState.maximumValues - min(listCount, LuaState.maximumValues)
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            defer { lua_settop(L, -2) }
            let key = lua_gettop(L) - 1
            if lua_type(L, key) == LUA_TSTRING {
                if path.isEmpty, lua_type(L, key + 1) == LUA_TTABLE, let identity = lua_topointer(L, index) {
                    path.insert(identity)  // a value that holds this table is a cycle
                }
                budget -= 1
                guard budget >= 0 else { throw LuaState.tooLarge }
                var length = 0
                let bytes = clua_tolstring(L, key, &length)
                let name = String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
                fields.append((name, try LuaState.readValue(L, key + 1, path: &path, budget: &budget)))
            } else if lua_isinteger(L, key) != 0, case let position = clua_tointeger(L, key, nil), position >= 1,
                position <= listCount
            {
                continue
            } else if otherKey == nil {
                otherKey = LuaType(rawValue: lua_type(L, key))
            }
        }
    }

    /// The value of field `name`, or nil.
    public subscript(name: String) -> LuaValue? {
        for field in fields where LuaParameters.same(field.name, name) { return field.value }
        return nil
    }

    /// `a == b`, comparing lengths first: parameter names mostly differ in length, and that answer needs no look
    /// at the characters.
    @inline(__always)
    public static func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }
}

extension LuaCall {
    /// A table argument read as parameters (see `LuaParameters`): cheaper than `table(_:)` for a table of a few
    /// named fields.
    public func parameters(_ index: Int32) throws -> LuaParameters {
        guard lua_type(L, index) == LUA_TTABLE else { throw typeError(index, expected: "table") }
        do {
            return try LuaParameters(L, lua_absindex(L, index))
        } catch let error as LuaConversionError {
            throw LuaArgumentError(index, error.message)
        }
    }
}
