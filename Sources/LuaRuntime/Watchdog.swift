internal import CLuaShims

/// The last resort behind the time limits: the count hook stops Lua code at its deadline, but Lua runs finalizers
/// and error handlers with hooks off, and host functions and `lua_close` run outside any hook. The watchdog ends the
/// process with the limit's message and exit status if a deadline passes by more than a grace period.
public enum Watchdog {
    /// How long past a limit the watchdog waits for the hook to stop the script itself: a quarter of the limit,
    /// at least one second.
    public static func grace(for seconds: Double) -> Double { max(1, seconds / 4) }

    /// Runs `body` guarded: if it is still running `seconds` plus the grace period from now, the process prints
    /// `message` and exits with `status`. No limit (nil) runs `body` unguarded.
    public static func guarding<T>(
        seconds: Double?, message: @autoclosure () -> String, status: Int32 = 1,
        _ body: () throws -> T
    ) rethrows -> T {
        guard let seconds, seconds > 0, seconds.isFinite else { return try body() }
        let deadline = aikit_monotonic_seconds() + seconds + grace(for: seconds)
        let token = aikit_watchdog_arm(deadline, message(), status)
        defer { aikit_watchdog_disarm(token) }
        return try body()
    }

    /// The message for a time limit the watchdog had to enforce.
    public static func timeLimitMessage(_ seconds: Double, who: String = "script") -> String {
        "aikit: \(who) exceeded its \(LuaState.limitText(seconds)) s time limit and was stopped by the watchdog "
            + "(it was in code Lua cannot interrupt: a finalizer, an error handler, closing the state or a host function)"
    }
}

extension LuaState {
    /// A limit's number as a user writes it (seconds, megabytes): integral values without ".0".
    package static func limitText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
