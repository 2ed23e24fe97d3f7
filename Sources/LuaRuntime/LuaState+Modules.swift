internal import CLua
internal import CLuaShims

/// A Lua module implemented in Swift: its functions, plain fields and userdata classes.
public struct ModuleDefinition {
    public let name: String
    public var functions: [String: HostFunction]
    public var fields: [String: LuaValue]

    public init(name: String, functions: [String: HostFunction] = [:], fields: [String: LuaValue] = [:]) {
        self.name = name
        self.functions = functions
        self.fields = fields
    }
}

extension LuaCall {
    /// Pushes a new empty table, sized for `arrayCount` elements and `fieldCount` other keys.
    public func newTable(arrayCount: Int = 0, fieldCount: Int = 0) {
        lua_createtable(L, Int32(clamping: arrayCount), Int32(clamping: fieldCount))
    }

    /// Pops the top value and stores it as `table[key]` (raw) in the table just below it.
    public func setField(_ key: String) {
        lua_setfield(L, -2, key)
    }

    /// Pushes an array of strings as a Lua table.
    public func push(strings: [String]) {
        lua_createtable(L, Int32(clamping: strings.count), 0)
        for (i, text) in strings.enumerated() {
            LuaState.pushString(L, text)
            lua_rawseti(L, -2, lua_Integer(i + 1))
        }
    }

    /// Pushes a module table whose functions name themselves `module.key` in errors.
    public func push(module: ModuleDefinition) throws {
        try LuaState.pushModule(L, module)
    }
}

extension LuaState {
    /// Pushes a module table onto the main thread.
    public func push(module: ModuleDefinition) throws { try LuaState.pushModule(L, module) }

    static func pushModule(_ L: OpaquePointer, _ module: ModuleDefinition) throws {
        guard lua_checkstack(L, 4) != 0 else { throw LuaScriptError("Lua stack overflow") }
        lua_createtable(L, 0, Int32(module.functions.count + module.fields.count))
        for (key, body) in module.functions.sorted(by: { $0.key < $1.key }) {
            pushFunction(L, name: "\(module.name).\(key)", isMethod: false, body)
            lua_setfield(L, -2, key)
        }
        for (key, value) in module.fields.sorted(by: { $0.key < $1.key }) {
            try pushValue(L, value)
            lua_setfield(L, -2, key)
        }
    }

    /// Makes `require(name)` build the module on first use (`package.preload[name]`).
    public func preload(_ name: String, _ open: @escaping HostFunction) {
        lua_getglobal(L, "package")
        guard lua_type(L, -1) == LUA_TTABLE else {
            lua_settop(L, -2)
            return
        }
        lua_getfield(L, -1, "preload")
        pushFunction(name: "require '\(name)'", open)
        lua_setfield(L, -2, name)
        lua_settop(L, -3)
    }

    // MARK: Completion

    /// Names reachable after `path` (e.g. ["market"] for `market.`), for tab completion. With `methods`, the
    /// functions a `:` call can reach (the value's own and its metatable's `__index` table). Walking the path may
    /// resolve lazily-loaded globals; it never runs other code.
    public func completionNames(path: [String], methods: Bool) -> [String] {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        guard pushValue(atPath: path) else { return [] }
        var names: Set<String> = []
        let target = lua_gettop(L)
        if lua_type(L, target) == LUA_TTABLE { collectKeys(target, functionsOnly: methods, into: &names) }
        if indexTable(of: target) { collectKeys(lua_gettop(L), functionsOnly: methods, into: &names) }
        return names.sorted()
    }

    /// What the value at `path` is, for help on it: its userdata class (`Frame`), else its Lua type name; nil when
    /// the path leads nowhere. Like completion, it may resolve lazily-loaded globals and runs no other code.
    public func typeName(atPath path: [String]) -> String? {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        guard pushValue(atPath: path), lua_type(L, -1) != LUA_TNIL else { return nil }
        if lua_type(L, -1) == LUA_TUSERDATA, luaL_getmetafield(L, -1, "__name") == LUA_TSTRING,
            let name = string(at: -1, in: L)
        {
            return name
        }
        return String(cString: lua_typename(L, lua_type(L, base + 1)))
    }

    /// Pushes the value at `path` from the globals (the globals table itself for an empty path): raw lookups, then
    /// protected `__index` lookups for lazily-resolved globals, then a userdata's method table. False when a
    /// component cannot be reached (what was pushed is left for the caller to pop).
    private func pushValue(atPath path: [String]) -> Bool {
        guard lua_checkstack(L, 8) != 0 else { return false }
        lua_rawgeti(L, clua_registryindex(), clua_ridx_globals())
        for component in path {
            guard lua_type(L, -1) == LUA_TTABLE || lua_type(L, -1) == LUA_TUSERDATA else { return false }
            if lua_type(L, -1) == LUA_TTABLE {
                lua_pushstring(L, component)
                lua_rawget(L, -2)
                if lua_type(L, -1) == LUA_TNIL {
                    lua_settop(L, -2)
                    guard aikit_pgetfield(L, -1, component) == LUA_OK else { return false }
                }
            } else {
                guard indexTable(of: -1) else { return false }
                lua_pushstring(L, component)
                lua_rawget(L, -2)
            }
        }
        return true
    }

    /// Pushes the metatable's `__index` table (or, for classes whose `__index` is a function, their `__methods`) of
    /// the value at `index`; false (nothing pushed) if there is none.
    private func indexTable(of index: Int32) -> Bool {
        let index = lua_absindex(L, index)
        guard lua_getmetatable(L, index) != 0 else { return false }
        for field in ["__index", "__methods"] {
            lua_pushstring(L, field)
            lua_rawget(L, -2)
            if lua_type(L, -1) == LUA_TTABLE {
                lua_rotate(L, -2, 1)
                lua_settop(L, -2)
                return true
            }
            lua_settop(L, -2)
        }
        lua_settop(L, -2)
        return false
    }

    private func collectKeys(_ index: Int32, functionsOnly: Bool, into names: inout Set<String>) {
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, !functionsOnly || lua_type(L, -1) == LUA_TFUNCTION,
                let name = string(at: -2, in: L), !name.hasPrefix("__")
            {
                names.insert(name)
            }
            lua_settop(L, -2)
        }
    }
}
