import AIKitScripting
import ArgumentParser
import SystemCalls

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct Aikit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aikit",
        abstract: "Lua-scriptable analytics for the AI industry: market data, training/serving cost, export controls.",
        discussion: """
            With no arguments on a terminal, starts the REPL. `aikit FILE.lua [ARGS...]` and lua.c's options \
            (`aikit -e CODE`, `aikit -i`, `aikit -` …) run Lua as the lua interpreter does (see `aikit script \
            --help`). Plugin commands (see `aikit plugins`) run as `aikit [--allow NAME:PERM]... COMMAND [ARGS...]`.
            """,
        version: AikitModule.version,
        subcommands: [
            ScriptCommand.self, ReplCommand.self, ImportCommand.self, FetchCommand.self, UpdateCommand.self,
            ComplianceCommand.self, PluginsCommand.self, KernelCommand.self,
        ]
    )

    /// (An array: a nine-element lookup does not need a `Set`, whose hashing and metadata cost start-up ~0.1 ms.)
    static let builtins = ["script", "repl", "import", "fetch", "update", "compliance", "plugins", "kernel", "help"]

    /// Plugin commands and lua.c's command line are dispatched before ArgumentParser sees the command line (plugins
    /// are not known statically; lua.c's grammar is not ArgumentParser's).
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let scriptArguments = scriptCommandLine(arguments) {
            Glibc.exit(ScriptRequest.run(arguments: scriptArguments))
        }
        var allow: [String] = []
        while arguments.first == "--allow", arguments.count >= 2 {
            allow.append(arguments[1])
            arguments.removeFirst(2)
        }
        if let command = arguments.first, !command.hasPrefix("-"), !builtins.contains(command) {
            let rest = Array(arguments.dropFirst())
            Glibc.exit(
                PluginCommandRunner.run(command: command, arguments: rest, allow: allow) {
                    // Not a plugin's command but a file: a Lua script without the .lua suffix (`aikit myscript`).
                    SystemCall.isRegularFile(command)
                        ? ScriptRequest.run(arguments: Array(CommandLine.arguments.dropFirst())) : nil
                })
        }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(Aikit.helpMessage())
            PluginCommandRunner.printCommandList()
            Glibc.exit(0)
        }
        Aikit.main(nil)
    }

    /// The arguments of lua.c's command line when `arguments` (after `aikit`) are one: `script …` (the word
    /// dropped), or a first argument (after any `--allow NAME:PERM`) that is a lua.c option (`-e`, `-l`, `-i`,
    /// `-v`, `-E`, `-W`, `--`, `-`, joined forms included), one of `aikit script`'s own options, or a Lua file
    /// (`*.lua` or a path with a `/`). A bare name that is no built-in command goes to the plugins first (see
    /// `main`). nil: not lua.c's.
    static func scriptCommandLine(_ arguments: [String]) -> [String]? {
        var first = 0
        while first + 1 < arguments.count, arguments[first] == "--allow" { first += 2 }
        guard first < arguments.count else { return nil }
        let argument = arguments[first]
        if argument == "script" {
            var rest = arguments
            rest.remove(at: first)
            return rest
        }
        if argument.hasPrefix("-") {
            let luaOption =
                ["-", "--", "-i", "-v", "-E", "-W", "--verbose"].contains(argument) || argument.hasPrefix("-e")
                || argument.hasPrefix("-l")
            let aikitOption = ["--timeout", "--memory", "--db"].contains {
                argument == $0 || argument.hasPrefix($0 + "=")
            }
            return luaOption || aikitOption ? arguments : nil
        }
        if builtins.contains(argument) { return nil }
        return argument.hasSuffix(".lua") || argument.contains("/") ? arguments : nil
    }

    mutating func run() throws {
        if isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 {
            let repl = try ReplCommand.parse([])
            try repl.run()
        } else {
            print(Aikit.helpMessage())
            PluginCommandRunner.printCommandList()
        }
    }
}
