import AIKitScripting
import ArgumentParser
import LuaRuntime

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
            With no arguments on a terminal, starts the REPL. Plugin commands (see `aikit plugins`) run as \
            `aikit [--allow NAME:PERM]... COMMAND [ARGS...]`.
            """,
        version: AikitModule.version,
        subcommands: [
            ScriptCommand.self, ReplCommand.self, ImportCommand.self, FetchCommand.self, UpdateCommand.self,
            ComplianceCommand.self, PluginsCommand.self, KernelCommand.self,
        ]
    )

    /// (An array: a nine-element lookup does not need a `Set`, whose hashing and metadata cost start-up ~0.1 ms.)
    static let builtins = ["script", "repl", "import", "fetch", "update", "compliance", "plugins", "kernel", "help"]

    /// Plugin commands are dispatched before ArgumentParser sees the command line (they are not known statically).
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var allow: [String] = []
        while arguments.first == "--allow", arguments.count >= 2 {
            allow.append(arguments[1])
            arguments.removeFirst(2)
        }
        if let command = arguments.first, !command.hasPrefix("-"), !builtins.contains(command) {
            Glibc.exit(PluginCommandRunner.run(command: command, arguments: Array(arguments.dropFirst()), allow: allow))
        }
        if allow.isEmpty, arguments.first == "script", ScriptCommand.runQuickly(Array(arguments.dropFirst())) {
            Glibc.exit(0)
        }
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(Aikit.helpMessage())
            PluginCommandRunner.printCommandList()
            Glibc.exit(0)
        }
        Aikit.main(nil)
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
