#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something a plugin may do beyond its sandbox: run programs, reach the network (market data providers), or
/// read/write inside a folder.
public enum PluginPermission: Sendable, Equatable, CustomStringConvertible {
    case exec
    case net
    case read(String)
    case write(String)

    /// Parses "exec", "net", "read:/data", "write:~/reports" (folders made absolute, `~` expanded).
    public init(parsing text: String) throws {
        if text == "exec" || text == "net" {
            self = text == "exec" ? .exec : .net
            return
        }
        guard let colon = text.firstIndex(of: ":") else {
            throw PluginError("unknown permission '\(text)': use exec, net, read:FOLDER or write:FOLDER")
        }
        let kind = String(text[..<colon])
        let folder = PluginPermission.absolute(String(text[text.index(after: colon)...]))
        guard !folder.isEmpty else { throw PluginError("permission '\(text)' needs a folder after the colon") }
        switch kind {
        case "read": self = .read(folder)
        case "write": self = .write(folder)
        default: throw PluginError("unknown permission '\(text)': use exec, net, read:FOLDER or write:FOLDER")
        }
    }

    public var description: String {
        switch self {
        case .exec: "exec"
        case .net: "net"
        case .read(let folder): "read:\(folder)"
        case .write(let folder): "write:\(folder)"
        }
    }

    /// `~` expanded, relative paths made absolute against the working directory, `.` and `..` resolved.
    public static func absolute(_ path: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") {
            let home = getenv("HOME").map { String(cString: $0) } ?? ""
            path = home + path.dropFirst()
        }
        return SandboxPolicy.lexical(path)
    }

    /// Whether `path` (absolute, resolved) lies inside `folder`.
    static func path(_ path: String, isInside folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }
}

/// A plugin problem: what is wrong, where, and what to do.
public struct PluginError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
