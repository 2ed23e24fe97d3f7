import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress bar on standard error, drawn only on a terminal and at most ten times a second.
/// Threads may share it (a fetch's progress callback): drawing is serialised by a lock.
final class ProgressBar: Sendable {
    private let enabled: Bool
    /// When the bar was last drawn, and whether it is on screen.
    private let state = Locked<(lastDraw: ContinuousClock.Instant?, drawn: Bool)>((nil, false))

    init() { enabled = isatty(STDERR_FILENO) != 0 && getenv("AIKIT_NO_PROGRESS") == nil }

    /// What the bar counts: bytes of a file, or items (symbols of a fetch).
    enum Unit { case bytes, count }

    func update(label: String, done: Int64, total: Int64, unit: Unit = .bytes) {
        guard enabled, total > 0 else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            guard state.lastDraw.map({ $0.duration(to: now) >= .milliseconds(100) }) ?? true || done >= total
            else { return }
            state.lastDraw = now
            draw(label: label, done: done, total: total, unit: unit)
            state.drawn = true
        }
    }

    private func draw(label: String, done: Int64, total: Int64, unit: Unit) {
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let amount = unit == .bytes ? "\(Self.bytes(done)) / \(Self.bytes(total))" : "\(done) / \(total)"
        let line = "\r\(bar) \(Int(fraction * 100))%  \(amount)  \(label.suffix(40))"
        Terminal.standardError.write(line + "\u{1B}[K")
    }

    func finish() {
        state.withLock { state in
            if state.drawn { Terminal.standardError.write("\r\u{1B}[K") }
            state.drawn = false
        }
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : "\((value * 10).rounded() / 10) \(units[unit])"
    }
}
