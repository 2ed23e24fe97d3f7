#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress bar on standard error, drawn only on a terminal and at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private var lastDraw: Double = 0
    private var drawn = false

    init() { enabled = isatty(STDERR_FILENO) != 0 && getenv("AIKIT_NO_PROGRESS") == nil }

    /// What the bar counts: bytes of a file, or items (symbols of a fetch).
    enum Unit { case bytes, count }

    func update(label: String, done: Int64, total: Int64, unit: Unit = .bytes) {
        guard enabled, total > 0 else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        guard seconds - lastDraw >= 0.1 || done >= total else { return }
        lastDraw = seconds
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let amount = unit == .bytes ? "\(Self.bytes(done)) / \(Self.bytes(total))" : "\(done) / \(total)"
        let line = "\r\(bar) \(Int(fraction * 100))%  \(amount)  \(label.suffix(40))"
        Terminal.standardError.write(line + "\u{1B}[K")
        drawn = true
    }

    func finish() {
        if drawn { Terminal.standardError.write("\r\u{1B}[K") }
        drawn = false
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
