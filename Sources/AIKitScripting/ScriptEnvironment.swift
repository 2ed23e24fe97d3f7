public import LuaRuntime

/// One Lua state as aikit sets it up: a `LuaState` with the standard library, the `aikit` module and every engine
/// module (`ScriptModule`) registered lazily — as `require "aikit.NAME"` and as the global `NAME`, neither built until
/// first touched — and, when given a `PluginHost`, the global `plugins`. It owns the state and what is installed in it;
/// the facts the modules read belong to `ScriptCatalogs`, running a script to an exit status to `ScriptInvocation`, and
/// an interactive loop over one environment to `ReplSession` or `NotebookSession`.
public final class ScriptEnvironment {
    public let lua: LuaState
    /// Names of the lazily-resolved globals (for completion and docs).
    public let moduleNames: [String]

    /// The plugins reachable as `plugins.NAME.COMMAND(...)` from this state, if any.
    public let plugins: PluginHost?

    /// - Parameters:
    ///   - catalogs: the facts shared with other states (a plugin's state shares its host's); made on first use if nil.
    ///   - plugins: makes the global `plugins` available (resolved lazily, plugin by plugin).
    public init(
        options: LuaState.Options = LuaState.Options(), modules: [ScriptModule] = ScriptModule.standard,
        catalogs: ScriptCatalogs? = nil, plugins: PluginHost? = nil
    ) throws {
        lua = try LuaState(options: options)
        self.plugins = plugins
        moduleNames = (modules.map(\.name) + (plugins == nil ? [] : ["plugins"])).sorted()
        // Catalogs are read on first use of an engine module, never at start-up.
        var shared = catalogs ?? plugins?.catalogs
        for module in modules {
            let open = module.open
            lua.preload(module.requireName) { call in
                if shared == nil { shared = ScriptCatalogs() }
                try call.push(module: open(shared!))
                return 1
            }
        }
        try installLazyGlobals(modules)
        if let plugins { try installPlugins(plugins) }
    }

    /// An environment for an interactive session (the REPL, a notebook): `memoryLimitMB` caps the state, and the
    /// collector is generational, as lua.c's REPL runs it.
    public convenience init(memoryLimitMB: Double?, plugins: PluginHost?) throws {
        var options = LuaState.Options()
        options.memoryLimitBytes = memoryLimitMB.map { Int($0 * 1_048_576) }
        try self.init(options: options, plugins: plugins)
        lua.useGenerationalCollector()
    }

    /// Lua's copyright line (`lua -v`).
    public static var luaCopyright: String { LuaState.copyright }

    /// Runs `body` with Ctrl-C armed to interrupt the Lua code it runs (as lua.c does around each REPL line).
    @discardableResult
    public func interruptible<T>(_ body: () throws -> T) rethrows -> T {
        lua.armInterrupts()
        defer { lua.disarmInterrupts() }
        return try body()
    }

    /// The global `plugins` (resolved on first use, as the module globals); `plugins.NAME` loads plugin NAME on first
    /// touch and gives a table of its commands; `plugins.NAME.COMMAND(...)` runs `run({...})` in the plugin's own
    /// state and returns its results.
    private func installPlugins(_ host: PluginHost) throws {
        lua.pushFunction(name: "plugins") { call in
            let name = try call.string(2)
            let plugin = try host.plugin(name)
            call.newTable(fieldCount: plugin.declaration.commands.count)
            for command in plugin.declaration.commands {
                let commandName = command.name
                call.pushFunction(name: "plugins.\(name).\(commandName)") { inner in
                    var arguments: [LuaValue] = []
                    for index in 0..<inner.count { arguments.append(try inner.value(index + 1)) }
                    let results = try host.run(plugin: name, command: commandName, arguments: arguments)
                    try inner.reserve(Int32(results.count))
                    for result in results { try inner.push(result) }
                    return Int32(results.count)
                }
                call.setField(commandName)
            }
            return 1
        }
        let index = try lua.value(at: -1)
        lua.pop()
        try lua.setGlobal("__aikit_plugins_index", index)
        try lua.run(
            """
            local index = __aikit_plugins_index
            __aikit_plugins_index = nil
            local plugins = setmetatable({}, { __index = function(t, name)
              local commands = index(t, name)
              rawset(t, name, commands)
              return commands
            end })
            -- A lazy global as the modules are (not a real one), so `setmetatable(_G, nil)` leaves plain Lua's globals.
            local globals = getmetatable(_G)
            local modules = globals.__index
            globals.__index = function(t, k)
              if k == "plugins" then rawset(t, k, plugins) return plugins end
              return modules(t, k)
            end
            """, name: "=(aikit plugins)")
    }

    /// Forgets loaded plugins whose files changed (REPL `:reload`); returns their names.
    public func reloadPlugins() throws -> [String] {
        guard let plugins else { return [] }
        let names = plugins.reloadChanged()
        try lua.run("for k in pairs(plugins) do rawset(plugins, k, nil) end", name: "=(aikit reload)")
        return names
    }

    /// `_G` gets an `__index` that requires `aikit.NAME` on first use of global `NAME` and caches it.
    private func installLazyGlobals(_ modules: [ScriptModule]) throws {
        let list = modules.map { "[\"\($0.name)\"] = \"\($0.requireName)\"" }.joined(separator: ", ")
        try lua.run(
            """
            local lazy, require, rawset = { \(list) }, require, rawset
            setmetatable(_G, { __index = function(t, k)
              local m = lazy[k]
              if m then local v = require(m); rawset(t, k, v); return v end
            end })
            """, name: "=(aikit bootstrap)")
    }
}

/// A Lua module that an engine contributes to every `ScriptEnvironment`: its global name and how to build it from the
/// environment's `ScriptCatalogs` (only on first use). It owns nothing but that recipe; the binding files in
/// `Bindings/` define one each.
public struct ScriptModule: Sendable {
    public let name: String
    public let open: @Sendable (ScriptCatalogs) -> ModuleDefinition

    public init(name: String, open: @escaping @Sendable (ScriptCatalogs) -> ModuleDefinition) {
        self.name = name
        self.open = open
    }

    /// What `require` takes: "aikit" for the aikit module itself, "aikit.NAME" for the others.
    public var requireName: String { name == "aikit" ? "aikit" : "aikit.\(name)" }

    /// The modules every aikit Lua state has. Engines add theirs here as they land.
    public static let standard: [ScriptModule] = [
        AikitModule.module, MarketModule.module, CostModule.module, ComplianceModule.module, ChartModule.module,
    ]
}
