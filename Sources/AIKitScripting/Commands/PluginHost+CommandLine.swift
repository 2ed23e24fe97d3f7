internal import LuaRuntime
internal import MarketData

extension PluginHost {
    /// The plugins of one `aikit` run: discovered lazily, with config.toml's grants plus `--allow NAME:PERM` specs,
    /// over catalogs that read the data sets kept in the default store (as `aikit compliance update` keeps them).
    /// Throws `PluginError` for a malformed config.toml or grant.
    public static func forCommandLine(allowing allow: [String]) throws -> PluginHost {
        var config = try AikitConfig.load()
        for spec in allow { try config.allow(spec) }
        let catalogs = ScriptCatalogs()
        catalogs.dataSetStore = { StoreLocation.defaultPath() }
        return PluginHost(config: config, catalogs: catalogs)
    }

    /// An error from running a plugin command, as the CLI reports it: a Lua error with its traceback, anything else
    /// as it describes itself.
    public static func message(for error: any Error) -> String {
        (error as? LuaError)?.fullDescription ?? "\(error)"
    }
}
