import ArgumentParser

/// `--memory` and `--timeout` for commands that keep one Lua state across entries (the REPL, the kernel).
struct SessionLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Cap the memory the Lua state may use.", valueName: "MB"))
    var memory: Double?

    @Option(
        help: ArgumentHelp(
            "Stop any one entry (a REPL line, a notebook cell) that runs longer than this.",
            valueName: "SECONDS"))
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) || !timeout.isFinite {
            throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
        }
        if let memory, !(memory > 0) || !memory.isFinite {
            throw ValidationError("--memory must be a positive number of megabytes, got \(memory)")
        }
    }
}
