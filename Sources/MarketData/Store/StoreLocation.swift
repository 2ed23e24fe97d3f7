internal import Foundation

/// Where the market store lives when no path is given: `AIKIT_DB`, else `$XDG_DATA_HOME/aikit/market.sqlite`
/// (default `~/.local/share/aikit/market.sqlite`).
public enum StoreLocation {
    public static func defaultPath() -> String { defaultPath(environment: ProcessInfo.processInfo.environment) }

    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["AIKIT_DB"], !path.isEmpty { return path }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return data + "/aikit/market.sqlite"
    }
}
