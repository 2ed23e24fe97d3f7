import LuaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `aikit script` was asked to do, in the `lua` interpreter's terms.
public struct ScriptInvocation: Sendable {
    /// `-e CODE` and `-l MOD` in the order given; they run before the script.
    public enum Step: Sendable, Equatable {
        case execute(String)
        case require(String)
    }

    public var steps: [Step]
    /// The script path, "-" for standard input, or nil when only `-e`/`-l` were given.
    public var script: String?
    /// The whole command line; `arg` gets `commandLine[scriptIndex]` at index 0.
    public var commandLine: [String]
    public var scriptIndex: Int
    /// `--timeout SECONDS`.
    public var timeLimit: Double?
    /// `--memory MB`.
    public var memoryLimitMB: Double?
    /// `--verbose`: errors come with their stack traceback (otherwise one line and a hint).
    public var verbose = false

    public init(
        steps: [Step] = [], script: String?, commandLine: [String], scriptIndex: Int, timeLimit: Double? = nil,
        memoryLimitMB: Double? = nil
    ) {
        self.steps = steps
        self.script = script
        self.commandLine = commandLine
        self.scriptIndex = scriptIndex
        self.timeLimit = timeLimit
        self.memoryLimitMB = memoryLimitMB
    }

    /// The script's own arguments (`...`).
    public var scriptArguments: [String] { Array(commandLine.dropFirst(scriptIndex + 1)) }
}

/// Runs scripts the way the standalone `lua` interpreter does (trusted: the full standard library).
public enum ScriptRunner {
    /// Runs the invocation; returns the exit status (0, or 1 after printing the error, with its traceback if verbose).
    /// `os.exit(n)` in the script ends the process directly, as in `lua`.
    public static func run(
        _ invocation: ScriptInvocation, plugins: PluginHost? = nil, interruptible: Bool = true,
        report: (String) -> Void
    ) -> Int32 {
        // The watchdog covers what the count hook cannot stop, closing the state (and its finalizers) included.
        Watchdog.guarding(seconds: invocation.timeLimit, message: Watchdog.timeLimitMessage(invocation.timeLimit ?? 0))
        {
            runGuarded(invocation, plugins: plugins, interruptible: interruptible, report: report)
        }
    }

    private static func runGuarded(
        _ invocation: ScriptInvocation, plugins: PluginHost?, interruptible: Bool,
        report: (String) -> Void
    ) -> Int32 {
        let host: ScriptHost
        do {
            var options = LuaState.Options()
            options.memoryLimitBytes = invocation.memoryLimitMB.map { Int($0 * 1_048_576) }
            host = try ScriptHost(options: options, plugins: plugins)
        } catch {
            report("aikit: \(error)")
            return 1
        }
        let lua = host.lua
        lua.useGenerationalCollector()
        lua.setArgTable(invocation.commandLine, scriptIndex: invocation.scriptIndex)
        if interruptible { lua.armInterrupts() }
        defer { if interruptible { lua.disarmInterrupts() } }
        lua.setTimeLimit(invocation.timeLimit)
        ScriptDeadline.start(invocation.timeLimit)
        defer { ScriptDeadline.start(nil) }
        do {
            try runInitialization(in: lua)
            for step in invocation.steps {
                switch step {
                case .execute(let code):
                    try lua.load(code, name: "=(command line)")
                    try lua.callAsMain()
                case .require(let spec):
                    try requireModule(spec, in: lua)
                }
            }
            if let script = invocation.script {
                try lua.loadFile(script == "-" ? nil : script)
                let arguments = invocation.scriptArguments
                try lua.reserve(Int32(clamping: arguments.count + 1))
                for argument in arguments { try lua.push(.string(argument)) }
                try lua.callAsMain(argumentCount: Int32(arguments.count))
            }
            return 0
        } catch let error as LuaError {
            if invocation.verbose || error.traceback?.isEmpty != false {
                report("aikit: " + error.fullDescription)
            } else {
                report("aikit: " + error.message + "\n  (run with --verbose for the stack traceback)")
            }
            return 1
        } catch {
            report("aikit: \(error)")
            return 1
        }
    }

    /// `LUA_INIT_5_4` (or else `LUA_INIT`) as lua.c runs it before anything else: `@FILE` runs the file, anything
    /// else runs as code named `=LUA_INIT_5_4` / `=LUA_INIT`.
    static func runInitialization(in lua: LuaState) throws {
        for name in ["LUA_INIT_5_4", "LUA_INIT"] {
            guard let value = getenv(name) else { continue }
            let code = String(cString: value)
            if code.hasPrefix("@") {
                try lua.loadFile(String(code.dropFirst()))
            } else {
                try lua.load(code, name: "=" + name)
            }
            try lua.callAsMain()
            return
        }
    }

    /// `-l MOD` (global MOD = require "MOD") and `-l G=MOD` (global G = require "MOD"), as in Lua 5.4.
    static func requireModule(_ spec: String, in lua: LuaState) throws {
        var global = spec
        var module = spec
        if let equals = spec.firstIndex(of: "=") {
            global = String(spec[..<equals])
            module = String(spec[spec.index(after: equals)...])
        } else if let dash = spec.firstIndex(of: "-") {
            global = String(spec[..<dash])  // "mod-v2" → global "mod", as lua.c strips a version suffix
        }
        try lua.push(try lua.global("require"))
        try lua.push(.string(module))
        try lua.callAsMain(argumentCount: 1, resultCount: 1)
        lua.setGlobal(global)
    }
}
