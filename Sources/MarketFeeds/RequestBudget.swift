internal import FoundationEssentials
internal import MarketData
internal import SystemCalls

/// Each provider's rate limits: calls per minute (paced in this process) and calls per day (counted across
/// processes in `$XDG_STATE_HOME/aikit/http-calls.tsv`, by UTC day), so a loop of scripts cannot spend FMP's free
/// 250 calls without saying so. Cached answers cost nothing.
public final class RequestBudget: Sendable {
    public let countsFile: String?
    /// When each provider's latest call was made or is booked (threads fetching through this budget share it).
    private let lastCall = Locked<[String: Double]>([:])

    public init(countsFile: String?) { self.countsFile = countsFile }

    /// Waits until a call to `provider` keeps within `perMinute`, then counts it against `perDay`; throws when the
    /// day's calls are spent. Threads spending at once are paced one after another: each books its slot under the
    /// lock (after the slot booked last), then waits for it outside.
    func spend(
        _ provider: String, perMinute: Double?, perDay: Int?, now: () -> Double,
        sleep: (Double) -> Void
    ) throws(FetchError) {
        let wait = try lastCall.withLock { (lastCall) throws(FetchError) -> Double in
            try book(provider, perMinute: perMinute, perDay: perDay, now: now(), lastCall: &lastCall)
        }
        if wait > 0 { sleep(wait) }
    }

    /// The seconds to wait before the call, with its slot booked and counted.
    private func book(
        _ provider: String, perMinute: Double?, perDay: Int?, now: Double, lastCall: inout [String: Double]
    ) throws(FetchError) -> Double {
        if let perDay {
            let day = Self.day(now)
            let used = counts()[provider + "\t" + day] ?? 0
            guard used < perDay else {
                throw FetchError(
                    "\(provider): the day's \(perDay) calls are spent (counted in \(countsFile ?? "memory")); "
                        + "the count starts again at 00:00 UTC, or raise calls_per_day under [providers.\(provider)] "
                        + "in config.toml if your plan allows more")
            }
        }
        var wait = 0.0
        if let perMinute, perMinute > 0, let last = lastCall[provider] {
            wait = max(0, 60 / perMinute - (now - last))
        }
        lastCall[provider] = now + wait
        if perDay != nil { add(provider, Self.day(now + wait)) }
        return wait
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
