internal import CLua
internal import CLuaShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lua's basic types (`lua_type`).
public enum LuaType: Int32, Sendable {
    case none = -1
    case `nil` = 0
    case boolean = 1
    case lightUserdata = 2
    case number = 3
    case string = 4
    case table = 5
    case function = 6
    case userdata = 7
    case thread = 8

    /// The name Lua uses in messages ("number", "no value").
    public var name: String { self == .none ? "no value" : String(cString: lua_typename(nil, rawValue)) }

    static func name(_ raw: Int32) -> String { (LuaType(rawValue: raw) ?? .none).name }
}

/// A Lua string: bytes, not necessarily UTF-8 (Lua strings are binary-safe).
public struct LuaString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    /// The bytes decoded as UTF-8 (invalid sequences replaced).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes hashed in one call (the synthesized conformance feeds the hasher a byte at a time).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
    public var description: String { string }
}

/// A Lua table as a Swift value: the sequence `t[1..n]` and every other key.
public struct LuaTable: Hashable {
    public var array: LuaArray
    public var fields: [LuaValue: LuaValue]

    public init(array: [LuaValue] = [], fields: [LuaValue: LuaValue] = [:]) {
        self.array = LuaArray(array)
        self.fields = fields
    }

    /// A table whose sequence is `sequence` (a column of numbers, say).
    public init(sequence: LuaArray, fields: [LuaValue: LuaValue] = [:]) {
        self.array = sequence
        self.fields = fields
    }

    /// The value under a string key.
    public subscript(_ key: String) -> LuaValue? {
        get {
            // A parameter table has a few fields: comparing bytes beats building and hashing a key.
            guard fields.count <= 8 else { return fields[.string(LuaString(key))] }
            var key = key
            return key.withUTF8 { wanted in
                for (candidate, value) in fields {
                    guard case .string(let text) = candidate, text.bytes.count == wanted.count else { continue }
                    let same = text.bytes.withUnsafeBytes { bytes in
                        wanted.isEmpty || memcmp(bytes.baseAddress!, wanted.baseAddress!, wanted.count) == 0
                    }
                    if same { return value }
                }
                return nil
            }
        }
        set { fields[.string(LuaString(key))] = newValue }
    }
}

/// A Lua value on the Swift side. Integers stay integers; functions, userdata and threads are references.
public enum LuaValue: Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaString)
    case table(LuaTable)
    /// A function, userdata, thread or light userdata, kept alive in the registry.
    case reference(LuaReference)

    public static func string(_ text: String) -> LuaValue { .string(LuaString(text)) }

    public var type: LuaType {
        switch self {
        case .nil: .nil
        case .boolean: .boolean
        case .integer, .number: .number
        case .string: .string
        case .table: .table
        case .reference(let reference): reference.type
        }
    }

    /// The number (integers converted), or nil.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The text of a string value, or nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value.string }
        return nil
    }
}

extension LuaValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(LuaString(value)) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(nilLiteral: ()) { self = .nil }
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
}

/// A Lua value that stays in Lua (function, userdata, thread), held in the registry until Swift drops it.
public final class LuaReference: Hashable {
    let ref: Int32
    public let type: LuaType
    private(set) weak var owner: LuaState?

    /// References the value at `index` of thread `L`.
    init(_ L: OpaquePointer, _ index: Int32) {
        type = LuaType(rawValue: lua_type(L, index)) ?? .none
        lua_pushvalue(L, index)
        ref = luaL_ref(L, clua_registryindex())
        owner = LuaState.owner(of: L)
    }

    deinit {
        if let owner { luaL_unref(owner.L, clua_registryindex(), ref) }
    }

    func push(_ L: OpaquePointer) { lua_rawgeti(L, clua_registryindex(), lua_Integer(ref)) }

    public static func == (lhs: LuaReference, rhs: LuaReference) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// Why a Lua value could not become a Swift value.
struct LuaConversionError: Error {
    let message: String
}

extension LuaState {
    /// The value at `index` of the main thread as a Swift value.
    public func value(at index: Int32) throws -> LuaValue {
        do {
            return try LuaState.readValue(L, index)
        } catch let error as LuaConversionError {
            throw LuaScriptError(error.message)
        }
    }

    /// Pushes a Swift value onto the main thread's stack.
    public func push(_ value: LuaValue) throws { try LuaState.pushValue(L, value) }

    /// Calls a referenced Lua function with arguments (protected, with traceback) and returns its results.
    public func call(_ function: LuaReference, _ arguments: [LuaValue]) throws -> [LuaValue] {
        try LuaState.callReference(L, function, arguments)
    }

    /// Deepest table nesting converted to Swift.
    static let maximumDepth = 200
    /// Most values one conversion makes (a string counts one more per 64 bytes, 256 MB in all). A table or string
    /// shared by several tables is converted each time it appears, so `t = {t, t}` sixty times over would otherwise
    /// mean 2^60 values, and a list of 100,000 references to one 1 MB string 100 GB: an error instead of hours.
    static let maximumValues = 4_194_304

