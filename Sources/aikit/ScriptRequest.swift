import AIKitScripting
import ArgumentParser

/// What `aikit script` was asked to do, as plain values: from ArgumentParser (`ScriptCommand.request`) or read
/// directly from a plain command line (`ScriptCommand.quickParse`). Validating and running live here, once.
struct ScriptRequest: Equatable {
    var execute: [String] = []
    var library: [String] = []
    var timeout: Double?
    var memory: Double?
    var verbose = false
    /// `--allow NAME:PERM` grants.
    var allow: [String] = []
    /// `--db PATH`.
    var db: String?
    var scriptAndArguments: [String] = []

    func validate() throws {
        if let timeout, !(timeout > 0) || !timeout.isFinite {
            throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
        }
        if let memory, !(memory > 0) || !memory.isFinite {
            throw ValidationError("--memory must be a positive number of megabytes, got \(memory)")
        }
        if scriptAndArguments.isEmpty && execute.isEmpty && library.isEmpty {
            throw ValidationError("give a script to run (a FILE, or - for standard input), or -e CODE")
        }
    }

    func run() throws {
        StoreOptions.apply(db)
        let commandLine = CommandLine.arguments
        let scriptIndex = commandLine.count - scriptAndArguments.count
        var invocation = ScriptInvocation(
            steps: ScriptCommand.orderedSteps(Array(commandLine.prefix(scriptIndex))),
            script: scriptAndArguments.first,
            commandLine: commandLine,
            scriptIndex: scriptAndArguments.isEmpty ? commandLine.count - 1 : scriptIndex,
            timeLimit: timeout,
            memoryLimitMB: memory
        )
        invocation.verbose = verbose
        let status = ScriptRunner.run(invocation, plugins: try PluginOptions.host(allowing: allow)) { message in
            Terminal.reportError(message)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
