/// When the running script's time limit (`--timeout`, a REPL entry's limit) runs out, for host functions that wait
/// on another process (`chart.report{pdf=}` waiting for Chromium): they stop waiting, and stop the process, at the
/// deadline rather than being ended by the watchdog with the process still running. One per process, like the
/// watchdog: `aikit` runs one script, or one REPL entry, at a time.
enum ScriptDeadline {
    nonisolated(unsafe) private static var deadline: ContinuousClock.Instant?

    /// Starts a limit of `seconds` from now (nil or not positive: none; past 30 years: 30 years, which `Duration`
    /// holds).
    static func start(_ seconds: Double?) {
        deadline = seconds.flatMap {
            $0 > 0 && $0.isFinite ? ContinuousClock.now.advanced(by: .seconds(min($0, 1e9))) : nil
        }
    }

    /// Seconds left before the deadline (at most `cap`), or `cap` when there is none.
    static func remaining(cap: Double) -> Double {
        guard let deadline else { return cap }
        return min(cap, ContinuousClock.now.duration(to: deadline) / .seconds(1))
    }
}
