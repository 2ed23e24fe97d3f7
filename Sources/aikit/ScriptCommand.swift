import AIKitScripting
import ArgumentParser

/// `aikit script [-e CODE]... [-l MOD]... [--timeout S] [--memory MB] FILE|- [ARGS...]`
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run a Lua script as the standalone lua interpreter would, with aikit's modules.",
        discussion: """
            The script sees its arguments in `arg` (arg[0] is the script) and as `...`. Use - to read the script \
            from standard input. -e and -l run in the order given, before the script.
            """
    )

    @Option(name: .customShort("e"), help: ArgumentHelp("Run CODE before the script (repeatable).", valueName: "CODE"))
    var execute: [String] = []

    @Option(
        name: .customShort("l"), help: ArgumentHelp("Require MOD into global MOD (or G=MOD) first.", valueName: "MOD"))
    var library: [String] = []

    @Option(help: ArgumentHelp("Stop the script after SECONDS of wall-clock time.", valueName: "SECONDS"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Cap the memory the script's Lua state may use.", valueName: "MB"))
    var memory: Double?

    @Flag(help: "Print the stack traceback with an error.")
    var verbose = false

    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    @Argument(parsing: .captureForPassthrough, help: "The script (or -) and its arguments.")
    var scriptAndArguments: [String] = []

    /// What was asked, as plain values (`quickParse` reads the same from a plain command line).
    var request: ScriptRequest {
        ScriptRequest(
            execute: execute, library: library, timeout: timeout, memory: memory, verbose: verbose,
            allow: pluginOptions.allow, db: storeOptions.db, scriptAndArguments: scriptAndArguments)
    }

    func validate() throws { try request.validate() }

    func run() throws { try request.run() }

    /// `-e` and `-l` in the order they appear on the command line (ArgumentParser keeps each option's order only).
    static func orderedSteps(_ arguments: [String]) -> [ScriptInvocation.Step] {
        var steps: [ScriptInvocation.Step] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if ["--allow", "--timeout", "--memory", "--db"].contains(arguments[index]) {
                index += 2
                continue
            }
            for (flag, make) in [("-e", ScriptInvocation.Step.execute), ("-l", ScriptInvocation.Step.require)] {
                if argument == flag, index + 1 < arguments.count {
                    steps.append(make(arguments[index + 1]))
                    index += 1
                } else if argument.hasPrefix(flag + "="), argument.count > 3 {
                    steps.append(make(String(argument.dropFirst(3))))
                } else if argument.hasPrefix(flag), argument.count > 2, !argument.hasPrefix("--") {
                    steps.append(make(String(argument.dropFirst(2))))
                }
            }
            index += 1
        }
        return steps
    }
}
