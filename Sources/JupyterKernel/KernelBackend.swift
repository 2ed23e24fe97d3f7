public import JSONValue

/// A MIME bundle: `text/plain`, `text/html`, `image/svg+xml`… → the representation.
public typealias MIMEBundle = [String: String]

/// Where a running cell's output goes, in order: stream text and rich displays (the server adds the parent header).
public protocol KernelOutput: AnyObject {
    func stream(_ name: String, _ text: String)
    func display(_ bundle: MIMEBundle)
    /// The line the user types in answer to `prompt` (the frontend's input box), or nil when the frontend takes no
    /// input (`allow_stdin` false) or when `cancelled`, asked while waiting, turns true (an interrupt, a time limit).
    func input(prompt: String, password: Bool, cancelled: () -> Bool) -> String?
}

/// How a cell ended.
public enum ExecutionOutcome {
    case ok(result: MIMEBundle?)
    /// `name` (e.g. "runtime error"), the message, and the traceback lines.
    case error(name: String, value: String, traceback: [String])
}

public enum CompletenessStatus: String {
    case complete, incomplete, invalid, unknown
}

/// The language side of a kernel: the server speaks the protocol, the backend runs code. Called on the shell thread,
/// except `interrupt`, which the control channel may call at any time.
public protocol KernelBackend: AnyObject {
    var languageInfo: JSONValue { get }
    var implementationVersion: String { get }
    var banner: String { get }
    func execute(_ code: String, output: any KernelOutput) -> ExecutionOutcome
    /// Candidates replacing the text from `start` to `end` (code-point offsets in `code`) at `cursor`.
    func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int)
    /// Help for the name at `cursor`, nil when there is none.
    func inspect(_ code: String, cursor: Int, detail: Int) -> MIMEBundle?
    func isComplete(_ code: String) -> CompletenessStatus
    /// Makes a running `execute` stop soon with an error (thread-safe).
    func interrupt()
}
