internal import CLua
internal import CLuaShims

/// Fields of a result table that are costly to build and seldom read (a determination's trace and reasons): the
/// table is returned without them and they are filled in, all at once, the first time any of them is read —
/// `t.trace` (through `__index`), `pairs(t)` (through `__pairs`), the REPL's printer and `aikit.inspect`, and any
/// conversion of the table to a Swift value (which look for `__aikit_fill`). `rawget` and `next` see them only
/// after one of those.
public struct LazyFields: Sendable {
    /// The registry name of the metatable such tables share ("aikit.determination").
    public let name: String
    public let keys: Set<String>

    public init(name: String, keys: Set<String>) {
        self.name = name
        self.keys = keys
    }
}

/// What fills one table's lazy fields, owned by a userdata in the metatable's weak `__pending` table until then.
final class LazyFill {
    let fill: (LuaTableBuilder) throws -> Void
    init(_ fill: @escaping (LuaTableBuilder) throws -> Void) { self.fill = fill }
}

extension LuaCall {
    /// Gives the table on top of the stack `fields.keys`, computed by `fill` when first read.
    public func makeLazy(_ fields: LazyFields, fill: @escaping (LuaTableBuilder) throws -> Void) throws {
        guard lua_checkstack(L, 4) != 0 else { throw LuaScriptError("Lua stack overflow") }
        let table = lua_gettop(L)
        LuaState.pushLazyMetatable(L, fields)
        lua_getfield(L, -1, "__pending")
        lua_rotate(L, -2, 1)
        lua_setmetatable(L, table)
        lua_pushvalue(L, table)
        aikit_pushobject(L, Unmanaged.passRetained(LazyFill(fill)).toOpaque(), LuaState.lazyFillClass)
        lua_rawset(L, -3)
        lua_settop(L, table)
    }
}

extension LuaState {
    static let lazyFillClass = "aikit.lazyfill"

    /// The weak-keyed table table -> its LazyFill userdata, kept in the shared metatable (`__pending`).
    static func pushPendingTable(_ L: OpaquePointer, _ fields: LazyFields) {
        pushLazyMetatable(L, fields)
        lua_getfield(L, -1, "__pending")
        lua_rotate(L, -2, 1)
        lua_settop(L, -2)
    }

    /// The metatable shared by the tables of `fields` (registry `NAME`), made on first use in this state.
    static func pushLazyMetatable(_ L: OpaquePointer, _ fields: LazyFields) {
        if clua_getmetatable_named(L, fields.name) == LUA_TTABLE { return }
        lua_settop(L, -2)
        _ = aikit_newclass(L, lazyFillClass)  // leaves the class's metatable on the stack, new or not
        lua_settop(L, -2)
        lua_createtable(L, 0, 5)
        pushFunction(L, name: "\(fields.name).__index", isMethod: false) { call in
            if lua_type(call.L, 2) == LUA_TSTRING, let key = string(at: 2, in: call.L), fields.keys.contains(key) {
                try fillLazy(call.L, 1, fields)
                lua_pushvalue(call.L, 2)
                lua_rawget(call.L, 1)
            } else {
                lua_pushnil(call.L)
            }
            return 1
        }
        lua_setfield(L, -2, "__index")
        pushFunction(L, name: "\(fields.name).__pairs", isMethod: false) { call in
            try fillLazy(call.L, 1, fields)
            clua_pushcfunction(call.L, aikit_next)
            lua_pushvalue(call.L, 1)
            lua_pushnil(call.L)
            return 3
        }
        lua_setfield(L, -2, "__pairs")
        pushFunction(L, name: "\(fields.name).fill", isMethod: false) { call in
            try fillLazy(call.L, 1, fields)
            return 0
        }
        lua_setfield(L, -2, "__aikit_fill")
        lua_createtable(L, 0, 0)
        lua_createtable(L, 0, 1)
        lua_pushstring(L, "k")
        lua_setfield(L, -2, "__mode")
        lua_setmetatable(L, -2)
        lua_setfield(L, -2, "__pending")
        lua_pushvalue(L, -1)
        lua_setfield(L, clua_registryindex(), fields.name)
    }

    /// Fills the lazy fields of the table at `index` if they are still pending.
    static func fillLazy(_ L: OpaquePointer, _ index: Int32, _ fields: LazyFields) throws {
        guard lua_type(L, index) == LUA_TTABLE, lua_checkstack(L, 4) != 0 else { return }
        let table = lua_absindex(L, index)
        pushPendingTable(L, fields)
        lua_pushvalue(L, table)
        lua_rawget(L, -2)
        let box = aikit_toobject(L, -1, lazyFillClass)
        lua_settop(L, -2)
        guard let box else {
            lua_settop(L, -2)
            return
        }
        let filler = Unmanaged<LazyFill>.fromOpaque(box).takeUnretainedValue()
        lua_pushvalue(L, table)
        lua_pushnil(L)
        lua_rawset(L, -3)  // filled once, even if the fill fails
        lua_settop(L, -2)
        lua_pushvalue(L, table)
        defer { lua_settop(L, -2) }
        try filler.fill(LuaTableBuilder(L: L))
    }
}
