import AIKitScripting
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `aikit [script] …` was asked to do: lua.c 5.4's command line (its `collectargs`: `-e stat`, `-eSTAT`,
/// `-l mod`, `-lMOD`, `-l g=mod`, `-i`, `-v`, `-E`, `-W`, `--`, `-`) with aikit's options among them (`--timeout S`,
/// `--memory MB`, `--verbose`, `--allow NAME:PERM`, `--db PATH`, each also as `--name=value`; `-h`/`--help`).
///
/// Read by hand, not by ArgumentParser: lua.c's grammar (joined values, a value never starting with `-`, the first
/// non-option ends the options) is not ArgumentParser's, and ArgumentParser's first parse costs about 1 ms of a
/// 4–5 ms start-up (docs/benchmarks.md, "Start-up"). `ScriptCommand` declares the same options for `--help` only.
struct ScriptRequest: Equatable {
    var steps: [ScriptInvocation.Step] = []
    /// `-i`: the REPL after the script, in the same state.
    var interactive = false
    /// `-v` (and `-i`): Lua's version line first.
    var showVersion = false
    /// `-E`: no LUA_INIT, LUA_PATH or LUA_CPATH.
    var ignoreEnvironment = false
    var timeout: Double?
    var memory: Double?
    var verbose = false
    /// `--allow NAME:PERM` grants.
    var allow: [String] = []
    /// `--db PATH`.
    var db: String?
    /// `-h`/`--help` among the options.
    var help = false
    /// The arguments after the program name (`script` left out): the options, the script, its arguments.
    var arguments: [String] = []
    /// Where the script is in `arguments`; nil when there is none.
    var scriptIndex: Int?

    /// A command-line mistake, reported as lua.c reports it (the message, then the usage): exit status 1 for lua.c's
    /// options (as lua.c), 64 (EX_USAGE, as every other aikit command) for a bad value of one of aikit's.
    struct UsageError: Error, Equatable {
        let message: String
        var status: Int32 = 1
    }

