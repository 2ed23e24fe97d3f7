import LuaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How much one plugin may write to disk in a process (`[plugins.NAME] write_mb`, default 512 MB), whatever its
/// write grants: bytes through the file handles it opens (counted as they are written; past the quota a write
/// fails as on a full disk, `nil, "Disk quota exceeded"`) plus the current size of every file a host function wrote
/// for it (reports, CSV files, stores), measured each time it asks to write again.
final class PluginDiskQuota {
    let plugin: String
    let quota: WriteQuota
    private var hostFiles: Set<String> = []

    init(plugin: String, megabytes: Double) throws {
        self.plugin = plugin
        guard let quota = WriteQuota(limitBytes: Int64(megabytes * 1_048_576)) else {
            throw LuaScriptError("not enough memory for plugin '\(plugin)''s write quota")
        }
        self.quota = quota
    }

    /// Before a handle is opened for writing, or a host function writes `path` for the plugin: refuses once the
    /// quota is used up.
    func authorizeWrite(hostPath path: String? = nil) throws {
        quota.elsewhere = hostFiles.reduce(0) { total, file in
            var info = stat()
            return total + (stat(file, &info) == 0 ? Int64(info.st_size) : 0)
        }
        guard quota.used < quota.limitBytes else {
            let megabytes = Double(quota.limitBytes) / 1_048_576
            throw LuaScriptError(
                "plugin '\(plugin)' has written its quota of \(LuaState.limitText(megabytes)) MB to disk; raise it in "
                    + "\(AikitConfig.defaultPath): [plugins.\(plugin)] write_mb = \(LuaState.limitText(megabytes * 2))"
            )
        }
        if let path { hostFiles.insert(path) }
    }
}
