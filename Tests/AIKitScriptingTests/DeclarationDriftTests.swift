import AIKitScripting
import CostModel
import Foundation
import LuaAnnotations
import LuaRuntime
import Testing

/// The annotations are the declaration of every option: each declared option key must be one the binding reads
/// (a key completion and help offer must not be refused as unknown), and each key a binding reads must be declared.
@Suite struct DeclarationDriftTests {
    static let annotations = LuaAnnotations.bundled

    /// A Lua literal of a type the declared `type` does not allow (so the binding, reading the key, refuses it by
    /// name); nil when every type is allowed.
    static func wrongValue(for declared: String) -> String? {
        var type = declared
        for _ in 0..<3 {
            for (alias, target) in annotations.aliases { type = type.replacing(alias, with: "(\(target))") }
        }
        let allowsTable =
            type.contains("table") || type.contains("[]") || type.contains("{") || type.contains("Frame")
            || annotations.classes.keys.contains {
                type.contains($0) && annotations.classes[$0]?.fields.isEmpty == false
            }
        let allowsString = type.contains("string") || type.contains("\"")
        let allowsNumber = type.contains("number") || type.contains("integer")
        let allowsBoolean = type.contains("boolean") || type.contains("true") || type.contains("false")
        if type.contains("any") { return nil }
        if !allowsBoolean { return "true" }
        if !allowsTable { return "{}" }
        if !allowsString { return "'not-a-number'" }
        if !allowsNumber { return "1.5" }
        return nil
    }

    /// How a call of `function` is written, with `argument` at the option table's position.
    static func call(_ function: LuaAnnotations.Function, option index: Int, table: String) -> String {
        let receivers = ["MarketStore": "store", "Frame": "frame", "Column": "column"]
        var arguments = function.parameters.map { _ in "nil" }
        for (position, parameter) in function.parameters.enumerated() where !parameter.optional && position != index {
            arguments[position] =
                parameter.type.contains("string") ? "'NVDA'" : parameter.type == "integer" ? "2" : "nil"
        }
        arguments[index] = table
        let name =
            function.owner.map { (receivers[$0] ?? $0) + ":" + function.name.dropFirst($0.count + 1) } ?? function.name
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }

