import HardwareCatalog
public import LuaRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// One plugin loaded into its own Lua state (its own globals, memory cap and time limit).
public final class LoadedPlugin {
    public let source: PluginSource
    public let declaration: PluginDeclaration
    public let settings: PluginSettings
    let host: ScriptEnvironment
    let commands: [String: LuaReference]
    /// Files the plugin loaded (entry and own modules, also those required later by its commands), for `:reload`.
    let files: LoadedFiles

    init(
        source: PluginSource, declaration: PluginDeclaration, settings: PluginSettings, host: ScriptEnvironment,
        commands: [String: LuaReference], files: LoadedFiles
    ) {
        self.source = source
        self.declaration = declaration
        self.settings = settings
        self.host = host
        self.commands = commands
        self.files = files
    }

    var changed: Bool { files.stamps.contains { path, stamp in fileStamp(path).map { $0 != stamp } ?? true } }
}

/// The files a plugin has loaded so far with their stamps; shared with the sandbox's `track`, which keeps adding to it.
final class LoadedFiles {
    var stamps: [String: (mtime: Int64, size: Int64)] = [:]
}

/// What `aikit plugins` shows for each plugin.
public struct PluginStatus: Sendable {
    public enum State: Sendable, Equatable {
        case ok
        case failed(String)
        case shadowed(by: String)
    }
    public var name: String
    public var path: String
    public var state: State
    public var declaration: PluginDeclaration?
    public var granted: [PluginPermission]
}

