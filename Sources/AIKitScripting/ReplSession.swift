import LuaRuntime

/// The REPL's input handling over one `ScriptEnvironment`, independent of the terminal (the CLI owns line editing and
/// history): feed it lines, it prints results and errors. It owns the pending multi-line chunk and each entry's time
/// limit. Follows lua.c: an expression is tried as `return <line>` first, `=expr` is `return expr`, a chunk that ends
/// in `<eof>` while incomplete waits for more lines, and every result is pretty-printed.
public final class ReplSession {
    public let host: ScriptEnvironment
    private let output: (String) -> Void
    private let errorOutput: (String) -> Void
    private var buffer: [String] = []
    /// Seconds each entry may run (`aikit repl --timeout`); past it the entry fails, as a script would.
    public var timeLimit: Double?

    public init(host: ScriptEnvironment, output: @escaping (String) -> Void, errorOutput: @escaping (String) -> Void) {
        self.host = host
        self.output = output
        self.errorOutput = errorOutput
    }

    /// True while a multi-line chunk is incomplete (the prompt should be the continuation prompt).
    public var isContinuing: Bool { !buffer.isEmpty }

    /// Drops a partly typed chunk (Ctrl-C at the prompt).
    public func cancelInput() { buffer.removeAll() }

    /// Takes one line of input. Returns false when the line was consumed into an incomplete chunk.
    @discardableResult
    public func feed(_ line: String) -> Bool {
        if buffer.isEmpty, line.hasPrefix(":") { return command(String(line.dropFirst())) }
        var line = line
        if buffer.isEmpty, line.hasPrefix("=") { line = "return " + line.dropFirst() }
        buffer.append(line)
        let chunk = buffer.joined(separator: "\n")
        let lua = host.lua
        let base = lua.top
        defer { lua.top = base }

        do {
            try lua.load("return " + chunk, name: "=stdin")
        } catch let expressionError {
            do {
                try lua.load(chunk, name: "=stdin")
            } catch {
                // Incomplete as a statement or as an expression (a table literal split over lines): wait for more.
                if ReplSession.isIncomplete(error) || ReplSession.isIncomplete(expressionError) { return false }
                buffer.removeAll()
                errorOutput((error as? LuaError)?.message ?? "\(error)")
                return true
            }
        }
        buffer.removeAll()
        lua.setTimeLimit(timeLimit)
        ScriptDeadline.start(timeLimit)
        defer {
            lua.resetLimits()
            ScriptDeadline.start(nil)
        }
        do {
            try Watchdog.guarding(
                seconds: timeLimit, message: Watchdog.timeLimitMessage(timeLimit ?? 0, who: "REPL entry")
            ) {
                try lua.call(traceback: true)
            }
            let count = lua.top - base
            if count > 0 {
                output((1...count).map { lua.inspect(at: base + $0) }.joined(separator: "\t"))
            }
        } catch let error as LuaError {
            errorOutput(error.fullDescription)
        } catch {
            errorOutput("\(error)")
        }
        return true
    }

    /// REPL commands: `:reload` (plugins whose files changed), `:help`.
    private func command(_ text: String) -> Bool {
        switch text.trimmed {
        case "reload":
            do {
                let names = try host.reloadPlugins()
                output(names.isEmpty ? "no plugin changed" : "reloaded: " + names.joined(separator: ", "))
            } catch {
                errorOutput("\(error)")
            }
        case "help":
            output(":reload  reload plugins whose files changed\n:help    this list\n=expr    print a value")
        default:
            errorOutput("unknown REPL command ':\(text)' (try :help)")
        }
        return true
    }

    static func isIncomplete(_ error: any Error) -> Bool {
        guard let error = error as? LuaError else { return false }
        return error.kind == .syntax && error.message.hasSuffix("<eof>")
    }

    /// Completions at `cursor` (Unicode scalars) of the line being edited, read after the pending lines of an
    /// incomplete chunk (so `compliance.check{` on one line and `ch` on the next completes `chip`): the same path
    /// as the notebook kernel's (`ScriptEnvironment.completion(in:cursor:)`).
    /// Completions at the end of `line` (see `completions(line:cursor:)`).
    public func completions(for line: String) -> [String] {
        completions(line: line, cursor: line.unicodeScalars.count)
    }

    public func completions(line: String, cursor: Int) -> [String] {
        let pending = buffer.map { $0 + "\n" }.joined()
        return host.completion(in: pending + line, cursor: pending.unicodeScalars.count + cursor).matches
    }
}
