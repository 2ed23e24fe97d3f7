public import ErrorKinds

/// Why an import was rejected: a `kind` to match on, and where — every error names the file and, for a row, its line
/// (`file:line: what is wrong`), for JSON its path (`file: historical[12]: what is wrong`).
public struct ImportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kinds of failure (see `ErrorKind`).
    public typealias Kind = ErrorKind<ImportError>

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

extension ErrorKind where Domain == ImportError {
    /// A problem with a whole file (cannot open, empty, unknown format).
    public static var file: Self { Self(#function) }
    /// A problem with one row, at a physical line (1 = the header).
    public static var row: Self { Self(#function) }
    /// A problem at a JSON path, such as `historical[12]`.
    public static var json: Self { Self(#function) }
    /// The store refused the write (`storeError` says why).
    public static var store: Self { Self(#function) }
    /// The import's options contradict each other or the files.
    public static var options: Self { Self(#function) }
}
