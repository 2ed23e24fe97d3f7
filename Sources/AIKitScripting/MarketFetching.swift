internal import FoundationEssentials
public import Frames
public import MarketFeeds

#if canImport(Glibc)
    import Glibc
#endif

/// The fetch settings `aikit fetch`, `aikit update` and `store:fetch` share: config.toml's `[providers.*]`, the
/// environment (keys, `AIKIT_<PROVIDER>_BASE_URL`), the response cache in `$XDG_CACHE_HOME/aikit/http`, and the
/// day's call counts in `$XDG_STATE_HOME/aikit/http-calls.tsv`.
public enum MarketFetching {
    /// `AIKIT_HTTP_TIMEOUT` (seconds) and `AIKIT_HTTP_BACKOFF` adjust the client for slow links (and the tests).
    public static func settings(config: PluginConfig? = nil) throws -> FetchSettings {
        let config = try config ?? PluginConfig.load()
        let environment = ProcessInfo.processInfo.environment
        var settings = FetchSettings(
            environment: environment, cache: ResponseCache(folder: AikitFolders.cache + "/http"),
            budget: RequestBudget(countsFile: AikitFolders.state + "/http-calls.tsv"))
        settings.providers = config.providers
        settings.client.userAgent = "aikit/\(AikitModule.version)"
        if let text = environment["AIKIT_HTTP_TIMEOUT"], let seconds = Double(text), seconds > 0 {
            settings.client.timeout = seconds
            settings.client.connectTimeout = min(settings.client.connectTimeout, seconds)
        }
        if let text = environment["AIKIT_HTTP_BACKOFF"], let seconds = Double(text), seconds >= 0 {
            settings.backoff = seconds
        }
        return settings
    }

    /// "2025-01-31" as a store time, or an error naming the option.
    public static func date(_ text: String?, option: String) throws(FetchError) -> Int64? {
        guard let text else { return nil }
        guard let time = MarketTime.parse(text) else {
            throw FetchError("\(option) '\(text.prefix(40))' is not a date (use YYYY-MM-DD)")
        }
        return time
    }

    /// The outcomes as a frame: target, provider, dataset, status, rows, inserted, updated, unchanged, from, to,
    /// cached, message.
    public static func frame(_ outcomes: [FetchOutcome]) throws -> Frame {
        try Frame([
            ("target", .text(outcomes.map(\.target))), ("provider", .text(outcomes.map(\.provider))),
            ("dataset", .text(outcomes.map(\.dataset))), ("status", .text(outcomes.map(\.status.rawValue))),
            ("rows", .int(outcomes.map { Int64($0.report?.rows ?? 0) })),
            ("inserted", .int(outcomes.map { Int64($0.report?.counts.inserted ?? 0) })),
            ("updated", .int(outcomes.map { Int64($0.report?.counts.updated ?? 0) })),
            ("unchanged", .int(outcomes.map { Int64($0.report?.counts.unchanged ?? 0) })),
            ("from", .time(outcomes.map { $0.report?.first ?? MarketTime.missing })),
            ("to", .time(outcomes.map { $0.report?.last ?? MarketTime.missing })),
            ("cached", .text(outcomes.map { $0.fromCache ? "yes" : "" })),
            ("message", .text(outcomes.map { $0.message ?? "" })),
        ])
    }
}
