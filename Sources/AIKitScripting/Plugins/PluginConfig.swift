public import MarketFeeds

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the user grants plugins: `$XDG_CONFIG_HOME/aikit/config.toml` (default `~/.config/aikit/config.toml`) plus
/// `--allow NAME:PERM` on the command line. The file uses this subset of TOML:
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
public struct PluginConfig: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Grants from config.toml (they apply only to the plugin they were given to: see `PluginTrust`).
        public var grants: [PluginPermission] = []
        /// Grants from `--allow` on this command line.
        public var allowed: [PluginPermission] = []
        public var timeLimit: Double = 10
        public var memoryMB: Double = 256
        /// Bytes the plugin may write to disk in one process, in MB (see `PluginDiskQuota`).
        public var writeMB: Double = 512
    }

    public private(set) var plugins: [String: Settings] = [:]
    /// `[providers.NAME]` sections.
    public private(set) var providers: [String: ProviderSettings] = [:]
    /// Where the settings came from (for messages).
    public var path: String?

    public init() {}

    public func settings(for plugin: String) -> Settings { plugins[plugin] ?? Settings() }

    /// Adds a `--allow NAME:PERM` grant.
    public mutating func allow(_ spec: String) throws {
        guard let colon = spec.firstIndex(of: ":"), colon != spec.startIndex else {
            throw PluginError("--allow takes PLUGIN:PERMISSION (e.g. exporter:write:~/reports), got '\(spec)'")
        }
        let name = String(spec[..<colon])
        let permission = try PluginPermission(parsing: String(spec[spec.index(after: colon)...]))
        plugins[name, default: Settings()].allowed.append(permission)
    }

    /// The default config file location.
    public static var defaultPath: String {
        AikitFolders.config + "/config.toml"
    }

    /// Reads the config file if it exists; a malformed line is an error naming file:line.
    public static func load(path: String = PluginConfig.defaultPath) throws -> PluginConfig {
        var config = PluginConfig()
        guard let text = readTextFile(path) else { return config }
        config.path = path
        var section: String? = nil
        var provider: String? = nil
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "\(path):\(offset + 1)"
            let line = stripComment(String(rawLine)).trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw PluginError("\(where_): a section header ends with ']'") }
                let name = String(line.dropFirst().dropLast()).trimmed
                section = name.hasPrefix("plugins.") ? unquote(String(name.dropFirst("plugins.".count))) : nil
                provider = name.hasPrefix("providers.") ? unquote(String(name.dropFirst("providers.".count))) : nil
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw PluginError("\(where_): expected key = value") }
            let key = String(line[..<equals]).trimmed
            let value = String(line[line.index(after: equals)...]).trimmed
            if let provider {
                try config.readProvider(provider, key: key, value: value, at: where_)
                continue
            }
            guard let plugin = section else { continue }
            switch key {
            case "allow":
                guard value.hasPrefix("["), value.hasSuffix("]") else {
                    throw PluginError("\(where_): allow takes a list of strings, e.g. allow = [\"exec\"]")
                }
                for item in value.dropFirst().dropLast().split(separator: ",") where !item.trimmed.isEmpty {
                    do {
                        config.plugins[plugin, default: Settings()].grants.append(
                            try PluginPermission(parsing: unquote(item.trimmed)))
                    } catch {
                        throw PluginError("\(where_): \(error)")
                    }
                }
            case "time_limit", "memory_mb", "write_mb":
                guard let number = Double(value), number > 0, number.isFinite else {
                    throw PluginError("\(where_): \(key) must be a positive number, got \(value)")
                }
                switch key {
                case "time_limit": config.plugins[plugin, default: Settings()].timeLimit = number
                case "memory_mb": config.plugins[plugin, default: Settings()].memoryMB = number
                default: config.plugins[plugin, default: Settings()].writeMB = number
                }
            default:
                throw PluginError("\(where_): unknown key '\(key)' (known: allow, time_limit, memory_mb, write_mb)")
            }
        }
        return config
    }

    private mutating func readProvider(_ name: String, key: String, value: String, at where_: String) throws {
        var settings = providers[name] ?? ProviderSettings()
        switch key {
        case "api_key", "base_url":
            guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
                throw PluginError("\(where_): \(key) takes a quoted string")
            }
            if key == "api_key" {
                settings.apiKey = PluginConfig.unquote(value)
            } else {
                settings.baseURL = PluginConfig.unquote(value)
            }
        case "calls_per_minute":
            guard let number = Double(value), number > 0 else {
                throw PluginError("\(where_): calls_per_minute must be a positive number, got \(value)")
            }
            settings.callsPerMinute = number
        case "calls_per_day":
            guard let number = Int(value), number > 0 else {
                throw PluginError("\(where_): calls_per_day must be a positive whole number, got \(value)")
            }
            settings.callsPerDay = number
        default:
            throw PluginError(
                "\(where_): unknown key '\(key)' (known: api_key, base_url, calls_per_minute, calls_per_day)")
        }
        providers[name] = settings
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for (index, character) in zip(line.indices, line) {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return String(line[..<index]) }
        }
        return line
    }

    private static func unquote(_ text: String) -> String {
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
