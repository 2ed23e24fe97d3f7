import AIKitScripting
import CEditLine
import SystemCalls

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
    /// Raised by SIGINT while the prompt waits for input (made, and lowered, before the handler is installed: the
    /// handler only stores to it atomically).
    static let promptInterrupt = InterruptFlag()

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
        cedit_configure(strdup("aikit"), strdup(" \t\n\"\\'><=;+-*/%^~#{}()[],")) { text, _, end in
            cedit_completion_over()
            guard let text else { return nil }
            let word = String(cString: text)
            let line = cedit_line_buffer().map { String(cString: $0) } ?? word
            TerminalRepl.pendingCompletions =
                TerminalRepl.completionSession.map {
                    TerminalRepl.candidates(line: line, cursor: Int(end), word: word, session: $0)
                } ?? []
            return rl_completion_matches(text) { _, _ in
                guard !TerminalRepl.pendingCompletions.isEmpty else { return nil }
                return strdup(TerminalRepl.pendingCompletions.removeFirst())
            }
        }

        print("aikit \(AikitModule.version) (Lua 5.4) — Ctrl-D exits, Tab completes, =expr prints a value")
        while true {
            Self.promptInterrupt.lower()
            Self.catchInterruptsAtPrompt()
            let prompt = session.isContinuing ? ">> " : "> "
            guard let raw = readline(prompt) else {
                if Self.promptInterrupt.isRaised {
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
            if Self.promptInterrupt.isRaised {
                session.cancelInput()
                continue
            }
            if !line.allSatisfy(\.isWhitespace) { add_history(line) }
            session.host.interruptible { session.feed(line) }
            fflush(nil)
        }
        if let history { _ = write_history(history) }
    }

    /// What Tab offers on the terminal: the line libedit is editing up to `cursor` (libedit counts characters), read
    /// after the session's pending lines, through the kernel's completion path (option keys inside a call's braces
    /// included). `word` is what libedit replaces; should the line not end with it at the cursor, the word alone is
    /// completed.
    static func candidates(line: String, cursor: Int, word: String, session: ReplSession) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var before = String.UnicodeScalarView()
        before.append(contentsOf: scalars[..<min(max(0, cursor), scalars.count)])
        guard String(before).hasSuffix(word) else {
            return session.completions(line: word, cursor: word.unicodeScalars.count)
        }
        return session.completions(line: line, cursor: cursor)
    }

    /// SIGINT without SA_RESTART: the blocked read in libedit returns, readline gives up the line.
    static func catchInterruptsAtPrompt() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in TerminalRepl.promptInterrupt.raise() }
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
