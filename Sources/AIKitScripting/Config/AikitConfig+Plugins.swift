/// What the user grants one plugin: its `[plugins.NAME]` section of config.toml plus `--allow NAME:PERM`.
public struct PluginSettings: Sendable, Equatable {
    /// Grants from config.toml (they apply only to the plugin they were given to: see `PluginTrust`).
    public var grants: [PluginPermission] = []
    /// Grants from `--allow` on this command line.
    public var allowed: [PluginPermission] = []
    public var timeLimit: Double = 10
    public var memoryMB: Double = 256
    /// Bytes the plugin may write to disk in one process, in MB (see `PluginDiskQuota`).
    public var writeMB: Double = 512
}

extension AikitConfig {
    public func settings(for plugin: String) -> PluginSettings { plugins[plugin] ?? PluginSettings() }

    /// Adds a `--allow NAME:PERM` grant.
    public mutating func allow(_ spec: String) throws {
        guard let colon = spec.firstIndex(of: ":"), colon != spec.startIndex else {
            throw PluginError("--allow takes PLUGIN:PERMISSION (e.g. exporter:write:~/reports), got '\(spec)'")
        }
        let name = String(spec[..<colon])
        let permission = try PluginPermission(parsing: String(spec[spec.index(after: colon)...]))
        plugins[name, default: PluginSettings()].allowed.append(permission)
    }

    /// One `key = value` line of a `[plugins.NAME]` section.
    mutating func readPlugin(_ plugin: String, key: String, value: String, at where_: String) throws {
        switch key {
        case "allow":
            guard value.hasPrefix("["), value.hasSuffix("]") else {
                throw PluginError("\(where_): allow takes a list of strings, e.g. allow = [\"exec\"]")
            }
            for item in value.dropFirst().dropLast().split(separator: ",") where !item.trimmed.isEmpty {
                do {
                    plugins[plugin, default: PluginSettings()].grants.append(
                        try PluginPermission(parsing: AikitConfig.unquote(item.trimmed)))
                } catch {
                    throw PluginError("\(where_): \(error)")
                }
            }
        case "time_limit", "memory_mb", "write_mb":
            guard let number = Double(value), number > 0, number.isFinite else {
                throw PluginError("\(where_): \(key) must be a positive number, got \(value)")
            }
            switch key {
            case "time_limit": plugins[plugin, default: PluginSettings()].timeLimit = number
            case "memory_mb": plugins[plugin, default: PluginSettings()].memoryMB = number
            default: plugins[plugin, default: PluginSettings()].writeMB = number
            }
        default:
            throw PluginError("\(where_): unknown key '\(key)' (known: allow, time_limit, memory_mb, write_mb)")
        }
    }
}
