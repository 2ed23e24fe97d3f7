import AIKitScripting
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `aikit repl`: the interactive Lua prompt (line editing, history, completion on a terminal; plain statements
/// from standard input otherwise).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the interactive Lua prompt with aikit's modules loaded lazily.",
        discussion: """
            Expressions print their values (also =expr). Incomplete chunks continue on the next line. Tab completes \
            globals, fields after . and :, and option keys inside a call's braces. Ctrl-C cancels the line or the \
            running statement; Ctrl-D exits. \
            With standard input not a terminal, statements are read from it and results printed without prompts.
            """
    )

    @OptionGroup var limits: SessionLimitOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        storeOptions.apply()
        let host: ScriptEnvironment
        do {
            host = try ScriptEnvironment(memoryLimitMB: limits.memory, plugins: try pluginOptions.makeHost())
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("cannot start Lua: \(error)")
        }
        let status = Self.loop(host: host, timeLimit: limits.timeout)
        if status != 0 { throw ExitCode(status) }
    }

    /// The REPL over `host` (`aikit repl`, and lua.c's `-i` after a script): line editing on a terminal, plain
    /// statements from standard input otherwise. Returns the exit status.
    static func loop(host: ScriptEnvironment, timeLimit: Double?) -> Int32 {
        let session = ReplSession(
            host: host,
            output: { print($0) },
            errorOutput: { Terminal.standardError.write($0 + "\n") }
        )
        session.timeLimit = timeLimit
        var lineEditing = isatty(STDIN_FILENO) != 0
        if lineEditing, let problem = TerminalRepl.loadLineEditing() {
            Terminal.reportError("aikit: no line editing or history: \(problem)")
            lineEditing = false
        }
        if lineEditing {
            TerminalRepl(session: session).run()
        } else {
            while let line = readLine(strippingNewline: true) {
                host.interruptible { session.feed(line) }
            }
            if session.isContinuing {
                Terminal.reportError("aikit: incomplete statement at end of input")
                return 1
            }
        }
        return 0
    }
}
