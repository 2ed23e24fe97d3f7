public import ErrorKinds

/// Errors of the catalogs: a `kind` to match on (tests and callers compare kinds, not messages), and a message that
/// says what was wrong and what to do.
public struct CatalogError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kinds of failure (see `ErrorKind`).
    public typealias Kind = ErrorKind<CatalogError>

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

extension ErrorKind where Domain == CatalogError {
    /// No entry answers to the name ("unknown GPU 'H8000'; did you mean H800?").
    public static var unknownName: Self { Self(#function) }
    /// A definition that cannot be accepted (missing or out-of-range figures, no name).
    public static var badDefinition: Self { Self(#function) }
    /// A plugin or script tried to replace an entry it did not define.
    public static var nameTaken: Self { Self(#function) }
    /// A figure the catalog does not have (an FP8 peak of a chip without FP8).
    public static var missingFigure: Self { Self(#function) }
    /// The bundled data itself failed to load (a bug in aikit).
    public static var corrupt: Self { Self(#function) }
}
