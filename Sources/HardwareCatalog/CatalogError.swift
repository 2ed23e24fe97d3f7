/// Errors of the catalogs: a `kind` to match on (tests and callers compare kinds, not messages), and a message that
/// says what was wrong and what to do.
public struct CatalogError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kinds of failure. A struct over a private enum, so a kind can be added without breaking code that
    /// compares against the existing ones.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String { case unknownName, badDefinition, nameTaken, missingFigure, corrupt }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No entry answers to the name ("unknown GPU 'H8000'; did you mean H800?").
        public static let unknownName = Kind(.unknownName)
        /// A definition that cannot be accepted (missing or out-of-range figures, no name).
        public static let badDefinition = Kind(.badDefinition)
        /// A plugin or script tried to replace an entry it did not define.
        public static let nameTaken = Kind(.nameTaken)
        /// A figure the catalog does not have (an FP8 peak of a chip without FP8).
        public static let missingFigure = Kind(.missingFigure)
        /// The bundled data itself failed to load (a bug in aikit).
        public static let corrupt = Kind(.corrupt)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    public let description: String
    /// For `.unknownName`: the closest known name, if one is close.
    public let suggestion: String?

    private init(_ kind: Kind, _ description: String, suggestion: String? = nil) {
        self.kind = kind
        self.description = description
        self.suggestion = suggestion
    }

    /// "unknown GPU 'H8000'; did you mean H800?", or the known names when none is close.
    public static func unknown(kind: String, name: String, suggestion: String?, known: [String]) -> CatalogError {
        let shown = name.count > 80 ? name.prefix(80) + "… (\(name.utf8.count) bytes)" : name
        let text =
            suggestion.map { "unknown \(kind) '\(shown)'; did you mean \($0)?" }
            ?? "unknown \(kind) '\(shown)'; known: \(known.joined(separator: ", "))"
        return CatalogError(.unknownName, text, suggestion: suggestion)
    }

    public static func badDefinition(_ message: String) -> CatalogError { CatalogError(.badDefinition, message) }
    public static func nameTaken(_ message: String) -> CatalogError { CatalogError(.nameTaken, message) }
    public static func missingFigure(_ message: String) -> CatalogError { CatalogError(.missingFigure, message) }
    public static func corrupt(_ message: String) -> CatalogError { CatalogError(.corrupt, message) }
}
