import HardwareCatalog
import LuaRuntime
import TextMatching

/// Reads the named fields of a parameter table (`cost.training{...}`), checking types and refusing unknown keys,
/// so a misspelt option is an error ("unknown field 'mfuu'; did you mean mfu?") rather than silently ignored.
struct FieldReader {
    let parameters: LuaParameters
    /// Which argument the table is (for "bad argument #n").
    let argument: Int32
    /// "field 'x'" or "stages[2].x" prefix.
    let path: String
    /// Ranges of the fields, by name (e.g. `CostLimits`): a value above one is an error naming the range. Values
    /// below are left to the engine, whose messages say what they must be ("tokens must be a positive number").
    let limits: FieldLimits
    /// The keys asked for, in order and possibly more than once (a list: parameter tables have a handful of fields,
    /// so a scan at `finish` costs less than keeping them unique or hashing them).
    private(set) var used: [String] = []

    init(_ parameters: LuaParameters, argument: Int32 = 1, path: String = "", limits: FieldLimits = FieldLimits()) {
        self.parameters = parameters
        self.argument = argument
        self.path = path
        self.limits = limits
        used.reserveCapacity(16)
    }

    init(_ table: LuaTable, argument: Int32 = 1, path: String = "", limits: FieldLimits = FieldLimits()) {
        self.init(LuaParameters(table), argument: argument, path: path, limits: limits)
    }

    /// A reader for the table in field `key`, with the same argument number and limits.
    func nested(_ table: LuaTable, path: String) -> FieldReader {
        FieldReader(table, argument: argument, path: path, limits: limits)
    }

    private func label(_ key: String) -> String { "field '\(path)\(key)'" }

    func error(_ key: String, _ message: String) -> LuaArgumentError {
        LuaArgumentError(argument, "\(label(key)) \(message)")
    }

    mutating func value(_ key: String) -> LuaValue? {
        used.append(key)
        guard let value = parameters[key] else { return nil }
        if case .nil = value { return nil }
        return value
    }

    /// A finite number (NaN and ±infinity are refused), inside its range when `limits` has one.
    mutating func number(_ key: String) throws -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else {
            throw error(key, "must be a number, got \(value.type.name)")
        }
        guard number.isFinite else { throw error(key, "must be a finite number, got \(FieldLimits.text(number))") }
        if let range = limits.numbers[key], number > range.upperBound {
            throw LuaArgumentError(
                argument,
                "\(path)\(key): \(FieldLimits.text(number)) is out of range "
                    + "\(FieldLimits.text(range.lowerBound))…\(FieldLimits.text(range.upperBound))")
        }
        return number
    }

    /// An integer (or a float with an integral value that fits), inside its range when `limits` has one.
    mutating func integer(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        return try integer(from: value, key: key)
    }

    /// `value` (a field's, or an element of a list in field `key`) as an integer inside `key`'s range.
    func integer(from value: LuaValue, key: String) throws -> Int {
        let integer: Int
        switch value {
        case .integer(let n): integer = Int(n)
        case .number(let x) where x == x.rounded(.towardZero):
            guard let exact = Int(exactly: x) else {
                let range =
                    limits.integers[key].map { " \($0.lowerBound)…\($0.upperBound)" } ?? " (not a 64-bit integer)"
                throw LuaArgumentError(argument, "\(path)\(key): \(FieldLimits.text(x)) is out of range" + range)
            }
            integer = exact
        case .number(let x): throw error(key, "must be an integer, got \(FieldLimits.text(x))")
        default: throw error(key, "must be an integer, got \(value.type.name)")
        }
        if let range = limits.integers[key], integer > range.upperBound {
            throw LuaArgumentError(
                argument, "\(path)\(key): \(integer) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return integer
    }

    /// An integer that must be present.
    mutating func requiredInteger(_ key: String) throws -> Int {
        guard let value = try integer(key) else { throw error(key, "is required") }
        return value
    }

    mutating func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else { throw error(key, "must be a string, got \(value.type.name)") }
        return text
    }

    mutating func boolean(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .boolean(let flag) = value else { throw error(key, "must be a boolean, got \(value.type.name)") }
        return flag
    }

    mutating func table(_ key: String) throws -> LuaTable? {
        guard let value = value(key) else { return nil }
        guard case .table(let table) = value else { throw error(key, "must be a table, got \(value.type.name)") }
        return table
    }

    /// A name given as a string or as a table with a `name` field (what `cost.gpu(...)` returns).
    mutating func name(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        if let text = value.stringValue { return text }
        if case .table(let table) = value, let name = table["name"]?.stringValue { return name }
        throw error(key, "must be a name or a table with a name, got \(value.type.name)")
    }

    /// Throws for any string key that no accessor asked for.
    func finish(known extra: [String] = []) throws {
        func known(_ name: String) -> Bool {
            used.contains { LuaParameters.same($0, name) } || extra.contains { LuaParameters.same($0, name) }
        }
        for (name, _) in parameters.fields where !known(name) {
            let allowed = Set(used + extra).sorted()
            throw LuaArgumentError(argument, "unknown \(label(name))" + Self.hint(for: name, among: allowed))
        }
        if let key = parameters.otherKey {
            throw LuaArgumentError(argument, "\(path.isEmpty ? "table" : path) has a non-string key (\(key.name))")
        }
        if parameters.listCount > 0 && path.isEmpty {
            throw LuaArgumentError(argument, "expected named fields (a table like {gpu = 'H800', ...}), got a list")
        }
    }
}

extension FieldReader {
    /// "; did you mean mfu?" for a misspelling; for a shortened key, the keys it is a word of ("price" →
    /// price_per_gpu_hour, "co2" → grid_kg_co2_per_kwh), or "" when nothing is close.
    static func hint(for name: String, among allowed: [String]) -> String {
        if let close = NameMatching.suggestion(for: name, among: allowed.map { ($0, [$0]) }) {
            return "; did you mean \(close)?"
        }
        let word = name.lowercased()
        guard word.count >= 2 else { return "" }
        let containing = allowed.filter { key in
            key.split(separator: "_").contains { $0 == word } || (word.count >= 3 && key.hasPrefix(word))
        }
        switch containing.count {
        case 1: return "; did you mean \(containing[0])?"
        case 2...4: return "; did you mean one of \(containing.joined(separator: ", "))?"
        default: return ""
        }
    }
}

/// Documented ranges of named fields (the engines' own tables, such as `CostLimits`).
struct FieldLimits {
    var integers: [String: ClosedRange<Int>] = [:]
    var numbers: [String: ClosedRange<Double>] = [:]

    /// "1e+18" as "1e18", "0.0" as "0", any NaN as "nan".
    static func text(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value).filter { $0 != "+" }
    }
}

/// Turns engine errors into Lua argument errors for argument `index`.
func rethrowing<T>(argument index: Int32 = 1, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LuaArgumentError {
        throw error
    } catch {
        throw LuaArgumentError(index, "\(error)")
    }
}
