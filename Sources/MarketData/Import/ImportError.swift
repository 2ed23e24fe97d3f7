/// Why an import was rejected; every case names the file and, for a row, its line (`file:line: what is wrong`).
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// A problem with a whole file (cannot open, empty, unknown format).
    case file(String, String)
    /// A problem with one row, at a physical line (1 = the header).
    case row(String, Int, String)
    /// A problem at a JSON path, such as `historical[12]`.
    case json(String, String, String)
    case store(StoreError)
    case options(String)

    public var description: String {
        switch self {
        case .file(let path, let message): "\(path): \(message)"
        case .row(let path, let line, let message): "\(path):\(line): \(message)"
        case .json(let path, let location, let message): "\(path): \(location): \(message)"
        case .store(let error): error.description
        case .options(let message): message
        }
    }
}
