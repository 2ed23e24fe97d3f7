/// An error that came out of Lua: a script that failed to compile or to run, or a limit that stopped it.
///
/// `message` is the error as Lua reported it (`file:line: what`); `traceback` holds the stack traceback the message
/// handler added, when the call asked for one.
public struct LuaError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The chunk did not compile (`LUA_ERRSYNTAX`).
        case syntax
        /// A runtime error (`LUA_ERRRUN`), including errors raised by host functions.
        case runtime
        /// An allocation failed (`LUA_ERRMEM`), usually because of the memory limit.
        case memory
        /// The time limit passed.
        case timeout
        /// Ctrl-C (SIGINT) interrupted the chunk.
        case interrupted
        /// The file could not be opened or read (`LUA_ERRFILE`).
        case file
        /// The message handler itself failed (`LUA_ERRERR`).
        case handler
    }

    public let kind: Kind
    /// The first line of the error as Lua reported it.
    public let message: String
    /// The traceback below the message, if the call collected one ("stack traceback:\n...").
    public let traceback: String?

    public init(kind: Kind, message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }

    public var description: String { message }

    /// The message followed by its traceback, as the `lua` interpreter prints it.
    public var fullDescription: String {
        guard let traceback, !traceback.isEmpty else { return message }
        return message + "\n" + traceback
    }
}

/// Thrown by a host function for a bad argument; raised in Lua as
/// `bad argument #2 to 'cost.training' (number expected, got string)`.
public struct LuaArgumentError: Error, Sendable {
    /// 1-based, counting the arguments as the Lua caller wrote them.
    public let index: Int32
    public let message: String

    public init(_ index: Int32, _ message: String) {
        self.index = index
        self.message = message
    }
}

/// Thrown by a host function to raise a plain Lua error; the caller's `file:line:` is prefixed.
public struct LuaScriptError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
