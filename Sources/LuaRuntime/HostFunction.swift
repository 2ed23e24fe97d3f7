internal import CLua
internal import CLuaShims

/// The body of a Swift function exposed to Lua: reads its arguments from `call`, pushes its results and returns
/// how many it pushed. Throwing raises a Lua error (catchable with `pcall`); nothing longjmps over Swift frames.
public typealias HostFunction = (LuaCall) throws -> Int32

/// What Lua holds for each host function: the body and the name used in error messages.
final class HostFunctionBox {
    let name: String
    /// Called with `:` (the first argument is `self`); argument numbers in messages then skip it, as Lua's do.
    let isMethod: Bool
    let body: HostFunction

    init(name: String, isMethod: Bool, body: @escaping HostFunction) {
        self.name = name
        self.isMethod = isMethod
        self.body = body
    }

    /// Runs the body; on a thrown error pushes the message and returns the status the trampoline raises.
    func invoke(_ L: OpaquePointer) -> Int32 {
        do {
            return try body(LuaCall(L: L, box: self))
        } catch let error as LuaArgumentError {
            lua_pushstring(L, argumentMessage(error))
            return Int32(AIKIT_RAISE_WITH_WHERE)
        } catch let error as LuaError {
            // A nested Lua error already names its file:line; raise it unchanged.
            lua_pushstring(L, error.message)
            return Int32(AIKIT_RAISE)
        } catch {
            lua_pushstring(L, "\(name): \(error)")
            return Int32(AIKIT_RAISE_WITH_WHERE)
        }
    }

    func argumentMessage(_ error: LuaArgumentError) -> String {
        if isMethod {
            if error.index == 1 { return "calling '\(name)' on bad self (\(error.message))" }
            return "bad argument #\(error.index - 1) to '\(name)' (\(error.message))"
        }
        return "bad argument #\(error.index) to '\(name)' (\(error.message))"
    }
}

/// The C trampoline's entry into Swift.
let hostDispatch: aikit_dispatch_fn = { L, box in
    guard let L, let box else { return Int32(AIKIT_RAISE) }
    return Unmanaged<HostFunctionBox>.fromOpaque(box).takeUnretainedValue().invoke(L)
}

/// Releases the Swift object a collected (or closed) userdata owned.
let boxRelease: aikit_release_fn = { box in
    guard let box else { return }
    Unmanaged<AnyObject>.fromOpaque(box).release()
}

extension LuaState {
    /// Pushes a Swift function as a Lua function. `name` is how errors name it ("cost.training").
    public func pushFunction(name: String, isMethod: Bool = false, _ body: @escaping HostFunction) {
        LuaState.pushFunction(L, name: name, isMethod: isMethod, body)
    }

    static func pushFunction(_ L: OpaquePointer, name: String, isMethod: Bool, _ body: @escaping HostFunction) {
        let box = HostFunctionBox(name: name, isMethod: isMethod, body: body)
        aikit_pushhostfunction(L, Unmanaged.passRetained(box).toOpaque())
    }

    /// Defines global function `name`.
    public func register(_ name: String, _ body: @escaping HostFunction) {
        pushFunction(name: name, body)
        setGlobal(name)
    }

    /// Pushes a table of functions (a module) named `module`; each function's errors name it `module.key`.
    public func pushModule(_ module: String, functions: [String: HostFunction], fields: [String: LuaValue] = [:]) throws
    {
        lua_createtable(L, 0, Int32(functions.count + fields.count))
        for (key, body) in functions.sorted(by: { $0.key < $1.key }) {
            pushFunction(name: "\(module).\(key)", body)
            lua_setfield(L, -2, key)
        }
        for (key, value) in fields {
            try push(value)
            lua_setfield(L, -2, key)
        }
    }
}

/// The arguments and results of one call of a host function. Valid only during that call.
public struct LuaCall {
    let L: OpaquePointer
    let box: HostFunctionBox

    /// How many arguments the caller passed.
    public var count: Int32 { lua_gettop(L) }
    /// The state this call runs in.
    public var state: LuaState { LuaState.owner(of: L) }

    // MARK: Reading arguments

    public func type(_ index: Int32) -> LuaType { LuaType(rawValue: lua_type(L, index)) ?? .none }

    public func isNoneOrNil(_ index: Int32) -> Bool { lua_type(L, index) <= LUA_TNIL }

    func typeError(_ index: Int32, expected: String) -> LuaArgumentError {
        let got = lua_type(L, index) == LUA_TNONE ? "no value" : String(cString: clua_typename_at(L, index))
        return LuaArgumentError(index, "\(expected) expected, got \(got)")
    }

    /// A number (or a string convertible to one), as `luaL_checknumber` accepts.
    public func number(_ index: Int32) throws -> Double {
        var ok: Int32 = 0
        let value = clua_tonumber(L, index, &ok)
        guard ok != 0 else { throw typeError(index, expected: "number") }
        return value
    }

