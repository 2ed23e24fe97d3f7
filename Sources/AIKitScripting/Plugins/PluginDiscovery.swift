#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plugin found on disk: `NAME.lua`, or a folder `NAME/` with `init.lua` (whose own modules it may require).
public struct PluginSource: Sendable, Equatable {
    public var name: String
    /// The file that declares the plugin (`NAME.lua` or `NAME/init.lua`).
    public var entry: String
    /// The folder plugin's root (`.../NAME`), or nil for a single-file plugin.
    public var folder: String?
    /// The search folder it was found in.
    public var searchFolder: String

    public init(name: String, entry: String, folder: String?, searchFolder: String) {
        self.name = name
        self.entry = entry
        self.folder = folder
        self.searchFolder = searchFolder
    }
}

/// Finds plugins in order: `./Plugins`, each folder of `AIKIT_PLUGIN_PATH` (colon-separated), then
/// `$XDG_CONFIG_HOME/aikit/plugins` (default `~/.config/aikit/plugins`). A later plugin with a name already found
/// is shadowed by the earlier one.
public enum PluginDiscovery {
    public static func searchFolders(environment: [String: String]? = nil) -> [String] {
        func env(_ key: String) -> String? {
            if let environment { return environment[key] }
            return getenv(key).map { String(cString: $0) }
        }
        var folders = [PluginPermission.absolute("Plugins")]
        if let path = env("AIKIT_PLUGIN_PATH") {
            folders += path.split(separator: ":").map { PluginPermission.absolute(String($0)) }
        }
        if let xdg = env("XDG_CONFIG_HOME"), !xdg.isEmpty {
            folders.append(PluginPermission.absolute(xdg + "/aikit/plugins"))
        } else {
            folders.append(PluginPermission.absolute("~/.config/aikit/plugins"))
        }
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }
    }

    /// The plugins found, each with the later sources it shadows.
    public static func discover(in folders: [String]) -> (plugins: [PluginSource], shadowed: [PluginSource]) {
        var found: [PluginSource] = []
        var shadowed: [PluginSource] = []
        var names: Set<String> = []
        for folder in folders {
            for entry in directoryEntries(folder) {
                let path = folder + "/" + entry
                var source: PluginSource? = nil
                if entry.hasSuffix(".lua"), !isDirectory(path) {
                    source = PluginSource(
                        name: String(entry.dropLast(4)), entry: path, folder: nil, searchFolder: folder)
                } else if isDirectory(path), fileStamp(path + "/init.lua") != nil {
                    source = PluginSource(name: entry, entry: path + "/init.lua", folder: path, searchFolder: folder)
                }
                guard let source, isPluginName(source.name) else { continue }
                if names.insert(source.name).inserted {
                    found.append(source)
                } else {
                    shadowed.append(source)
                }
            }
        }
        return (found, shadowed)
    }

    /// Letters, digits, `_` and `-`, starting with a letter: usable as a command and a Lua field.
    static func isPluginName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
    }
}