    @Test func everyDeclaredOptionKeyIsReadByItsBinding() throws {
        let host = try ScriptEnvironment()
        try host.lua.run(
            """
            store = market.sample()
            frame = store:bars{ symbols = 'NVDA' }
            column = frame:col('close')
            """)
        var refused: [String] = []
        var checked = 0
        for function in Self.annotations.functions
        where function.owner == nil || ["MarketStore", "Frame", "Column"].contains(function.owner!) {
            // Declarations, not calls.
            if ["aikit.plugin", "market.register_provider"].contains(function.name) { continue }
            for (index, parameter) in function.parameters.enumerated() {
                guard let fields = Self.annotations.optionFields(parameter.type) else { continue }
                for field in fields {
                    guard let value = Self.wrongValue(for: field.type) else { continue }
                    let code = "return " + Self.call(function, option: index, table: "{ \(field.name) = \(value) }")
                    do {
                        try host.lua.run(code)
                    } catch {
                        let message = "\(error)"
                        if message.contains("unknown field '\(field.name)'")
                            || message.contains("unknown field '\(field.name)\'")
                        {
                            refused.append("\(function.name) \(parameter.name).\(field.name): \(message)")
                        } else if message.contains(field.name) {
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(refused.isEmpty, "declared option keys the bindings refuse:\n\(refused.joined(separator: "\n"))")
        #expect(checked > 60, "only \(checked) declared keys were refused by name for a wrong type")
    }
}

extension DeclarationDriftTests {
    static let bindings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AIKitScripting/Bindings")

    /// Every option key a binding reads (`fields.number("mfu")`, `MarketValues.strings(&fields, "symbols")`) is a
    /// declared field of some annotated table type, so completion, help and the README offer it; and a key read as a
    /// number, string, boolean or table is declared with a type that allows it.
    @Test func everyKeyABindingReadsIsDeclaredWithAFittingType() throws {
        // Fields of classes, and keys of inline table types anywhere (`prices? { input: number?, … }`, unions).
        var declared: [String: [String]] = [:]
        var types: [String] = []
        for type in Self.annotations.classes.values {
            for field in type.fields { declared[field.name, default: []].append(field.type) }
            types += type.fields.map(\.type)
        }
        types += Self.annotations.functions.flatMap { $0.parameters.map(\.type) }
        let inlineKey = try Regex(#"([a-z_][a-z_0-9]*)\??\s*:\s*([^,}]+)"#)
        for type in types where type.contains("{") {
            for match in type.matches(of: inlineKey) {
                let key = String(match.output[1].substring ?? "")
                declared[key, default: []].append(String(match.output[2].substring ?? ""))
            }
        }
        let reads = try Regex(
            #"\b[a-zA-Z]+\.(string|number|integer|boolean|table|value|strings|numbers)\("([a-z_0-9]+)""#)
        let passed = try Regex(#"\b(?:MarketValues|CostInputs|ComplianceInputs)\.([a-z]+)\(&[a-zA-Z]+, "([a-z_0-9]+)""#)
        var undeclared: [String] = []
        var mistyped: [String] = []
        var seen = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.bindings.path)
        where file.hasSuffix(".swift") {
            let text = try String(contentsOf: Self.bindings.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: reads) + text.matches(of: passed) {
                guard let read = match.output[1].substring, let key = match.output[2].substring.map(String.init) else {
                    continue
                }
                seen += 1
                guard let typesOfKey = declared[key] else {
                    undeclared.append("\(file): \(key)")
                    continue
                }
                if !typesOfKey.contains(where: { Self.allows($0, read: String(read)) }) {
                    mistyped.append(
                        "\(file): \(key) read by \(read)(), declared \(typesOfKey.joined(separator: " / "))")
                }
            }
        }
        #expect(seen > 150, "the patterns found only \(seen) reads: has the binding style changed?")
        let missing = undeclared.sorted().joined(separator: "\n")
        #expect(
            undeclared.isEmpty,
            "option keys read by bindings but declared nowhere in Scripts/types/aikit.lua:\n\(missing)")
        let wrong = mistyped.sorted().joined(separator: "\n")
        #expect(mistyped.isEmpty, "option keys read as one type but declared as another:\n\(wrong)")
    }

    /// Whether a declared type admits what a binding's read accepts (`number` admits integers and vice versa, as Lua
    /// numbers do; aliases are resolved; reads of any value or of helper-parsed values are not checked).
    static func allows(_ declared: String, read: String) -> Bool {
        var type = declared
        for _ in 0..<3 {
            for (alias, target) in annotations.aliases { type = type.replacing(alias, with: "(\(target))") }
        }
        let table =
            type.contains("table") || type.contains("[]") || type.contains("{")
            || annotations.classes.keys.contains { type.contains($0) }
        switch read {
        case "number", "integer", "numbers":
            return type.contains("number") || type.contains("integer") || type.contains("[]")
        case "string", "strings": return type.contains("string") || type.contains("\"") || type.contains("[]")
        case "boolean": return type.contains("boolean")
        case "table": return table
        default: return true
        }
    }
}

extension DeclarationDriftTests {
    /// The permissions a binding checks (`call.state.checkedPath("net", provider, "MarketStore:fetch")`) are the ones
    /// its annotation declares ("Plugins need the "net" permission."), which help, the kernel's inspect and the README
    /// reference show: none checked and not declared, none declared and not checked.
    @Test func thePermissionsABindingChecksAreTheDeclaredOnes() throws {
        let check = try Regex(#"checkedPath\(\s*"([a-z]+)",[^\n]*?"([A-Za-z_]+[.:][a-z_]+)"#)
        var checked: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.bindings.path)
        where file.hasSuffix(".swift") {
            let text = try String(contentsOf: Self.bindings.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: check) {
                checked.insert("\(match.output[2].substring ?? "") \(match.output[1].substring ?? "")")
            }
        }
        let declared = Set(
            Self.annotations.functions.flatMap { function in
                function.permissions.map { "\(function.name) \($0)" }
            })
        #expect(checked.count >= 10, "the pattern found only \(checked.count) checks: has the binding style changed?")
        #expect(
            checked.subtracting(declared).isEmpty,
            "permissions checked but not declared in Scripts/types/aikit.lua: \(checked.subtracting(declared).sorted())"
        )
        #expect(
            declared.subtracting(checked).isEmpty,
            "permissions declared but never checked: \(declared.subtracting(checked).sorted())")
    }
}

extension DeclarationDriftTests {
    /// A range stated in a field's description: "1…10^7", "0…1e9", "year, 1900…2200" (both bounds) or "up to 1e16"
    /// (lower bound 0); nil for any other description.
    static func declaredRange(_ description: String) -> ClosedRange<Double>? {
        func number(_ text: Substring) -> Double? {
            let parts = text.split(separator: "^")
            if parts.count == 2, let base = Double(parts[0]), let power = Double(parts[1]) {
                return (0..<Int(power)).reduce(1) { value, _ in value * base }
            }
            return Double(text)
        }
        if let match = description.firstMatch(of: #/up to ([0-9.e^]+)/#), let upper = number(match.output.1) {
            return 0...upper
        }
        if let match = description.firstMatch(of: #/([0-9.e^]+)…([0-9.e^]+)/#),
            let lower = number(match.output.1), let upper = number(match.output.2)
        {
            return lower...upper
        }
        return nil
    }

    /// The cost engine's ranges (`CostLimits`, which the bindings enforce through `FieldLimits`) are the ones the
    /// annotations declare: each declared range of a `cost.*` field is the engine's for that key, and each key the
    /// engine limits is declared somewhere with its range, so help, completion and the README state what is enforced.
    @Test func theCostEngineEnforcesTheDeclaredRanges() throws {
        let engine =
            CostLimits.integers.mapValues { Double($0.lowerBound)...Double($0.upperBound) }
            .merging(CostLimits.numbers) { $1 }
        var wrong: [String] = []
        var declaredKeys: Set<String> = []
        for type in Self.annotations.classes.values where type.name.hasPrefix("cost.") {
            for field in type.fields {
                guard let declared = Self.declaredRange(field.description) else { continue }
                declaredKeys.insert(field.name)
                guard let enforced = engine[field.name] else {
                    wrong.append("\(type.name).\(field.name): declared \(declared), the engine has no range")
                    continue
                }
                if declared != enforced {
                    wrong.append("\(type.name).\(field.name): declared \(declared), the engine enforces \(enforced)")
                }
            }
        }
        #expect(declaredKeys.count >= 20, "only \(declaredKeys.count) declared ranges found: has the style changed?")
        #expect(
            wrong.isEmpty, "declared ranges the engine does not enforce:\n\(wrong.sorted().joined(separator: "\n"))")
        let undeclared = Set(engine.keys).subtracting(declaredKeys).sorted()
        #expect(undeclared.isEmpty, "ranges the engine enforces but no cost.* field declares: \(undeclared)")
    }
}
