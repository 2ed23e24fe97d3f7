internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the market store lives when no path is given: `AIKIT_DB`, else `$XDG_DATA_HOME/aikit/market.sqlite`
/// (default `~/.local/share/aikit/market.sqlite`).
public enum StoreLocation {
    public static func defaultPath() -> String { defaultPath(environment: ProcessInfo.processInfo.environment) }

    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["AIKIT_DB"], !path.isEmpty { return path }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path) + "/.local/share")
        return data + "/aikit/market.sqlite"
    }

    /// The folder part of a file path: "" for a bare name (the current folder), "/" for a file at the root. Written
    /// out because Foundation's `deletingLastPathComponent` traps on a one-character relative path on Linux.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }
}
