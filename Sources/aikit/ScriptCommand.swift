import AIKitScripting
import ArgumentParser

/// `aikit script [options] [FILE|- [ARGS...]]`, also `aikit [options] FILE|- [ARGS...]`: lua.c's command line.
/// ArgumentParser renders its help (`aikit script --help`, `aikit help script`); `ScriptRequest` reads the command
/// line itself (lua.c's grammar is not ArgumentParser's), so the declarations below are for the help text.
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run a Lua script as the standalone lua interpreter would, with aikit's modules.",
        discussion: """
            Every lua.c 5.4 option and form works, with aikit's options among them: `aikit script FILE`, \
            `aikit FILE.lua` and `aikit -e CODE` are the same command. The script sees its arguments in `arg` \
            (arg[0] is the script, arg[-1] and below what came before it: the aikit binary first, so \
            `arg[-1] .. " " .. arg[0]` runs the script again when no option precedes it; the word `script` is not \
            in `arg`) and as `...`. -e, -l and -W run in the order given, before the script. With no script, \
            standard input is the script when it is not a terminal; on a terminal the REPL starts.
            """
    )

    @Option(name: .customShort("e"), help: ArgumentHelp("Run CODE before the script (repeatable).", valueName: "CODE"))
    var execute: [String] = []

    @Option(
        name: .customShort("l"),
        help: ArgumentHelp("Require MOD into global MOD (or G=MOD into global G) first.", valueName: "MOD"))
    var library: [String] = []

    @Flag(name: .customShort("i"), help: "Enter the REPL after running the script, in the same state.")
    var interactive = false

    @Flag(name: .customShort("v"), help: "Show Lua's version information.")
    var version = false

    @Flag(name: .customShort("E"), help: "Ignore environment variables (LUA_INIT, LUA_PATH, LUA_CPATH).")
    var ignoreEnvironment = false

    @Flag(name: .customShort("W"), help: "Turn warnings on.")
    var warnings = false

    @Option(help: ArgumentHelp("Stop the script after SECONDS of wall-clock time.", valueName: "SECONDS"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Cap the memory the script's Lua state may use.", valueName: "MB"))
    var memory: Double?

    @Flag(help: "Print the stack traceback with an error.")
    var verbose = false

    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    @Argument(
        parsing: .captureForPassthrough,
        help: "The script (- for standard input; -- ends the options) and its arguments.",
        completion: .file(extensions: ["lua"]))
    var scriptAndArguments: [String] = []

    /// Not reached from the command line (`Aikit.main` hands `script` to `ScriptRequest`); kept for completeness.
    func run() throws {
        let status = ScriptRequest.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
        if status != 0 { throw ExitCode(status) }
    }
}