    /// Reads `arguments` (everything after `aikit`, with the word `script` left out) as lua.c's `collectargs` does.
    static func parse(_ arguments: [String]) throws(UsageError) -> ScriptRequest {
        var request = ScriptRequest(arguments: arguments)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("-"), argument != "-" else {
                request.scriptIndex = index
                return request
            }
            if argument == "--" {
                if index + 1 < arguments.count { request.scriptIndex = index + 1 }
                return request
            }
            if argument.hasPrefix("--") {
                try request.readLongOption(argument, in: arguments, at: &index)
            } else {
                try request.readShortOption(argument, in: arguments, at: &index)
            }
            index += 1
        }
        return request
    }

    private mutating func readShortOption(
        _ argument: String, in arguments: [String], at index: inout Int
    ) throws(UsageError) {
        let letter = argument.dropFirst().first!
        let joined = String(argument.dropFirst(2))
        switch letter {
        case "e", "l":
            var value = joined
            if joined.isEmpty {
                index += 1
                guard index < arguments.count, !arguments[index].hasPrefix("-") else {
                    throw UsageError(message: "'-\(letter)' needs argument")
                }
                value = arguments[index]
            }
            steps.append(letter == "e" ? .execute(value) : .require(value))
        case "i", "v", "E", "W", "h":
            guard joined.isEmpty else { throw UsageError(message: "unrecognized option '\(argument)'") }
            switch letter {
            case "i": (interactive, showVersion) = (true, true)
            case "v": showVersion = true
            case "E": ignoreEnvironment = true
            case "W": steps.append(.warningsOn)
            default: help = true
            }
        default:
            throw UsageError(message: "unrecognized option '\(argument)'")
        }
    }

    private mutating func readLongOption(
        _ argument: String, in arguments: [String], at index: inout Int
    ) throws(UsageError) {
        var name = argument
        var value: String?
        if let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            value = String(argument[argument.index(after: equals)...])
        }
        switch name {
        case "--help", "--verbose":
            guard value == nil else { throw UsageError(message: "\(name) takes no value") }
            if name == "--help" { help = true } else { verbose = true }
            return
        case "--timeout", "--memory", "--allow", "--db": break
        default: throw UsageError(message: "unrecognized option '\(argument)'")
        }
        if value == nil {
            index += 1
            guard index < arguments.count else { throw UsageError(message: "'\(name)' needs argument", status: 64) }
            value = arguments[index]
        }
        let text = value!
        switch name {
        case "--timeout", "--memory":
            let what = name == "--timeout" ? "seconds" : "megabytes"
            guard let number = Double(text), number > 0, number.isFinite else {
                throw UsageError(message: "\(name) must be a positive number of \(what), got '\(text)'", status: 64)
            }
            guard (name == "--timeout" ? timeout : memory) == nil else {
                throw UsageError(message: "\(name) is given twice", status: 64)
            }
            if name == "--timeout" { timeout = number } else { memory = number }
        case "--allow": allow.append(text)
        default:
            guard db == nil else { throw UsageError(message: "--db is given twice", status: 64) }
            db = text
        }
    }

    /// lua.c's usage text with aikit's options added, after `aikit: MESSAGE`.
    static func usage(_ message: String) -> String {
        """
        aikit: \(message)
        usage: aikit [script] [options] [script [args]]
        Available options are:
          -e stat   execute string 'stat'
          -i        enter interactive mode after executing 'script'
          -l mod    require library 'mod' into global 'mod'
          -l g=mod  require library 'mod' into global 'g'
          -v        show version information
          -E        ignore environment variables
          -W        turn warnings on
          --        stop handling options
          -         stop handling options and execute stdin
          --timeout S, --memory MB, --verbose, --allow NAME:PERM, --db PATH: aikit's (see aikit script --help)
        """
    }

    /// The invocation lua.c's `pmain` would make of this request; `programName` is `argv[0]`, which the `arg` table
    /// holds at its lowest index (so `arg[-1]` is the interpreter when no option precedes the script).
    func invocation(programName: String, standardInputIsTerminal: Bool) -> ScriptInvocation {
        let commandLine = [programName] + arguments
        var invocation = ScriptInvocation(
            steps: steps, script: scriptIndex.map { arguments[$0] }, commandLine: commandLine,
            scriptIndex: scriptIndex.map { $0 + 1 } ?? 0, timeLimit: timeout, memoryLimitMB: memory)
        invocation.verbose = verbose
        invocation.ignoreEnvironment = ignoreEnvironment
        if let scriptIndex, arguments[scriptIndex] == "-", scriptIndex > 0, arguments[scriptIndex - 1] == "--" {
            invocation.dashNamesAFile = true  // lua.c: after `--`, `-` is a file of that name
        }
        let hasExecute = steps.contains { if case .execute = $0 { true } else { false } }
        invocation.readsStandardInput =
            scriptIndex == nil && !hasExecute && !showVersion && !standardInputIsTerminal
        return invocation
    }

    /// Whether the REPL follows the script (lua.c: `-i`, or nothing to run on a terminal).
    func startsRepl(standardInputIsTerminal: Bool) -> Bool {
        let hasExecute = steps.contains { if case .execute = $0 { true } else { false } }
        return interactive || (scriptIndex == nil && !hasExecute && !showVersion && standardInputIsTerminal)
    }

    /// Runs `aikit [script] ARGUMENTS` and returns the exit status.
    static func run(arguments: [String]) -> Int32 {
        let request: ScriptRequest
        do {
            request = try parse(arguments)
        } catch {
            Terminal.standardError.write(usage(error.message) + "\n")
            return error.status
        }
        if request.help {
            print(Aikit.helpMessage(for: ScriptCommand.self))
            return 0
        }
        return request.run()
    }

    func run() -> Int32 {
        let terminal = isatty(STDIN_FILENO) != 0
        let repl = startsRepl(standardInputIsTerminal: terminal)
        if showVersion || repl { print(ScriptEnvironment.luaCopyright) }
        StoreOptions.apply(db)
        let plugins: PluginHost
        do {
            plugins = try PluginOptions.host(allowing: allow)
        } catch {
            Terminal.reportError("aikit: \(error)")
            return 64  // a bad --allow grant or config.toml, before any script code runs
        }
        let invocation = self.invocation(
            programName: CommandLine.arguments.first ?? "aikit", standardInputIsTerminal: terminal)
        return invocation.run(
            plugins: plugins,
            interactive: repl ? { host in ReplCommand.loop(host: host, timeLimit: nil) } : nil
        ) { message in
            Terminal.reportError(message)
        }
    }
}
