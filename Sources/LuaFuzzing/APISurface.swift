import LuaAnnotations

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

    /// Reads the annotations file's text (through the one annotations reader, `LuaAnnotations`).
    public init(annotations text: String) {
        let annotations = LuaAnnotations(text: text)
        functions = annotations.functions.map { function in
            Function(
                name: function.name, owner: function.owner,
                parameters: function.parameters.map {
                    let field = Self.field($0)
                    return Parameter(name: field.name, type: field.type, optional: field.optional)
                })
        }
        classes = annotations.classes.mapValues { $0.fields.map(Self.field) }
        aliases = annotations.aliases.mapValues { AnnotatedType.parse($0) }
    }

    /// A member with its type parsed; `T|nil` counts as optional `T`.
    static func field(_ member: LuaAnnotations.Member) -> AnnotatedField {
        var optional = member.optional
        var type = AnnotatedType.parse(member.type)
        if case .union(let options) = type, options.contains(.nil) {
            optional = true
            let rest = options.filter { $0 != .nil }
            type = rest.count == 1 ? rest[0] : .union(rest)
        }
        return AnnotatedField(name: member.name, type: type, optional: optional)
    }
}
