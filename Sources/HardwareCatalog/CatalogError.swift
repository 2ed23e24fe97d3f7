/// Errors of the catalogs: what was wrong, and what to do.
public enum CatalogError: Error, CustomStringConvertible, Equatable {
    /// "unknown GPU 'H8000'; did you mean H800?"
    case unknown(kind: String, name: String, suggestion: String?, known: [String])
    /// A definition that cannot be accepted (missing or negative figures, duplicate name).
    case invalid(String)
    /// A figure the catalog does not have.
    case missingFigure(String)
    /// The bundled data itself failed to load (a bug in aikit).
    case corrupt(String)

    public var description: String {
        switch self {
        case .unknown(let kind, let name, let suggestion, let known):
            let name = name.count > 80 ? name.prefix(80) + "… (\(name.utf8.count) bytes)" : name
            if let suggestion { return "unknown \(kind) '\(name)'; did you mean \(suggestion)?" }
            return "unknown \(kind) '\(name)'; known: \(known.joined(separator: ", "))"
        case .invalid(let message), .missingFigure(let message), .corrupt(let message):
            return message
        }
    }
}
