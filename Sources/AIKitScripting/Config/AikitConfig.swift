public import MarketFeeds

/// aikit's configuration file, `$XDG_CONFIG_HOME/aikit/config.toml` (default `~/.config/aikit/config.toml`), plus
/// `--allow NAME:PERM` grants from the command line. It owns reading the file and its sections; what a section's keys
/// mean lives beside the feature they configure (`AikitConfig+Plugins.swift`, `AikitConfig+Providers.swift`). The
/// file uses this subset of TOML:
///
/// ```toml
/// [plugins.export_matrix]
/// allow = ["write:~/reports", "exec"]
/// time_limit = 30      # seconds per call (default 10)
/// memory_mb = 512      # per plugin (default 256)
///
/// [providers.fmp]       # market data providers (`aikit fetch`); every key optional
/// api_key = "…"         # else the environment's FMP_API_KEY (which wins when both are set)
/// calls_per_minute = 300
/// calls_per_day = 250
/// base_url = "https://financialmodelingprep.com"
/// ```
public struct AikitConfig: Sendable {
    /// `[plugins.NAME]` sections and `--allow` grants.
    public internal(set) var plugins: [String: PluginSettings] = [:]
    /// `[providers.NAME]` sections.
    public internal(set) var providers: [String: ProviderSettings] = [:]
    /// Where the settings came from (for messages).
    public var path: String?

    public init() {}

    /// The default config file location.
    public static var defaultPath: String {
        AikitFolders.config + "/config.toml"
    }

    /// Reads the config file if it exists; a malformed line is an error naming file:line.
    public static func load(path: String = AikitConfig.defaultPath) throws -> AikitConfig {
        var config = AikitConfig()
        guard let text = readTextFile(path) else { return config }
        config.path = path
        var plugin: String? = nil
        var provider: String? = nil
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "\(path):\(offset + 1)"
            let line = stripComment(String(rawLine)).trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw PluginError("\(where_): a section header ends with ']'") }
                let name = String(line.dropFirst().dropLast()).trimmed
                plugin = name.hasPrefix("plugins.") ? unquote(String(name.dropFirst("plugins.".count))) : nil
                provider = name.hasPrefix("providers.") ? unquote(String(name.dropFirst("providers.".count))) : nil
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw PluginError("\(where_): expected key = value") }
            let key = String(line[..<equals]).trimmed
            let value = String(line[line.index(after: equals)...]).trimmed
            if let provider {
                try config.readProvider(provider, key: key, value: value, at: where_)
            } else if let plugin {
                try config.readPlugin(plugin, key: key, value: value, at: where_)
            }
        }
        return config
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for (index, character) in zip(line.indices, line) {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return String(line[..<index]) }
        }
        return line
    }

    static func unquote(_ text: String) -> String {
        let text = text.trimmed
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return String(text.dropFirst().dropLast()) }
        return text
    }
}

extension StringProtocol {
    var trimmed: String {
        String(
            drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
                .reversed())
    }
}