    /// An integer, or a float with an exact integer value, as `luaL_checkinteger` accepts.
    public func integer(_ index: Int32) throws -> Int64 {
        var ok: Int32 = 0
        let value = clua_tointeger(L, index, &ok)
        guard ok != 0 else {
            if lua_isnumber(L, index) != 0 { throw LuaArgumentError(index, "number has no integer representation") }
            throw typeError(index, expected: "number")
        }
        return Int64(value)
    }

    /// A string (numbers are accepted and converted, as `luaL_checkstring` does).
    public func string(_ index: Int32) throws -> String {
        let kind = lua_type(L, index)
        guard kind == LUA_TSTRING || kind == LUA_TNUMBER else { throw typeError(index, expected: "string") }
        lua_pushvalue(L, index)  // convert a copy, not the caller's number
        defer { lua_settop(L, -2) }
        return LuaRuntime.string(at: -1, in: L) ?? ""
    }

    /// The raw bytes of a string argument (binary-safe).
    public func bytes(_ index: Int32) throws -> [UInt8] {
        guard lua_type(L, index) == LUA_TSTRING else { throw typeError(index, expected: "string") }
        var length = 0
        let pointer = clua_tolstring(L, index, &length)
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    public func boolean(_ index: Int32) -> Bool { lua_toboolean(L, index) != 0 }

    public func optionalNumber(_ index: Int32) throws -> Double? { isNoneOrNil(index) ? nil : try number(index) }
    public func optionalInteger(_ index: Int32) throws -> Int64? { isNoneOrNil(index) ? nil : try integer(index) }
    public func optionalString(_ index: Int32) throws -> String? { isNoneOrNil(index) ? nil : try string(index) }

    /// Any argument converted to a Swift value (tables deeply; cycles are refused with an error).
    public func value(_ index: Int32) throws -> LuaValue {
        do {
            return try LuaState.readValue(L, index)
        } catch let error as LuaConversionError {
            throw LuaArgumentError(index, error.message)
        }
    }

    /// A table argument converted to a Swift value.
    public func table(_ index: Int32) throws -> LuaTable {
        guard lua_type(L, index) == LUA_TTABLE else { throw typeError(index, expected: "table") }
        guard case .table(let table) = try value(index) else { throw typeError(index, expected: "table") }
        return table
    }

    /// An array of numbers (a column), read without building `LuaValue`s.
    public func numbers(_ index: Int32) throws -> [Double] {
        guard lua_type(L, index) == LUA_TTABLE else { throw typeError(index, expected: "table") }
        let count = Int(lua_rawlen(L, index))
        var result = [Double]()
        result.reserveCapacity(count)
        var scalar = aikit_scalar()
        for i in 0..<count {
            if aikit_rawgeti_scalar(L, index, lua_Integer(i + 1), &scalar) != 0 { lua_settop(L, -2) }
            guard scalar.type == LUA_TNUMBER else {
                throw LuaArgumentError(index, "number expected at index \(i + 1), got \(LuaType.name(scalar.type))")
            }
            result.append(scalar.is_integer != 0 ? Double(scalar.integer) : scalar.number)
        }
        return result
    }

    /// A function argument, kept alive as a reference so Swift can call it later.
    public func function(_ index: Int32) throws -> LuaReference {
        guard lua_type(L, index) == LUA_TFUNCTION else { throw typeError(index, expected: "function") }
        return LuaReference(L, index)
    }

    // MARK: Pushing results

    /// Makes room for `count` results or throws.
    public func reserve(_ count: Int32) throws {
        guard lua_checkstack(L, count) != 0 else { throw LuaScriptError("stack overflow (too many results)") }
    }

    public func push(_ value: Double) { lua_pushnumber(L, value) }
    public func push(_ value: Int64) { lua_pushinteger(L, lua_Integer(value)) }
    public func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }
    public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }
    public func push(_ value: String) { LuaState.pushString(L, value) }
    public func pushNil() { lua_pushnil(L) }
    public func push(_ value: LuaValue) throws { try LuaState.pushValue(L, value) }

    /// Pushes a Swift function (a closure over anything, e.g. a command of a plugin).
    public func pushFunction(name: String, _ body: @escaping HostFunction) {
        LuaState.pushFunction(L, name: name, isMethod: false, body)
    }

    /// Pushes an array of numbers as a Lua table.
    public func push(numbers: [Double]) {
        lua_createtable(L, Int32(clamping: numbers.count), 0)
        for (i, value) in numbers.enumerated() { aikit_rawseti_number(L, lua_Integer(i + 1), value) }
    }

    /// Calls a Lua function (protected) with arguments and returns its results. A Lua error inside it is thrown
    /// as a `LuaError` which, rethrown from the host function, re-raises the original message.
    public func call(_ function: LuaReference, _ arguments: [LuaValue]) throws -> [LuaValue] {
        try LuaState.callReference(L, function, arguments)
    }

    /// Renders the value at `index` as the REPL prints it.
    public func inspect(_ index: Int32, options: InspectOptions = InspectOptions()) -> String {
        Inspector(L: L, options: options).render(index)
    }
}