    static let tooLarge = LuaConversionError(
        message: "tables hold more than \(maximumValues) values (a string counts one per 64 bytes, a table or string "
            + "inside several others each time); pass fewer or smaller tables")

    static func readValue(_ L: OpaquePointer, _ index: Int32) throws -> LuaValue {
        var path: Set<UnsafeRawPointer> = []
        var budget = maximumValues
        return try readValue(L, lua_absindex(L, index), path: &path, budget: &budget)
    }

    static func readValue(
        _ L: OpaquePointer, _ index: Int32, path: inout Set<UnsafeRawPointer>,
        budget: inout Int
    ) throws -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(clua_tointeger(L, index, nil))) }
            return .number(clua_tonumber(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            let pointer = clua_tolstring(L, index, &length)
            budget -= length / 64
            guard budget >= 0 else { throw tooLarge }
            return .string(LuaString(bytes: Array(UnsafeRawBufferPointer(start: pointer, count: length))))
        case LUA_TTABLE:
            return .table(try readTable(L, index, path: &path, budget: &budget))
        default:
            return .reference(LuaReference(L, index))
        }
    }

    private static func readTable(
        _ L: OpaquePointer, _ index: Int32, path: inout Set<UnsafeRawPointer>,
        budget: inout Int
    ) throws -> LuaTable {
        guard let identity = lua_topointer(L, index) else { return LuaTable() }
        guard !path.contains(identity) else {
            throw LuaConversionError(
                message: "table contains a cycle (a table that contains itself cannot be converted)")
        }
        guard path.count < maximumDepth else {
            throw LuaConversionError(message: "table nested deeper than \(maximumDepth) levels")
        }
        guard lua_checkstack(L, 4) != 0 else { throw LuaConversionError(message: "Lua stack overflow") }
        if aikit_fill_lazy(L, index) != LUA_OK {  // a result whose lazy fields (a trace) are read now
            let message = string(at: -1, in: L) ?? "a table's lazy fields could not be filled"
            lua_settop(L, -2)
            throw LuaConversionError(message: message)
        }
        path.insert(identity)
        defer { path.remove(identity) }

        var table = LuaTable()
        let count = Int(lua_rawlen(L, index))
        func spend(_ values: Int) throws {
            budget -= values
            guard budget >= 0 else { throw tooLarge }
        }
        try spend(min(count, maximumValues + 1))
        table.array = try readSequence(L, index, count: count, path: &path, budget: &budget)
        let arrayCount = table.array.count
        lua_pushnil(L)
        while aikit_next_skipping(L, index, lua_Integer(arrayCount)) != 0 {
            defer { lua_settop(L, -2) }
            try spend(1)
            let key = try readValue(L, lua_gettop(L) - 1, path: &path, budget: &budget)
            table.fields[key] = try readValue(L, lua_gettop(L), path: &path, budget: &budget)
        }
        return table
    }

    /// `t[1...]` up to the first nil (at most `count` elements): a column when the elements are all floats or all
    /// integers, else values.
    private static func readSequence(
        _ L: OpaquePointer, _ index: Int32, count: Int, path: inout Set<UnsafeRawPointer>,
        budget: inout Int
    ) throws -> LuaArray {
        guard count > 0 else { return LuaArray() }
        var first = aikit_scalar()
        if aikit_rawgeti_scalar(L, index, 1, &first) != 0 { lua_settop(L, -2) }
        var array: [LuaValue] = []
        if first.type == LUA_TNUMBER {
            // A run of floats or of integers goes straight into a column; the sequence is that column if the run
            // ends at its end (or at a nil), else the column becomes values and the rest is read one by one.
            let column: LuaArray
            if first.is_integer != 0 {
                column = LuaArray(
                    integers: [Int64](unsafeUninitializedCapacity: count) { buffer, filled in
                        filled = aikit_rawgeti_numbers(L, index, 1, count, 1, buffer.baseAddress)
                    })
            } else {
                column = LuaArray(
                    floats: [Double](unsafeUninitializedCapacity: count) { buffer, filled in
                        filled = aikit_rawgeti_numbers(L, index, 1, count, 0, buffer.baseAddress)
                    })
            }
            if column.count == count || lua_rawgeti(L, index, lua_Integer(column.count + 1)) == LUA_TNIL {
                if column.count < count { lua_settop(L, -2) }
                return column
            }
            lua_settop(L, -2)
            array.reserveCapacity(count)
            array.append(contentsOf: column.values)
        } else {
            array.reserveCapacity(count)
        }
        try withUnsafeTemporaryAllocation(of: aikit_scalar.self, capacity: bulkChunk) { buffer in
            var next = array.count
            reading: while next < count {
                let wanted = min(bulkChunk, count - next)
                let filled = aikit_rawgeti_scalars(L, index, lua_Integer(next + 1), wanted, buffer.baseAddress)
                for scalar in buffer[0..<filled] {
                    if scalar.type == LUA_TNUMBER {
                        array.append(scalar.is_integer != 0 ? .integer(Int64(scalar.integer)) : .number(scalar.number))
                    } else if scalar.type == LUA_TBOOLEAN {
                        array.append(.boolean(scalar.boolean != 0))
                    } else {
                        break reading  // nil: the sequence ends here
                    }
                }
                next += filled
                if filled < wanted {  // a string, table or other value: convert it the general way
                    lua_rawgeti(L, index, lua_Integer(next + 1))
                    defer { lua_settop(L, -2) }
                    array.append(try readValue(L, lua_gettop(L), path: &path, budget: &budget))
                    next += 1
                }
            }
        }
        return LuaArray(array)
    }

    static func pushString(_ L: OpaquePointer, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    static func pushValue(_ L: OpaquePointer, _ value: LuaValue) throws {
        guard lua_checkstack(L, 3) != 0 else { throw LuaScriptError("Lua stack overflow") }
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let flag): lua_pushboolean(L, flag ? 1 : 0)
        case .integer(let number): lua_pushinteger(L, lua_Integer(number))
        case .number(let number): lua_pushnumber(L, number)
        case .string(let string):
            string.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
            }
        case .table(let table):
            lua_createtable(L, Int32(clamping: table.array.count), Int32(clamping: table.fields.count))
            try pushArray(L, table.array)
            for (key, element) in table.fields {
                if case .nil = key { continue }
                if case .number(let n) = key, n.isNaN { continue }
                try pushValue(L, key)
                try pushValue(L, element)
                lua_rawset(L, -3)
            }
        case .reference(let reference):
            // A registry slot means something only in the state that made it; another state (a plugin's, the
            // script's) would read whatever its own registry holds there.
            guard let owner = reference.owner, owner === LuaState.owner(of: L) else {
                throw LuaScriptError(
                    "a \(reference.type.name) cannot cross between Lua states (a script and a plugin "
                        + "each run in their own): pass nil, booleans, numbers, strings and tables of them")
            }
            reference.push(L)
        }
    }

    /// Elements converted per bulk call into C.
    static let bulkChunk = 256

    /// Stores `array` at 1...n of the table on top of the stack: a column in one call, runs of numbers and booleans
    /// among values in bulk.
    private static func pushArray(_ L: OpaquePointer, _ array: LuaArray) throws {
        switch array.storage {
        case .floats(let floats):
            floats.withUnsafeBufferPointer { aikit_rawseti_floats(L, 1, $0.count, $0.baseAddress) }
        case .integers(let integers):
            integers.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: lua_Integer.self) {
                    aikit_rawseti_integers(L, 1, $0.count, $0.baseAddress)
                }
            }
        case .values(let values):
            try pushValues(L, values)
        }
    }

    private static func pushValues(_ L: OpaquePointer, _ array: [LuaValue]) throws {
        try withUnsafeTemporaryAllocation(of: aikit_scalar.self, capacity: bulkChunk) { buffer in
            var pending = 0
            var start = 0
            func flush() {
                if pending > 0 { aikit_rawseti_scalars(L, lua_Integer(start + 1), pending, buffer.baseAddress) }
                pending = 0
            }
            for (i, element) in array.enumerated() {
                var scalar = aikit_scalar()
                switch element {
                case .integer(let number):
                    scalar.is_integer = 1
                    scalar.integer = lua_Integer(number)
                case .number(let number):
                    scalar.number = number
                case .boolean(let flag):
                    scalar.type = LUA_TBOOLEAN
                    scalar.boolean = flag ? 1 : 0
                default:
                    flush()
                    try pushValue(L, element)
                    lua_rawseti(L, -2, lua_Integer(i + 1))
                    continue
                }
                if pending == 0 { start = i }
                buffer[pending] = scalar
                pending += 1
                if pending == bulkChunk { flush() }
            }
            flush()
        }
    }

    static func callReference(_ L: OpaquePointer, _ function: LuaReference, _ arguments: [LuaValue]) throws
        -> [LuaValue]
    {
        let state = owner(of: L)
        guard lua_checkstack(L, Int32(clamping: arguments.count + 2)) != 0 else {
            throw LuaScriptError("Lua stack overflow (too many arguments)")
        }
        let base = lua_gettop(L)
        function.push(L)
        for argument in arguments { try pushValue(L, argument) }
        let status = aikit_pcall(L, Int32(arguments.count), LUA_MULTRET, 0)
        if status != LUA_OK {
            let text = string(at: -1, in: L) ?? "(error object is a \(LuaType.name(lua_type(L, -1))) value)"
            lua_settop(L, base)
            throw state.makeError(status: status, text: text, traceback: false)
        }
        defer { lua_settop(L, base) }
        return try (base + 1..<lua_gettop(L) + 1).map { try readValue(L, $0) }
    }
}
