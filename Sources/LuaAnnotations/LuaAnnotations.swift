/// The LuaCATS annotations of aikit's Lua API (`Scripts/types/aikit.lua`, embedded in the binary): every function
/// and method with its doc lines, parameters and returns, every `---@class` with its fields, and the aliases. One
/// reader for the notebook's help (`inspect`), completion of option keys, and the Lua fuzzer's call generator.
public struct LuaAnnotations: Sendable {
    /// A parameter or a field: `name? type description`.
    public struct Member: Equatable, Sendable {
        public var name: String
        /// The type as written ("string|string[]", "fun(x: number): boolean").
        public var type: String
        public var optional: Bool
        public var description: String
    }

    public struct Function: Equatable, Sendable {
        /// "cost.training" or "Frame:rolling".
        public var name: String
        /// For methods, the class (`Frame`); nil for module functions.
        public var owner: String?
        public var doc: [String]
        public var parameters: [Member]
        /// Return types with their descriptions.
        public var returns: [(type: String, description: String)]

        public static func == (a: Function, b: Function) -> Bool {
            a.name == b.name && a.owner == b.owner && a.doc == b.doc && a.parameters == b.parameters
                && a.returns.map(\.type) == b.returns.map(\.type)
        }

        /// The plugin permissions the function checks ("exec", "net", "read", "write"), declared in its doc by one
        /// sentence: `Plugins need the "write" permission for the file's folder, or "exec" for a PostgreSQL store.`
        public var permissions: [String] {
            let text = doc.joined(separator: " ")
            guard let start = text.firstRange(of: "Plugins need ") else { return [] }
            let sentence = text[start.lowerBound...].prefix { $0 != "." }
            return sentence.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .compactMap { $0.offset % 2 == 1 ? String($0.element) : nil }
                .filter { ["exec", "net", "read", "write"].contains($0) }
        }

        /// `compliance.check(request: compliance.CheckRequest) -> compliance.Answer`.
        public var signature: String {
            let parameters = parameters.map { "\($0.name)\($0.optional ? "?" : ""): \($0.type)" }
            let returns = returns.map(\.type).joined(separator: ", ")
            return "\(name)(\(parameters.joined(separator: ", ")))" + (returns.isEmpty ? "" : " -> \(returns)")
        }
    }

    public struct Class: Equatable, Sendable {
        public var name: String
        public var doc: [String]
        public var fields: [Member]
    }

    public private(set) var functions: [Function] = []
    public private(set) var classes: [String: Class] = [:]
    /// Alias name → type as written.
    public private(set) var aliases: [String: String] = [:]
    private var byName: [String: Int] = [:]

    /// The annotations shipped with this build.
    public static let bundled = LuaAnnotations(text: String(decoding: PackageResources.aikit_lua, as: UTF8.self))

    public init(text: String) {
        var doc: [String] = []
        var parameters: [Member] = []
        var returns: [(type: String, description: String)] = []
        var currentClass: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSpaces
            if line.hasPrefix("---@class ") {
                let name = String(line.dropFirst("---@class ".count).split(separator: " ").first ?? "")
                currentClass = name
                if classes[name] == nil { classes[name] = Class(name: name, doc: doc, fields: []) }
                doc = []
            } else if line.hasPrefix("---@field "), let owner = currentClass {
                if let field = Self.member(line.dropFirst("---@field ".count)) { classes[owner]?.fields.append(field) }
            } else if line.hasPrefix("---@alias ") {
                let body = line.dropFirst("---@alias ".count)
                let name = String(body.prefix { $0 != " " })
                aliases[name] = Self.typeText(body.dropFirst(name.count))
            } else if line.hasPrefix("---@param ") {
                if let parameter = Self.member(line.dropFirst("---@param ".count)) { parameters.append(parameter) }
            } else if line.hasPrefix("---@return ") {
                let body = line.dropFirst("---@return ".count).trimmingSpaces
                let type = Self.typeText(body)
                returns.append((type, String(body.dropFirst(type.count).trimmingSpaces)))
            } else if line.hasPrefix("---@") {
                continue  // @meta, @type, @operator, @overload: not needed here
            } else if line.hasPrefix("---") {
                doc.append(String(line.dropFirst(3).trimmingSpaces))
            } else if line.hasPrefix("function ") {
                let signature = line.dropFirst("function ".count).prefix { $0 != "(" }
                let parts = signature.split(separator: ":", maxSplits: 1)
                byName[String(signature)] = functions.count
                functions.append(
                    Function(
                        name: String(signature), owner: parts.count == 2 ? String(parts[0]) : nil, doc: doc,
                        parameters: parameters, returns: returns))
                (doc, parameters, returns, currentClass) = ([], [], [], nil)
            } else {
                if !line.isEmpty { currentClass = nil }
                if !line.hasPrefix("--") { (doc, parameters, returns) = ([], [], []) }
            }
        }
    }

    public func function(named name: String) -> Function? { byName[name].map { functions[$0] } }

    /// `name? type description` → the member (the type is the longest balanced prefix of the rest).
    static func member(_ text: Substring) -> Member? {
        let body = text.trimmingSpaces
        var name = String(body.prefix { $0 != " " })
        guard !name.isEmpty else { return nil }
        var optional = false
        if name.hasSuffix("?") {
            optional = true
            name.removeLast()
        }
        let rest = body.dropFirst(name.count + (optional ? 1 : 0)).trimmingSpaces
        let type = typeText(rest)
        return Member(
            name: name, type: type, optional: optional,
            description: String(rest.dropFirst(type.count).trimmingSpaces))
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
    package var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        return text
    }
}
