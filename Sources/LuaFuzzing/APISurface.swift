/// Every function and method the annotations (`Scripts/types/aikit.lua`) declare, with their parameters' types,
/// and the fields of every `---@class`, so the generator can build parameter tables field by field.
public struct APISurface: Sendable {
    public struct Parameter: Equatable, Sendable {
        public var name: String
        public var type: AnnotatedType
        public var optional: Bool
    }

    public struct Function: Equatable, Sendable {
        /// "cost.training" or "Frame:rolling".
        public var name: String
        /// For methods, the class (`Frame`); nil for module functions.
        public var owner: String?
        public var parameters: [Parameter]

        public var isMethod: Bool { owner != nil }
    }

    public var functions: [Function] = []
    /// Class name → fields (`---@class` followed by `---@field` lines).
    public var classes: [String: [AnnotatedField]] = [:]
    /// Alias name → type (`---@alias`).
    public var aliases: [String: AnnotatedType] = [:]

    /// Reads the annotations file's text.
    public init(annotations text: String) {
        var pending: [Parameter] = []
        var currentClass: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSpaces
            if line.hasPrefix("---@class ") {
                let name = String(line.dropFirst("---@class ".count).split(separator: " ").first ?? "")
                currentClass = name
                if classes[name] == nil { classes[name] = [] }
            } else if line.hasPrefix("---@field "), let owner = currentClass {
                if let field = Self.member(line.dropFirst("---@field ".count)) {
                    classes[owner, default: []].append(field)
                }
            } else if line.hasPrefix("---@alias ") {
                let body = line.dropFirst("---@alias ".count)
                let name = String(body.prefix { $0 != " " })
                aliases[name] = AnnotatedType.parse(Self.typeText(body.dropFirst(name.count)))
            } else if line.hasPrefix("---@param ") {
                if let field = Self.member(line.dropFirst("---@param ".count)) {
                    pending.append(Parameter(name: field.name, type: field.type, optional: field.optional))
                }
            } else if line.hasPrefix("function ") {
                let signature = line.dropFirst("function ".count).prefix { $0 != "(" }
                let parts = signature.split(separator: ":", maxSplits: 1)
                let owner = parts.count == 2 ? String(parts[0]) : nil
                functions.append(Function(name: String(signature), owner: owner, parameters: pending))
                pending = []
                currentClass = nil
            } else if !line.hasPrefix("---") {
                pending = []
                if !line.isEmpty { currentClass = nil }
            }
        }
    }

    /// `name? type description` → the field (the type is the longest balanced prefix of the rest).
    static func member(_ text: Substring) -> AnnotatedField? {
        let body = text.trimmingSpaces
        var name = String(body.prefix { $0 != " " })
        guard !name.isEmpty else { return nil }
        var optional = false
        if name.hasSuffix("?") {
            optional = true
            name.removeLast()
        }
        var type = AnnotatedType.parse(typeText(body.dropFirst(name.count + (optional ? 1 : 0))))
        if case .union(let options) = type, options.contains(.nil) {
            optional = true
            let rest = options.filter { $0 != .nil }
            type = rest.count == 1 ? rest[0] : .union(rest)
        }
        return AnnotatedField(name: name, type: type, optional: optional)
    }

    /// The type at the start of `text`: up to the first space outside brackets (a `fun(...): T` keeps its result).
    static func typeText(_ text: Substring) -> String {
        let body = text.trimmingSpaces
        var depth = 0
        var out = ""
        var previous: Character = " "
        for c in body {
            if "({[<".contains(c) { depth += 1 }
            if ")}]>".contains(c) { depth -= 1 }
            if c == " " && depth == 0 && previous != ":" && previous != "," && previous != "|" { break }
            out.append(c)
            previous = c
        }
        return out
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        return text
    }
}
