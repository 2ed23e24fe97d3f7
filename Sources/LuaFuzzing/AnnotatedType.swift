/// A LuaCATS type as the annotations in `Scripts/types/aikit.lua` write it: `string`, `integer[]`,
/// `"a"|"b"`, `{ name: string, values: number[]? }`, `table<string, T>`, `fun(...)`, a class or alias name.
/// Only as much of the language as the generator needs: what to build for a parameter or a field.
public indirect enum AnnotatedType: Equatable, Sendable {
    case string, number, integer, boolean, any, table, function, `nil`
    case literal(String)
    case list(AnnotatedType)
    case map(AnnotatedType)
    case record([AnnotatedField])
    case named(String)
    case union([AnnotatedType])

    /// Parses a type; what it does not understand is `.any`.
    public static func parse(_ text: String) -> AnnotatedType {
        var parser = TypeParser(Array(text.unicodeScalars))
        return parser.union()
    }
}

/// A field of a record or class: `name? type`.
public struct AnnotatedField: Equatable, Sendable {
    public var name: String
    public var type: AnnotatedType
    public var optional: Bool

    public init(name: String, type: AnnotatedType, optional: Bool) {
        self.name = name
        self.type = type
        self.optional = optional
    }
}

/// Recursive descent over the scalars of one type expression.
struct TypeParser {
    let text: [Unicode.Scalar]
    var position = 0

    init(_ text: [Unicode.Scalar]) { self.text = text }

    var peek: Unicode.Scalar? { position < text.count ? text[position] : nil }

    mutating func skipSpaces() { while let c = peek, c == " " { position += 1 } }

    mutating func eat(_ c: Unicode.Scalar) -> Bool {
        skipSpaces()
        guard peek == c else { return false }
        position += 1
        return true
    }

    mutating func word() -> String {
        skipSpaces()
        var out = ""
        while let c = peek, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "." {
            out.unicodeScalars.append(c)
            position += 1
        }
        return out
    }

    /// `A|B|C`, each with `[]` and `?` suffixes.
    mutating func union() -> AnnotatedType {
        var options = [postfix()]
        while eat("|") { options.append(postfix()) }
        return options.count == 1 ? options[0] : .union(options)
    }

    mutating func postfix() -> AnnotatedType {
        var type = primary()
        while true {
            if eat("[") {
                _ = eat("]")
                type = .list(type)
            } else if eat("?") {
                type = .union([type, .nil])
            } else {
                return type
            }
        }
    }

    mutating func primary() -> AnnotatedType {
        skipSpaces()
        guard let c = peek else { return .any }
        if c == "\"" {
            position += 1
            var out = ""
            while let d = peek, d != "\"" {
                out.unicodeScalars.append(d)
                position += 1
            }
            position += 1
            return .literal(out)
        }
        if c == "(" {
            position += 1
            let inner = union()
            _ = eat(")")
            return inner
        }
        if c == "{" {
            position += 1
            return record()
        }
        let name = word()
        switch name {
        case "string": return .string
        case "number": return .number
        case "integer": return .integer
        case "boolean": return .boolean
        case "any", "": return .any
        case "nil": return .nil
        case "false", "true": return .boolean
        case "fun":
            skipBalanced(open: "(", close: ")")
            if eat(":") { _ = union() }
            return .function
        case "table":
            guard eat("<") else { return .table }
            _ = union()
            _ = eat(",")
            let value = union()
            _ = eat(">")
            return .map(value)
        default: return .named(name)
        }
    }

    /// `{ a: T, b?: T, [string]: T }` (the body after `{`).
    mutating func record() -> AnnotatedType {
        var fields: [AnnotatedField] = []
        while !eat("}") {
            guard peek != nil else { break }
            if eat("[") {  // [key]: T — indexed members, not named fields
                skipBalanced(open: nil, close: "]")
                _ = eat(":")
                _ = union()
            } else {
                let name = word()
                guard !name.isEmpty else { break }
                let optional = eat("?")
                _ = eat(":")
                var type = union()
                var isOptional = optional
                if case .union(let options) = type, options.contains(.nil) {
                    isOptional = true
                    let rest = options.filter { $0 != .nil }
                    type = rest.count == 1 ? rest[0] : .union(rest)
                }
                fields.append(AnnotatedField(name: name, type: type, optional: isOptional))
            }
            _ = eat(",")
        }
        return .record(fields)
    }

    /// Skips to the matching `close` (after consuming `open` if given), nesting included.
    mutating func skipBalanced(open: Unicode.Scalar?, close: Unicode.Scalar) {
        if let open, !eat(open) { return }
        var depth = 1
        while let c = peek, depth > 0 {
            if c == "(" || c == "[" || c == "{" || c == "<" { depth += 1 }
            if c == ")" || c == "]" || c == "}" || c == ">" { depth -= 1 }
            position += 1
        }
    }
}
