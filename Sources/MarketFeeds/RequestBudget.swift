internal import FoundationEssentials
internal import Frames
internal import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// Each provider's rate limits: calls per minute (paced in this process) and calls per day (counted across
/// processes in `$XDG_STATE_HOME/aikit/http-calls.tsv`, by UTC day), so a loop of scripts cannot spend FMP's free
/// 250 calls without saying so. Cached answers cost nothing.
///
/// The day's counts are read, checked, raised and written back under an exclusive `flock(2)` on `FILE.lock`, so
/// processes (and threads, each with its own descriptor) that fetch at once lose no count; the file is replaced by
/// rename, so a reader never sees half of it. A count that cannot be written does not stop the fetch (the provider
/// still enforces its own limit) but is reported once on stderr, with the path and the system's reason.
///
/// Threads fetching through one budget share its pacing: each call books its slot ("last slot + pace") under the
/// lock and sleeps outside it, so they go out one after another rather than together.
public final class RequestBudget: Sendable {
    public let countsFile: String?
    /// When each provider's latest call was made or is booked.
    private let lastCall = Locked<[String: Double]>([:])
    /// Where a failure to record the counts is reported (stderr unless a caller collects it), and whether it has been.
    private let warning: Locked<(warn: @Sendable (String) -> Void, warned: Bool)>

    public init(countsFile: String?) {
        self.countsFile = countsFile
        warning = Locked((warn: Self.standardError, warned: false))
    }

    /// Where a failure to record the counts is reported; stderr by default.
    public var warn: @Sendable (String) -> Void {
        get { warning.withLock { $0.warn } }
        set { warning.withLock { $0.warn = newValue } }
    }

    private static let standardError: @Sendable (String) -> Void = { message in
        let line = Array(("aikit: warning: " + message + "\n").utf8)
        _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Books a call to `provider` at the first slot within `perMinute`, counts it against `perDay`, then waits for
    /// the slot; throws when the day's calls are spent, and then nothing stays booked.
    func spend(
        _ provider: String, perMinute: Double?, perDay: Int?, now: () -> Double,
        sleep: (Double) -> Void
    ) throws(FetchError) {
        let time = now()
        let (wait, previous) = lastCall.withLock { lastCall -> (Double, Double?) in
            let previous = lastCall[provider]
            var wait = 0.0
            if let perMinute, perMinute > 0, let previous { wait = max(0, 60 / perMinute - (time - previous)) }
            lastCall[provider] = time + wait
            return (wait, previous)
        }
        if let perDay {
            do {
                try count(provider + "\t" + Self.day(time + wait), provider: provider, perDay: perDay)
            } catch {
                lastCall.withLock { lastCall in
                    if lastCall[provider] == time + wait { lastCall[provider] = previous }
                }
                throw error
            }
        }
        if wait > 0 { sleep(wait) }
    }

    private static func day(_ seconds: Double) -> String {
        let days = Int64((seconds / 86_400).rounded(.down))
        return MarketTime.formatDate(days * MarketTime.day)
    }

    /// Raises the count under `key` ("provider\tday") by one, or throws when it has reached `perDay`; counts of
    /// older days are dropped. Holds the lock from the read to the rename.
    private func count(_ key: String, provider: String, perDay: Int) throws(FetchError) {
        guard let countsFile else { return }
        let folder = countsFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
            separator: "/")
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let lock = Glibc.open(countsFile + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            let code = errno
            return report(countsFile + ".lock", code)
        }
        defer { _ = Glibc.close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            let code = errno
            if code != EINTR { return report(countsFile + ".lock", code) }
        }
        var counts = Self.read(countsFile)
        let used = counts[key] ?? 0
        guard used < perDay else {
            throw FetchError(
                "\(provider): the day's \(perDay) calls are spent (counted in \(countsFile)); "
                    + "the count starts again at 00:00 UTC, or raise calls_per_day under [providers.\(provider)] "
                    + "in config.toml if your plan allows more")
        }
        let day = key.split(separator: "\t").last.map { "\t" + $0 } ?? ""
        counts = counts.filter { $0.key.hasSuffix(day) }
        counts[key] = used + 1
        let text = counts.keys.sorted().map { "\($0)\t\(counts[$0]!)\n" }.joined()
        if let (path, code) = Self.replace(countsFile, with: Array(text.utf8)) { report(path, code) }
    }

    private static func read(_ countsFile: String) -> [String: Int] {
        guard let text = try? String(contentsOfFile: countsFile, encoding: .utf8) else { return [:] }
        var result: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let count = Int(fields[2]) else { continue }
            result["\(fields[0])\t\(fields[1])"] = count
        }
        return result
    }

    /// Writes `bytes` to `FILE.tmp` and renames it over `path`; the path and errno of the step that failed, or nil.
    private static func replace(_ path: String, with bytes: [UInt8]) -> (String, Int32)? {
        let temporary = path + ".tmp"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return (temporary, errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                _ = Glibc.close(fd)
                unlink(temporary)
                return (temporary, code)
            }
            written += result
        }
        if Glibc.close(fd) != 0 || Glibc.rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            return (path, code)
        }
        return nil
    }

    private func report(_ path: String, _ code: Int32) {
        let warn = warning.withLock { state -> (@Sendable (String) -> Void)? in
            defer { state.warned = true }
            return state.warned ? nil : state.warn
        }
        warn?(
            "cannot record provider calls in \(path): \(String(cString: strerror(code))) (errno \(code)); "
                + "calls_per_day is not counted across runs until that folder is writable "
                + "(XDG_STATE_HOME moves it)")
    }
}