/// Finds, loads (lazily), sandboxes and runs plugins. Discovery lists folders only; a plugin's code runs when one of
/// its commands is invoked, a script touches `plugins.NAME`, or `aikit plugins` lists it.
public final class PluginHost {
    public let config: AikitConfig
    let catalogs: ScriptCatalogs
    private let folders: [String]
    private var discovered: (plugins: [PluginSource], shadowed: [PluginSource])?
    private var loaded: [String: LoadedPlugin] = [:]
    private var failures: [String: String] = [:]
    private let cachePath: String
    private let trustPath: String
    /// The declaration cache and trust records are read on first use: a script that never touches a plugin (and
    /// every run of a built-in command) starts without reading or decoding them.
    private lazy var cache: DeclarationCache = {
        cacheRead = true
        return DeclarationCache(path: cachePath)
    }()
    private var cacheRead = false
    private lazy var trust = PluginTrust(path: trustPath)
    /// Where notices go (a plugin running without the grants config.toml gives it, and why); standard error.
    public var report: (String) -> Void = { notice in
        let line = Array("aikit: \(notice)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    public init(
        config: AikitConfig, catalogs: ScriptCatalogs, folders: [String] = PluginDiscovery.searchFolders(),
        cachePath: String? = nil, trustPath: String? = nil
    ) {
        self.config = config
        self.catalogs = catalogs
        self.folders = folders
        self.cachePath = cachePath ?? DeclarationCache.defaultPath
        self.trustPath = trustPath ?? PluginTrust.defaultPath
    }

    deinit { if cacheRead { cache.save() } }

    /// A plugin's declaration without running it when the cache knows the file; else by loading it.
    public func declaration(of source: PluginSource) -> Result<PluginDeclaration, PluginError> {
        if let entry = cache.lookup(source.entry) {
            if let declaration = entry.declaration { return .success(declaration) }
            return .failure(PluginError(entry.failure ?? "plugin '\(source.name)' failed to load"))
        }
        do {
            return .success(try plugin(source.name).declaration)
        } catch {
            return .failure(error as? PluginError ?? PluginError("\(error)"))
        }
    }

    public var sources: [PluginSource] { discovery().plugins }
    /// Plugins whose code has run (for tests of laziness and for `:reload`).
    public var loadedNames: [String] { loaded.keys.sorted() }
    public var shadowed: [PluginSource] { discovery().shadowed }

    private func discovery() -> (plugins: [PluginSource], shadowed: [PluginSource]) {
        if let discovered { return discovered }
        let result = PluginDiscovery.discover(in: folders)
        discovered = result
        return result
    }

    /// The plugin, loaded and set up on first use; a broken plugin throws its reason (file:line) every time.
    public func plugin(_ name: String) throws -> LoadedPlugin {
        if let plugin = loaded[name] { return plugin }
        if let failure = failures[name] { throw PluginError(failure) }
        guard let source = sources.first(where: { $0.name == name }) else {
            throw PluginError(
                "no plugin named '\(name)'"
                    + (sources.isEmpty
                        ? " (no plugins found in \(folders.joined(separator: ", ")))"
                        : "; installed: \(sources.map(\.name).joined(separator: ", "))"))
        }
        do {
            let plugin = try load(source)
            loaded[name] = plugin
            cache.store(source.entry, declaration: plugin.declaration, failure: nil)
            return plugin
        } catch {
            let message = "plugin '\(name)' failed to load: \(error)"
            failures[name] = message
            cache.store(source.entry, declaration: nil, failure: message)
            throw PluginError(message)
        }
    }

    private func load(_ source: PluginSource) throws -> LoadedPlugin {
        var settings = config.settings(for: source.name)
        let trusted = trust.grants(
            for: source, configured: settings.grants,
            shadowsAnother: shadowed.contains { $0.name == source.name })
        if let notice = trusted.notice { report(notice) }
        settings.grants = trusted.grants + settings.allowed
        settings.allowed = []
        var options = LuaState.Options()
        options.memoryLimitBytes = Int(settings.memoryMB * 1_048_576)
        let host = try ScriptEnvironment(options: options, modules: ScriptModule.standard, catalogs: catalogs)
        let lua = host.lua
        let loaded = LoadedFiles()
        let name = source.name
        let root = source.folder

        lua.origin = "plugin '\(name)'"
        lua.closeTimeLimit = settings.timeLimit
        let files = SandboxFiles(
            policy: SandboxPolicy(
                plugin: name, root: root, grants: settings.grants, protectedFolders: AikitFolders.all + folders,
                privateFolders: AikitFolders.all),
            quota: try PluginDiskQuota(plugin: name, megabytes: settings.writeMB))
        lua.fileAccess = { kind, path, what in
            switch kind {
            case "exec":
                try files.policy.authorizeExec(what: what)
                return path
            case "net":
                try files.policy.authorizeNet(what: what)
                return path
            case "read": return try files.check(Array(path.utf8), access: .read)
            case "write":
                let checked = try files.check(Array(path.utf8), access: .write)
                try files.quota.authorizeWrite(hostPath: checked)
                return checked
            default: throw LuaScriptError("unknown access kind '\(kind)'")
            }
        }
        let functions = try PluginSandbox.functions(lua, files: files, loaded: loaded)
        try lua.load(PluginSandbox.bootstrap, name: "=(aikit plugin sandbox)", mode: "t")
        guard let bootstrap = try lua.value(at: -1).reference else { throw PluginError("sandbox did not load") }
        lua.pop()
        let loaderResult = try lua.call(bootstrap, [functions, .string(name), root.map { .string($0) } ?? .nil])
        guard let loader = loaderResult.first?.reference else { throw PluginError("sandbox returned no loader") }
        // The entry file is read by the host (aikit reading a plugin, not the plugin reading a file).
        guard let entryBytes = readFileBytes(source.entry) else {
            throw PluginError("\(source.entry): cannot read: \(String(cString: strerror(errno)))")
        }
        if let stamp = fileStamp(source.entry) { loaded.stamps[source.entry] = stamp }

        lua.setTimeLimit(settings.timeLimit)
        defer { lua.resetLimits() }
        let returned = try PluginHost.describeLimits(settings, plugin: name) {
            try lua.call(loader, [.string(String(decoding: entryBytes, as: UTF8.self)), .string("@" + source.entry)])
        }
        let value = returned.first ?? .nil
        let declaration = try PluginDeclaration.parse(value, file: source.entry, expectedName: name)
        for (component, constraint) in declaration.requires {
            guard component == "aikit" else {
                throw PluginError("\(source.entry): requires unknown component '\(component)'")
            }
            if let want = VersionConstraint(constraint), let have = Version(AikitModule.version), !want.admits(have) {
                throw PluginError(
                    "\(source.entry): requires aikit \(constraint), but this is aikit \(AikitModule.version)")
            }
        }
        guard case .table(let table) = value else { throw PluginError("\(source.entry): declaration is not a table") }
        var commands: [String: LuaReference] = [:]
        if case .table(let list)? = table["commands"] {
            for (key, spec) in list.fields {
                if let commandName = key.stringValue, case .table(let command) = spec,
                    let run = command["run"]?.reference
                {
                    commands[commandName] = run
                }
            }
        }
        if let setup = table["setup"]?.reference {
            var ctx = LuaTable()
            ctx["name"] = .string(name)
            ctx["version"] = .string(declaration.version)
            ctx["root"] = root.map { .string($0) } ?? .nil
            ctx["permissions"] = .table(LuaTable(array: settings.grants.map { .string($0.description) }))
            _ = try PluginHost.describeLimits(settings, plugin: name) { try lua.call(setup, [.table(ctx)]) }
        }
        return LoadedPlugin(
            source: source, declaration: declaration, settings: settings, host: host,
            commands: commands, files: loaded)
    }

    /// Runs a plugin command with its time limit; results come back as values.
    public func run(plugin name: String, command: String, arguments: [LuaValue]) throws -> [LuaValue] {
        let plugin = try plugin(name)
        guard let function = plugin.commands[command] else {
            throw PluginError(
                "plugin '\(name)' has no command '\(command)'"
                    + "; its commands: \(plugin.declaration.commands.map(\.name).joined(separator: ", "))")
        }
        let lua = plugin.host.lua
        lua.setTimeLimit(plugin.settings.timeLimit)
        defer { lua.resetLimits() }
        do {
            return try PluginHost.describeLimits(plugin.settings, plugin: name) {
                try lua.call(function, [.table(LuaTable(array: arguments))])
            }
        } catch let error as LuaError {
            throw LuaError(
                kind: error.kind, message: "plugin '\(name)' command '\(command)': \(error.message)",
                traceback: error.traceback)
        }
    }

    /// Runs plugin code under its limits (the watchdog behind the time limit) and turns limit errors into messages
    /// that name the plugin's limit and how to raise it.
    static func describeLimits<T>(_ settings: PluginSettings, plugin: String, _ body: () throws -> T) throws -> T {
        do {
            return try Watchdog.guarding(
                seconds: settings.timeLimit,
                message: Watchdog.timeLimitMessage(settings.timeLimit, who: "plugin '\(plugin)'"),
                body)
        } catch let error as LuaError where error.kind == .timeout || error.kind == .memory {
            let hint =
                error.kind == .timeout
                ? "raise time_limit (now \(Figure.format(settings.timeLimit)) s) in config.toml"
                : "raise memory_mb (now \(Figure.format(settings.memoryMB))) in config.toml"
            throw LuaError(
                kind: error.kind, message: "\(error.message) [plugin limit; \(hint)]", traceback: error.traceback)
        }
    }

    /// Every plugin's status, shadowed ones included. With `loading`, each plugin is loaded (and the cache
    /// refreshed); without, cached declarations are used where the files have not changed.
    public func statuses(loading: Bool = true) -> [PluginStatus] {
        var result: [PluginStatus] = []
        for source in sources {
            let settings = config.settings(for: source.name)
            let granted = loaded[source.name]?.settings.grants ?? (settings.grants + settings.allowed)
            let outcome: Result<PluginDeclaration, PluginError>
            if loading {
                do {
                    outcome = .success(try plugin(source.name).declaration)
                } catch {
                    outcome = .failure(error as? PluginError ?? PluginError("\(error)"))
                }
            } else {
                outcome = declaration(of: source)
            }
            switch outcome {
            case .success(let declaration):
                result.append(
                    PluginStatus(
                        name: source.name, path: source.entry, state: .ok,
                        declaration: declaration, granted: granted))
            case .failure(let error):
                result.append(
                    PluginStatus(
                        name: source.name, path: source.entry, state: .failed(error.description),
                        declaration: nil, granted: granted))
            }
        }
        for source in shadowed {
            let winner = sources.first { $0.name == source.name }?.entry ?? "?"
            result.append(
                PluginStatus(
                    name: source.name, path: source.entry, state: .shadowed(by: winner),
                    declaration: nil, granted: []))
        }
        return result
    }

    /// The plugin that declares a command, by discovery order (from cached declarations where possible; only the
    /// plugin that declares it is loaded).
    public func plugin(declaring command: String) throws -> LoadedPlugin? {
        for source in sources {
            guard case .success(let declaration) = declaration(of: source),
                declaration.commands.contains(where: { $0.name == command })
            else { continue }
            return try plugin(source.name)
        }
        return nil
    }

    /// Records the plugin that now answers to `name` (its real path and the digest of its files) as the one its
    /// config.toml grants belong to; returns the record.
    @discardableResult
    public func trust(_ name: String) throws -> PluginTrust.Record {
        guard let source = sources.first(where: { $0.name == name }) else {
            throw PluginError("no plugin named '\(name)'")
        }
        guard let identity = PluginTrust.identity(of: source) else {
            throw PluginError("cannot read plugin '\(name)' at \(source.entry)")
        }
        try trust.trust(name, identity)
        loaded[name] = nil
        failures[name] = nil
        return identity
    }

    /// Drops loaded plugins whose files changed (and failed ones) so the next use reloads them; returns their names.
    @discardableResult
    public func reloadChanged() -> [String] {
        discovered = nil
        var names = loaded.filter { $0.value.changed }.map(\.key)
        names += failures.keys
        for name in names {
            loaded[name] = nil
            failures[name] = nil
        }
        return names.sorted()
    }
}

extension LuaValue {
    var reference: LuaReference? {
        if case .reference(let reference) = self { return reference }
        return nil
    }
}
