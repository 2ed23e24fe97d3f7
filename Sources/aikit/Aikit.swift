import AIKitScripting
import ArgumentParser

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
        discussion: "With no arguments on a terminal, starts the REPL.",
        version: AikitModule.version,
        subcommands: [ScriptCommand.self, ReplCommand.self]
    )

    mutating func run() throws {
        if isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 {
            let repl = try ReplCommand.parse([])
            try repl.run()
        } else {
            print(Aikit.helpMessage())
        }
    }
}
