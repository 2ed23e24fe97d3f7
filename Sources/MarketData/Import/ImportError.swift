/// Why an import was rejected: a `kind` to match on, and where — every error names the file and, for a row, its line
/// (`file:line: what is wrong`), for JSON its path (`file: historical[12]: what is wrong`).
public struct ImportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kinds of failure. A struct over a private enum, so a kind can be added without breaking code that
    /// compares against the existing ones.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String { case file, row, json, store, options }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A problem with a whole file (cannot open, empty, unknown format).
        public static let file = Kind(.file)
        /// A problem with one row, at a physical line (1 = the header).
        public static let row = Kind(.row)
        /// A problem at a JSON path, such as `historical[12]`.
        public static let json = Kind(.json)
        /// The store refused the write (`storeError` says why).
        public static let store = Kind(.store)
        /// The import's options contradict each other or the files.
        public static let options = Kind(.options)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    /// The file, for `.file`, `.row` and `.json`.
    public let path: String?
    /// The physical line, for `.row`.
    public let line: Int?
    /// The JSON path, for `.json`.
    public let location: String?
    /// What is wrong, without the place.
    public let message: String
    public let storeError: StoreError?

    private init(
        _ kind: Kind, path: String? = nil, line: Int? = nil, location: String? = nil, message: String,
        storeError: StoreError? = nil
    ) {
        self.kind = kind
        self.path = path
        self.line = line
        self.location = location
        self.message = message
        self.storeError = storeError
    }

    public static func file(_ path: String, _ message: String) -> ImportError {
        ImportError(.file, path: path, message: message)
    }

    public static func row(_ path: String, _ line: Int, _ message: String) -> ImportError {
        ImportError(.row, path: path, line: line, message: message)
    }

    public static func json(_ path: String, _ location: String, _ message: String) -> ImportError {
        ImportError(.json, path: path, location: location, message: message)
    }

    public static func store(_ error: StoreError) -> ImportError {
        ImportError(.store, message: error.description, storeError: error)
    }

    public static func options(_ message: String) -> ImportError { ImportError(.options, message: message) }

    /// The same row error `lines` further down the file (a chunk's local line made global).
    func shifted(by lines: Int) -> ImportError {
        guard kind == .row, let path, let line else { return self }
        return .row(path, line + lines, message)
    }

    public var description: String {
        switch kind {
        case .file: "\(path ?? ""): \(message)"
        case .row: "\(path ?? ""):\(line ?? 0): \(message)"
        case .json: "\(path ?? ""): \(location ?? ""): \(message)"
        default: message
        }
    }
}
