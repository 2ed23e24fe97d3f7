#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where aikit keeps its own files, by the XDG Base Directory rules: configuration (`config.toml`, user plugins,
/// trusted-plugin records), cache (plugin declarations) and state (REPL history). One place decides, so the sandbox
/// can refuse plugins every one of them.
public enum AikitFolders {
    /// `$XDG_CONFIG_HOME/aikit`, default `~/.config/aikit`.
    public static var config: String { folder("XDG_CONFIG_HOME", default: "~/.config") }
    /// `$XDG_CACHE_HOME/aikit`, default `~/.cache/aikit`.
    public static var cache: String { folder("XDG_CACHE_HOME", default: "~/.cache") }
    /// `$XDG_STATE_HOME/aikit`, default `~/.local/state/aikit`.
    public static var state: String { folder("XDG_STATE_HOME", default: "~/.local/state") }

    /// Every folder holding aikit's own files (plugins may never write there, whatever they were granted).
    public static var all: [String] { [config, cache, state] }

    private static func folder(_ variable: String, default fallback: String) -> String {
        if let value = getenv(variable), value.pointee != 0 {
            return PluginPermission.absolute(String(cString: value) + "/aikit")
        }
        return PluginPermission.absolute(fallback + "/aikit")
    }

    /// Makes `folder` and its parents (mode 0755); false if it cannot be made.
    @discardableResult
    public static func create(_ folder: String) -> Bool {
        var path = ""
        for component in folder.split(separator: "/") {
            path += "/" + component
            mkdir(path, 0o755)
        }
        return isDirectory(folder)
    }
}
