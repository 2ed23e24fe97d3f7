internal import CLua
internal import CLuaShims

/// Fills the table on top of the stack in place: results built straight on the Lua stack, without a `LuaTable`
/// in between. Keys are `StaticString` literals, so Lua's API string cache (keyed by the C pointer) finds the
/// interned key without hashing it again. Valid only during the host function call that made it.
public struct LuaTableBuilder {
    let L: OpaquePointer

    private func setField(_ key: StaticString) {
        lua_setfield(L, -2, UnsafeRawPointer(key.utf8Start).assumingMemoryBound(to: CChar.self))
    }

    /// `t[key] = value`; nil leaves the field out.
    public func set(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        LuaState.pushString(L, value)
        setField(key)
    }

    public func set(_ key: StaticString, _ value: Double?) {
        guard let value else { return }
        lua_pushnumber(L, value)
        setField(key)
    }

    public func set(_ key: StaticString, _ value: Bool) {
        lua_pushboolean(L, value ? 1 : 0)
        setField(key)
    }

    /// `t[key] = {strings...}`.
    public func set(_ key: StaticString, strings: [String]) {
        lua_createtable(L, Int32(clamping: strings.count), 0)
        for (i, text) in strings.enumerated() {
            LuaState.pushString(L, text)
            lua_rawseti(L, -2, lua_Integer(i + 1))
        }
        setField(key)
    }

    /// `t[key] = value` for any Swift value (nil leaves the field out).
    public func set(_ key: StaticString, _ value: LuaValue) throws {
        if value == .nil { return }
        try LuaState.pushValue(L, value)
        setField(key)
    }

    /// `t[key] = {...}`, filled by `fill`.
    public func set(
        _ key: StaticString, arrayCount: Int = 0, fieldCount: Int = 0,
        _ fill: (LuaTableBuilder) throws -> Void
    ) throws {
        try LuaTableBuilder.push(L, arrayCount: arrayCount, fieldCount: fieldCount, fill)
        setField(key)
    }

    /// `t[key] = {record 1, record 2, ...}`, each a table of `fieldCount` fields filled by `fill`.
    public func set<Record>(
        _ key: StaticString, records: [Record], fieldCount: Int,
        _ fill: (Record, LuaTableBuilder) throws -> Void
    ) throws {
        try set(key, arrayCount: records.count) { list in
            for (i, record) in records.enumerated() {
                try list.set(i + 1, fieldCount: fieldCount) { try fill(record, $0) }
            }
        }
    }

    /// `t[index] = {...}`, filled by `fill` (for lists of records).
    public func set(
        _ index: Int, arrayCount: Int = 0, fieldCount: Int = 0,
        _ fill: (LuaTableBuilder) throws -> Void
    ) throws {
        try LuaTableBuilder.push(L, arrayCount: arrayCount, fieldCount: fieldCount, fill)
        lua_rawseti(L, -2, lua_Integer(index))
    }

    static func push(_ L: OpaquePointer, arrayCount: Int, fieldCount: Int, _ fill: (LuaTableBuilder) throws -> Void)
        throws
    {
        guard lua_checkstack(L, 4) != 0 else { throw LuaScriptError("Lua stack overflow") }
        lua_createtable(L, Int32(clamping: arrayCount), Int32(clamping: fieldCount))
        do {
            try fill(LuaTableBuilder(L: L))
        } catch {
            lua_settop(L, -2)
            throw error
        }
    }
}

extension LuaCall {
    /// Pushes a new table sized for `arrayCount` elements and `fieldCount` fields, filled in place by `fill`.
    public func pushTable(arrayCount: Int = 0, fieldCount: Int = 0, _ fill: (LuaTableBuilder) throws -> Void) throws {
        try LuaTableBuilder.push(L, arrayCount: arrayCount, fieldCount: fieldCount, fill)
    }
}
