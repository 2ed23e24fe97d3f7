import LuaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A script run the way the standalone `lua` interpreter runs one (lua.c 5.4's `pmain`; trusted: the full standard
/// library): what `aikit script` (and `aikit -e`, `aikit -i`, `aikit file.lua`) was asked to do, and `run`, which does
/// it in a fresh `ScriptEnvironment` under the invocation's time and memory limits. It owns the command line's
/// meaning (steps, `arg`, LUA_INIT, standard input as the script) and the exit status; the environment owns the Lua
/// state and its modules.
public struct ScriptInvocation: Sendable {
    /// `-e CODE`, `-l MOD` and `-W` in the order given; they run before the script.
    public enum Step: Sendable, Equatable {
        case execute(String)
        case require(String)
        /// `-W`: warnings on.
        case warningsOn
    }

    public var steps: [Step]
    /// The script path, "-" for standard input, or nil when there is none (see `readsStandardInput`).
    public var script: String?
    /// No script and no `-e`/`-v` with a standard input that is not a terminal: lua.c runs standard input as the
    /// script (`dofile(NULL)`) and, as lua.c, reports an error in it without failing (exit status 0).
    public var readsStandardInput = false
    /// The whole command line; `arg` gets `commandLine[scriptIndex]` at index 0, what comes before at negative
    /// indices (lua.c: index 0 is the interpreter itself when there is no script).
    public var commandLine: [String]
    public var scriptIndex: Int
    /// `--timeout SECONDS`.
    public var timeLimit: Double?
    /// `--memory MB`.
    public var memoryLimitMB: Double?
    /// `--verbose`: errors come with their stack traceback (otherwise one line and a hint).
    public var verbose = false
    /// `-- -`: the script is the file named "-", not standard input (lua.c's `handle_script`).
    public var dashNamesAFile = false
    /// `-E`: neither `LUA_INIT` nor `LUA_PATH`/`LUA_CPATH` are read.
    public var ignoreEnvironment = false

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

extension ScriptInvocation {
    /// Runs the invocation; returns the exit status (0, or 1 after printing the error, with its traceback if verbose).
    /// `os.exit(n)` in the script ends the process directly, as in `lua`.
    /// - Parameter interactive: lua.c's `-i` (or no script on a terminal): called with the host after the script
    ///   ran without error, to run the REPL in the same state; its result is the exit status.
    public func run(
        plugins: PluginHost? = nil, interruptible: Bool = true,
        interactive: ((ScriptEnvironment) -> Int32)? = nil, report: (String) -> Void
    ) -> Int32 {
        // The watchdog covers what the count hook cannot stop, closing the state (and its finalizers) included.
        Watchdog.guarding(seconds: timeLimit, message: Watchdog.timeLimitMessage(timeLimit ?? 0)) {
            Self.runGuarded(
                self, plugins: plugins, interruptible: interruptible, interactive: interactive, report: report)
        }
    }

    private static func runGuarded(
        _ invocation: ScriptInvocation, plugins: PluginHost?, interruptible: Bool,
        interactive: ((ScriptEnvironment) -> Int32)?, report: (String) -> Void
    ) -> Int32 {
        let host: ScriptEnvironment
        do {
            var options = LuaState.Options()
            options.memoryLimitBytes = invocation.memoryLimitMB.map { Int($0 * 1_048_576) }
            options.ignoreEnvironment = invocation.ignoreEnvironment
            host = try ScriptEnvironment(options: options, plugins: plugins)
        } catch {
            report("aikit: \(error)")
            return 1
        }
        let lua = host.lua
        lua.useGenerationalCollector()
        lua.setArgTable(invocation.commandLine, scriptIndex: invocation.scriptIndex)
        let status = runChunks(invocation, in: lua, interruptible: interruptible, report: report)
        guard status == 0, let interactive else { return status }
        return interactive(host)
    }

    /// LUA_INIT, the steps and the script, under the limits; the exit status.
    private static func runChunks(
        _ invocation: ScriptInvocation, in lua: LuaState, interruptible: Bool, report: (String) -> Void
    ) -> Int32 {
        if interruptible { lua.armInterrupts() }
        defer { if interruptible { lua.disarmInterrupts() } }
        lua.setTimeLimit(invocation.timeLimit)
        ScriptDeadline.start(invocation.timeLimit)
        defer { ScriptDeadline.start(nil) }
        do {
            if !invocation.ignoreEnvironment { try runInitialization(in: lua) }
            for step in invocation.steps {
                switch step {
                case .execute(let code):
                    try lua.load(code, name: "=(command line)")
                    try lua.callAsMain()
                case .require(let spec):
                    try requireModule(spec, in: lua)
                case .warningsOn:
                    lua.turnWarningsOn()
                }
            }
            if let script = invocation.script {
                try lua.loadFile(script == "-" && !invocation.dashNamesAFile ? nil : script)
                let arguments = invocation.scriptArguments
                try lua.reserve(Int32(clamping: arguments.count + 1))
                for argument in arguments { try lua.push(.string(argument)) }
                try lua.callAsMain(argumentCount: Int32(arguments.count))
            } else if invocation.readsStandardInput {
                do {
                    try lua.loadFile(nil)
                    try lua.callAsMain()
                } catch let error as LuaError {
                    report(describe(error, verbose: invocation.verbose))
                    // lua.c's `dofile(L, NULL)`: reported, not failed; aikit's own limits still fail the run.
                    return error.kind == .timeout || error.kind == .memory ? 1 : 0
                }
            }
            return 0
        } catch let error as LuaError {
            report(describe(error, verbose: invocation.verbose))
            return 1
        } catch {
            report("aikit: \(error)")
            return 1
        }
    }

    /// An error as aikit reports it: the message and its traceback (verbose), or the message and a hint.
    static func describe(_ error: LuaError, verbose: Bool) -> String {
        if verbose || error.traceback?.isEmpty != false {
            return "aikit: " + error.fullDescription
        }
        return "aikit: " + error.message + "\n  (run with --verbose for the stack traceback)"
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

    /// `-l MOD` (global MOD = require "MOD") and `-l G=MOD` (global G = require "MOD"), as lua.c 5.4.4 (the Lua
    /// aikit embeds): `-l mod-v2` sets global "mod-v2" (5.4.6's lua.c would strip the suffix; 5.4.4's does not).
    static func requireModule(_ spec: String, in lua: LuaState) throws {
        var global = spec
        var module = spec
        if let equals = spec.firstIndex(of: "=") {
            global = String(spec[..<equals])
            module = String(spec[spec.index(after: equals)...])
        }
        try lua.push(try lua.global("require"))
        try lua.push(.string(module))
        try lua.callAsMain(argumentCount: 1, resultCount: 1)
        lua.setGlobal(global)
    }
}
