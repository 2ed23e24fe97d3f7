internal import FoundationEssentials
internal import Frames

/// Each provider's rate limits: calls per minute (paced in this process) and calls per day (counted across
/// processes in `$XDG_STATE_HOME/aikit/http-calls.tsv`, by UTC day), so a loop of scripts cannot spend FMP's free
/// 250 calls without saying so. Cached answers cost nothing.
public final class RequestBudget: @unchecked Sendable {
    public let countsFile: String?
    private var lastCall: [String: Double] = [:]

    public init(countsFile: String?) { self.countsFile = countsFile }

    /// Waits until a call to `provider` keeps within `perMinute`, then counts it against `perDay`; throws when the
    /// day's calls are spent.
    func spend(
        _ provider: String, perMinute: Double?, perDay: Int?, now: () -> Double,
        sleep: (Double) -> Void
    ) throws(FetchError) {
        if let perDay {
            let day = Self.day(now())
            let used = counts()[provider + "\t" + day] ?? 0
            guard used < perDay else {
                throw FetchError(
                    "\(provider): the day's \(perDay) calls are spent (counted in \(countsFile ?? "memory")); "
                        + "the count starts again at 00:00 UTC, or raise calls_per_day under [providers.\(provider)] "
                        + "in config.toml if your plan allows more")
            }
        }
        if let perMinute, perMinute > 0, let last = lastCall[provider] {
            let wait = 60 / perMinute - (now() - last)
            if wait > 0 { sleep(wait) }
        }
        lastCall[provider] = now()
        if perDay != nil { add(provider, Self.day(now())) }
    }

    private static func day(_ seconds: Double) -> String {
        let days = Int64((seconds / 86_400).rounded(.down))
        return MarketTime.formatDate(days * MarketTime.day)
    }

    private func counts() -> [String: Int] {
        guard let countsFile, let text = try? String(contentsOfFile: countsFile, encoding: .utf8) else { return [:] }
        var result: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let count = Int(fields[2]) else { continue }
            result["\(fields[0])\t\(fields[1])"] = count
        }
        return result
    }

    private func add(_ provider: String, _ day: String) {
        guard let countsFile else { return }
        var counts = counts().filter { $0.key.hasSuffix("\t" + day) }  // older days are dropped
        counts[provider + "\t" + day, default: 0] += 1
        let text = counts.keys.sorted().map { "\($0)\t\(counts[$0]!)\n" }.joined()
        let folder = countsFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
            separator: "/")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? text.write(toFile: countsFile, atomically: true, encoding: .utf8)
    }
}
