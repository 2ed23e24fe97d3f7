internal import CLua
internal import CLuaShims

/// Describes how a Swift class appears in Lua as full userdata: its metatable name (`__name`), its methods
/// (reached through `__index`, called with `:`), and how it prints (`__tostring`). `__gc` and `__close` release
/// the Swift object; a closed object's methods then raise "attempt to use a closed NAME".
public struct LuaClass<Object: AnyObject>: Sendable {
    public typealias Method = @Sendable (Object, LuaCall) throws -> Int32
    /// An operator (`__add`, `__unm`, `__band` …): either operand may be the object, so it reads its arguments itself.
    public typealias Metamethod = @Sendable (LuaCall) throws -> Int32

    public let name: String
    public var methods: [String: Method]
    public var describe: (@Sendable (Object) -> String)?
    /// `#object`.
    public var length: (@Sendable (Object) -> Int)?
    /// Called for keys that are not methods (`object[1]`, `object.close`), with the key as argument 2.
    public var index: Method?
    /// Operators by metamethod name (`__add`); errors name them as "NAME +".
    public var metamethods: [String: Metamethod]

    public init(
        _ name: String, methods: [String: Method] = [:], describe: (@Sendable (Object) -> String)? = nil,
        length: (@Sendable (Object) -> Int)? = nil, index: Method? = nil, metamethods: [String: Metamethod] = [:]
    ) {
        self.name = name
        self.metamethods = metamethods
        self.methods = methods
        self.describe = describe
        self.length = length
        self.index = index
    }
}

extension LuaState {
    /// Registers the metatable of a userdata class (idempotent per name).
    public func register<Object: AnyObject>(_ definition: LuaClass<Object>) {
        classes[definition.name] = ObjectIdentifier(Object.self)
        guard aikit_newclass(L, definition.name) != 0 else {
            lua_settop(L, -2)
            return
        }
        let className = definition.name
        lua_createtable(L, 0, Int32(definition.methods.count))
        for (method, body) in definition.methods.sorted(by: { $0.key < $1.key }) {
            LuaState.pushFunction(L, name: "\(className):\(method)", isMethod: true) { call in
                try body(try call.object(1, of: definition), call)
            }
            lua_setfield(L, -2, method)
        }
        if let index = definition.index {
            // Methods first (kept in the metatable as __methods), then the class's own lookup.
            lua_setfield(L, -2, "__methods")
            LuaState.pushFunction(L, name: "\(className):__index", isMethod: true) { call in
                let object = try call.object(1, of: definition)
                if lua_type(call.L, 2) == LUA_TSTRING, luaL_getmetafield(call.L, 1, "__methods") == LUA_TTABLE {
                    lua_pushvalue(call.L, 2)
                    if lua_rawget(call.L, -2) != LUA_TNIL { return 1 }
                    lua_settop(call.L, 2)
                }
                return try index(object, call)
            }
        }
        lua_setfield(L, -2, "__index")
        if let length = definition.length {
            LuaState.pushFunction(L, name: "\(className):__len", isMethod: true) { call in
                call.push(length(try call.object(1, of: definition)))
                return 1
            }
            lua_setfield(L, -2, "__len")
        }
        let describe = definition.describe
        LuaState.pushFunction(L, name: "\(className):__tostring", isMethod: true) { call in
            guard let object = aikit_toobject(call.L, 1, className) else {
                call.push("\(className) (closed)")
                return 1
            }
            let swiftObject = Unmanaged<AnyObject>.fromOpaque(object).takeUnretainedValue()
            if let describe, let typed = swiftObject as? Object {
                call.push(describe(typed))
            } else {
                call.push("\(className): \(object)")
            }
            return 1
        }
        lua_setfield(L, -2, "__tostring")
        for (key, body) in definition.metamethods.sorted(by: { $0.key < $1.key }) {
            LuaState.pushFunction(L, name: "\(className) \(key)", isMethod: false, body)
            lua_setfield(L, -2, key)
        }
        lua_settop(L, -2)
    }

    /// Pushes a Swift object as userdata of a registered class; Lua keeps it alive until collected or closed.
    public func push<Object: AnyObject>(_ object: Object, as definition: LuaClass<Object>) {
        LuaState.pushObject(L, object, className: definition.name)
    }

    static func pushObject(_ L: OpaquePointer, _ object: AnyObject, className: String) {
        aikit_pushobject(L, Unmanaged.passRetained(object).toOpaque(), className)
    }
}

extension LuaState {
    /// The Swift object of the userdata at stack `index` if it is one of `definition`'s (and not closed), else nil.
    public func object<Object: AnyObject>(at index: Int32, of definition: LuaClass<Object>) -> Object? {
        guard let box = aikit_toobject(L, index, definition.name) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(box).takeUnretainedValue() as? Object
    }
}

extension LuaCall {
    /// The Swift object of userdata argument `index`, checked against the class.
    public func object<Object: AnyObject>(_ index: Int32, of definition: LuaClass<Object>) throws -> Object {
        if let box = aikit_toobject(L, index, definition.name),
            let object = Unmanaged<AnyObject>.fromOpaque(box).takeUnretainedValue() as? Object
        {
            return object
        }
        if luaL_testudata(L, index, definition.name) != nil {
            throw LuaArgumentError(index, "attempt to use a closed \(definition.name)")
        }
        throw typeError(index, expected: definition.name)
    }

    /// Pushes a Swift object as userdata of a registered class.
    public func push<Object: AnyObject>(_ object: Object, as definition: LuaClass<Object>) {
        LuaState.pushObject(L, object, className: definition.name)
    }

    /// Tells Lua's collector that `bytes` were allocated outside its heap (a large Swift object behind a small
    /// userdata), so garbage frames are collected at the pace of their real size, not of their 8-byte handle.
    public func reportExternalAllocation(bytes: Int) {
        guard bytes >= 1 << 16 else { return }
        _ = clua_gcstep(L, Int32(clamping: bytes >> 10))
    }
}

extension LuaCall {
    /// The Swift object of a referenced userdata (a value read from a table) if it is one of `definition`'s, else nil.
    public func object<Object: AnyObject>(_ reference: LuaReference, of definition: LuaClass<Object>) -> Object? {
        guard reference.type == .userdata, lua_checkstack(L, 1) != 0 else { return nil }
        reference.push(L)
        defer { lua_settop(L, -2) }
        guard let box = aikit_toobject(L, -1, definition.name) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(box).takeUnretainedValue() as? Object
    }
}
