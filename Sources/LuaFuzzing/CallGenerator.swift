internal import Randomness

/// Turns the annotated API into Lua calls with hostile arguments: each argument is, by chance, a plausible value of
/// its annotated type (built field by field for parameter tables, so the call gets deep) or anything hostile, and
/// inside plausible tables one field or another is replaced by a hostile or wrongly typed value.
public struct CallGenerator {
    public let surface: APISurface
    /// The functions fuzzed: module functions, and methods of the classes the prelude makes an object of.
    public let functions: [APISurface.Function]
    private var rng: SeededRandom
    /// The chance that a value is a mutation (extreme or wrongly typed) rather than a plain one: low in most calls,
    /// so that one bad field meets otherwise good ones and the call reaches the engine's arithmetic.
    private var mutationRate = 0.1
    /// The chance that an optional field of a parameter table is given (sparse and full tables both get made).
    private var optionalRate = 0.3

    public init(surface: APISurface, seed: UInt64, stream: UInt64 = 0) {
        self.surface = surface
        functions = surface.functions.filter { function in
            guard let owner = function.owner else { return true }
            return FuzzScript.objects.keys.contains(owner)
        }
        rng = SeededRandom(seed: seed, stream: stream)
    }

    /// One Lua statement-free expression: a call of a random function.
    public mutating func nextCall() -> String {
        call(rng.pick(functions))
    }

    /// A call of `function` with generated arguments.
    public mutating func call(_ function: APISurface.Function) -> String {
        mutationRate = rng.pick([0.04, 0.08, 0.12, 0.3])
        optionalRate = rng.pick([0.15, 0.4, 0.7])
        var arguments: [String] = []
        for parameter in function.parameters {
            if parameter.name == "..." {
                for _ in 0..<(rng.next() % 4) { arguments.append(value(parameter.type, name: "...", depth: 0)) }
                continue
            }
            if parameter.optional && rng.chance(0.25) {
                arguments.append("nil")
            } else {
                arguments.append(value(parameter.type, name: parameter.name, depth: 0))
            }
        }
        // Sometimes too few or too many arguments.
        if !arguments.isEmpty && rng.chance(0.08) { arguments.removeLast() }
        if rng.chance(0.05) { arguments.append(HostileValues.any(&rng)) }
        while arguments.last == "nil" { arguments.removeLast() }
        let list = arguments.joined(separator: ", ")
        guard let owner = function.owner else { return "\(function.name)(\(list))" }
        let method = function.name.split(separator: ":").last.map(String.init) ?? function.name
        // Now and then a method on the wrong `self` (through the object's field, as `f.rolling(42, ...)`).
        if rng.chance(0.08) {
            return "O.\(owner).\(method)(\(([HostileValues.any(&rng)] + arguments).joined(separator: ", ")))"
        }
        return "O.\(owner):\(method)(\(list))"
    }

    /// A value for a parameter or field called `name` of annotated type `type`.
    mutating func value(_ type: AnnotatedType, name: String, depth: Int) -> String {
        if HostileValues.startsAProgram(name) { return "nil" }
        if HostileValues.isPath(name) { return rng.chance(0.9) ? rng.pick(HostileValues.paths) : "nil" }
        if depth > 3 || rng.chance(mutationRate) { return mutation(type) }
        if let plausible = HostileValues.dictionary[name], rng.chance(0.95) { return rng.pick(plausible) }
        switch type {
        case .string: return rng.pick(HostileValues.plainStrings)
        case .number: return rng.pick(HostileValues.plainNumbers)
        case .integer: return rng.pick(HostileValues.plainIntegers)
        case .boolean: return rng.chance(0.5) ? "true" : "false"
        case .nil: return "nil"
        case .any: return HostileValues.any(&rng)
        case .table: return rng.pick(HostileValues.tables)
        case .function:
            return rng.pick(["function() end", "function(...) return ... end", "function() error('x') end"])
        case .literal(let text): return "'\(text)'"
        case .list(let element):
            if rng.chance(0.1) {
                return "biglist(\(rng.pick(["1000", "100000"])), \(value(element, name: name, depth: depth + 1)))"
            }
            let count = Int(rng.next() % 5)
            return "{" + (0..<count).map { _ in value(element, name: name, depth: depth + 1) }.joined(separator: ", ")
                + "}"
        case .map(let element):
            let keys = ["a", "symbol", "close", "by", "mean"]
            let count = Int(rng.next() % 3)
            return "{"
                + (0..<count).map { _ in "\(rng.pick(keys)) = \(value(element, name: name, depth: depth + 1))" }
                .joined(separator: ", ") + "}"
        case .record(let fields): return record(fields, depth: depth)
        case .named(let typeName):
            if FuzzScript.objects.keys.contains(typeName) {
                return rng.chance(0.8) ? "O.\(typeName)" : HostileValues.any(&rng)
            }
            if let fields = surface.classes[typeName], !fields.isEmpty { return record(fields, depth: depth) }
            if let alias = surface.aliases[typeName] { return value(alias, name: name, depth: depth + 1) }
            return HostileValues.any(&rng)
        case .union(let options): return value(rng.pick(options), name: name, depth: depth)
        }
    }

    /// A hostile value where one of `type` belongs: mostly an extreme of the same kind (a number for a number),
    /// else anything.
    mutating func mutation(_ type: AnnotatedType) -> String {
        switch type {
        case .number, .integer: rng.chance(0.7) ? rng.pick(HostileValues.numbers) : HostileValues.any(&rng)
        case .string, .literal: rng.chance(0.5) ? rng.pick(HostileValues.strings) : HostileValues.any(&rng)
        case .list, .map, .record, .table: rng.chance(0.5) ? rng.pick(HostileValues.tables) : HostileValues.any(&rng)
        default: HostileValues.any(&rng)
        }
    }

    /// A table with the record's fields: required ones mostly present, optional ones sometimes, each value a
    /// mutation by chance; now and then an unknown field or a list part.
    mutating func record(_ fields: [AnnotatedField], depth: Int) -> String {
        var parts: [String] = []
        for field in fields where rng.chance(field.optional ? optionalRate : 0.95) {
            parts.append("[\(luaString(field.name))] = \(value(field.type, name: field.name, depth: depth + 1))")
        }
        if rng.chance(0.05) { parts.append("zzz_unknown = 1") }
        if rng.chance(0.05) { parts.append(HostileValues.any(&rng)) }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    func luaString(_ text: String) -> String { "'" + text.replacingAll("'", with: "\\'") + "'" }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
