import AIKitScripting
import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The REPL on a terminal: BSD libedit for line editing, persistent history and tab completion.
/// (libedit rather than GNU readline, whose GPL would bind aikit's licence.)
final class TerminalRepl {
    let session: ReplSession

    init(session: ReplSession) {
        self.session = session
    }

    /// The session completion reads; libedit's callbacks are C function pointers and cannot capture it.
    nonisolated(unsafe) static var completionSession: ReplSession?
    nonisolated(unsafe) static var pendingCompletions: [String] = []
    /// Set by SIGINT while the prompt waits for input.
    nonisolated(unsafe) static var promptInterrupted: sig_atomic_t = 0

    /// Loads libedit (dlopen, once); nil when it is there, else why not and which Debian package provides it.
    static func loadLineEditing() -> String? {
        var message = [CChar](repeating: 0, count: 640)
        guard CEditLine_load(&message, message.count) != 0 else { return nil }
        return String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs the REPL; `loadLineEditing()` has succeeded.
    func run() {
        let history = Self.historyPath()
        if let history { _ = read_history(history) }
        stifle_history(1000)
        Self.completionSession = session
        cedit_configure(strdup("aikit"), strdup(" \t\n\"\\'><=;+-*/%^~#{}()[],")) { text, _, _ in
            cedit_completion_over()
            guard let text else { return nil }
            return rl_completion_matches(text) { text, state in
                if state == 0 {
                    let word = text.map { String(cString: $0) } ?? ""
                    TerminalRepl.pendingCompletions = TerminalRepl.completionSession?.completions(for: word) ?? []
                }
                guard !TerminalRepl.pendingCompletions.isEmpty else { return nil }
                return strdup(TerminalRepl.pendingCompletions.removeFirst())
            }
        }

        print("aikit \(AikitModule.version) (Lua 5.4) — Ctrl-D exits, Tab completes, =expr prints a value")
        while true {
            Self.promptInterrupted = 0
            Self.catchInterruptsAtPrompt()
            let prompt = session.isContinuing ? ">> " : "> "
            guard let raw = readline(prompt) else {
                if Self.promptInterrupted != 0 {
                    // Ctrl-C at the prompt: drop the line (and any incomplete chunk), keep going.
                    session.cancelInput()
                    print("")
                    continue
                }
                print("")
                break
            }
            let line = String(cString: raw)
            free(raw)
            if Self.promptInterrupted != 0 {
                session.cancelInput()
                continue
            }
            if !line.allSatisfy(\.isWhitespace) { add_history(line) }
            session.host.lua.armInterrupts()
            session.feed(line)
            session.host.lua.disarmInterrupts()
            fflush(nil)
        }
        if let history { _ = write_history(history) }
    }

    /// SIGINT without SA_RESTART: the blocked read in libedit returns, readline gives up the line.
    static func catchInterruptsAtPrompt() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in TerminalRepl.promptInterrupted = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// `$XDG_STATE_HOME/aikit/history`, else `~/.local/state/aikit/history`; nil if it cannot be made.
    static func historyPath() -> String? {
        let folder = AikitFolders.state
        return AikitFolders.create(folder) ? folder + "/history" : nil
    }
}
