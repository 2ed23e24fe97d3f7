public import AIKitScripting
internal import Foundation

/// A temporary folder tree for one test's plugins, removed when the fixture goes: plugin files written into it, a
/// `PluginHost` over some of its folders (in process), or the environment that points the `aikit` binary at it
/// (plugins, config and cache all inside the tree, so a test never reads or writes the user's own).
public final class PluginFixture {
    public let root: String

    public init(prefix: String = "aikit-plugins") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` to `root/relative`, creating the folders on the way; returns the full path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The config file the binary reads under `environment(...)`.
    public var configFile: String { root + "/config/aikit/config.toml" }

    /// The environment for a run of the `aikit` binary: plugins from `root/<folder>` (in order), the config at
    /// `configFile`, the declaration cache and trust records under `root/cache`.
    public func environment(plugins folders: [String] = ["plugins"]) -> [String: String] {
        [
            "AIKIT_PLUGIN_PATH": folders.map { root + "/" + $0 }.joined(separator: ":"),
            "XDG_CONFIG_HOME": root + "/config", "XDG_CACHE_HOME": root + "/cache",
        ]
    }

    /// An in-process host over `root/<folder>` with `allow` granted; `time`/`memory`/`writeMB` go into a config for
    /// the plugin named "probe".
    public func host(
        _ folders: [String] = ["a"], allow: [String] = [], time: Double? = nil, memory: Double? = nil,
        writeMB: Double? = nil
    ) throws -> PluginHost {
        var config = AikitConfig()
        for spec in allow { try config.allow(spec) }
        if time != nil || memory != nil || writeMB != nil {
            let configPath = try write(
                "config.toml",
                """
                [plugins.probe]
                \(time.map { "time_limit = \($0)" } ?? "")
                \(memory.map { "memory_mb = \($0)" } ?? "")
                \(writeMB.map { "write_mb = \($0)" } ?? "")
                """)
            config = try AikitConfig.load(path: configPath)
            for spec in allow { try config.allow(spec) }
        }
        return PluginHost(
            config: config, catalogs: ScriptCatalogs(), folders: folders.map { root + "/" + $0 },
            cachePath: root + "/cache/declarations.json", trustPath: root + "/trusted-plugins.tsv")
    }

    /// A plugin named `name` whose command `try` runs Lua code inside the sandbox and returns pcall's results.
    public static func probe(_ name: String = "probe", extra: String = "") -> String {
        """
        \(extra)
        return aikit.plugin{
          name = "\(name)", version = "1.0", description = "runs code in the sandbox",
          commands = { try = { help = "run code", run = function(args)
            local f, err = load(args[1])
            if not f then return false, err end
            return pcall(f)
          end } },
        }
        """
    }
}
