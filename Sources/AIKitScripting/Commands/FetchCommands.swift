public import Frames
internal import MarketData
public import MarketFeeds

/// The work of `aikit fetch` and `aikit update` (the CLI parses and prints; this opens the default store, fetches
/// with `FetchSettings.configured()` and says what happened), and the outcome table `store:fetch` returns too.
public enum FetchCommands {
    /// Progress of a fetch: the current target, how many are done and how many there are.
    public typealias Progress = (_ label: String, _ done: Int, _ total: Int) -> Void

    /// `aikit fetch PROVIDER DATASET [TARGET…]`.
    public static func fetch(
        provider: String, dataset: String, targets: [String], from: String?, to: String?, exchange: String?,
        dryRun: Bool, refresh: Bool, progress: @escaping Progress
    ) throws -> CommandReport {
        try run(command: "fetch", dryRun: dryRun, refresh: refresh, progress: progress) { fetcher in
            let range = FetchRange(from: try date(from, option: "--from"), to: try date(to, option: "--to"))
            let job = try fetcher.job(
                provider: provider, dataset: dataset, targets: targets, range: range,
                parameters: exchange.map { ["exchange": $0] } ?? [:], requireKey: !dryRun)
            return ([], fetcher.run([job], dryRun: dryRun))
        }
    }

    /// `aikit update`: every fetched symbol, series and sector, from the day after its last stored row to today.
    public static func update(dryRun: Bool, refresh: Bool, progress: @escaping Progress) throws -> CommandReport {
        try run(command: "update", dryRun: dryRun, refresh: refresh, progress: progress) { fetcher in
            var messages: [CommandReport.Message] = []
            if try fetcher.store.sources().isEmpty {
                messages.append(
                    .error(
                        "aikit: update: nothing in \(fetcher.store.location) was fetched from a provider; "
                            + "fill it with `aikit fetch PROVIDER DATASET SYMBOL…` first"))
            }
            return (messages, try fetcher.update(dryRun: dryRun))
        }
    }

    /// `aikit fetch --list`: every provider's datasets, endpoints and key variables.
    public static func providerList() throws -> ResultTable {
        var rows: [(String, String, String, String, String)] = []
        for provider in MarketProviders().all {
            for dataset in provider.datasets {
                rows.append(
                    (provider.name, dataset.name, dataset.endpoint, provider.keyVariable ?? "", dataset.summary))
            }
        }
        return try ResultTable(textColumns: [
            ("provider", rows.map(\.0)), ("dataset", rows.map(\.1)), ("endpoint", rows.map(\.2)),
            ("key", rows.map(\.3)), ("what", rows.map(\.4)),
        ])
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

    /// "2025-01-31" as a store time, or an error naming the option.
    static func date(_ text: String?, option: String) throws(FetchError) -> Int64? {
        guard let text else { return nil }
        guard let time = MarketTime.parse(text) else {
            throw FetchError("\(option) '\(text.prefix(40))' is not a date (use YYYY-MM-DD)")
        }
        return time
    }

    /// What `fetch` and `update` share: opening the store, the progress, the table, the failures as messages.
    private static func run(
        command: String, dryRun: Bool, refresh: Bool, progress: @escaping Progress,
        fetch: (MarketFetcher) throws -> ([CommandReport.Message], [FetchOutcome])
    ) throws -> CommandReport {
        var settings = try FetchSettings.configured()
        settings.refresh = refresh
        let store = try MarketStores.open(StoreLocation.defaultPath())
        let fetcher = MarketFetcher(store: store, settings: settings)
        fetcher.progress = { done, total, label in progress(label, done, total) }
        let (messages, outcomes) = try fetch(fetcher)
        if dryRun {
            var report = CommandReport(table: nil)
            report.messages = messages
            report.lines = outcomes.map { $0.message ?? "" }
            return report
        }
        var report = CommandReport(table: ResultTable(try frame(outcomes)))
        report.messages = messages
        let failures = outcomes.filter(\.isFailure)
        let skipped = failures.filter { $0.status == .skipped }
        for failure in failures where failure.status == .failed {
            report.messages.append(
                .error("aikit: \(command): \(failure.provider) \(failure.target): \(failure.message ?? "failed")"))
        }
        if let first = skipped.first {
            // One line for a provider that cannot be reached, not one per symbol.
            report.messages.append(
                .error(
                    "aikit: \(command): \(first.provider): \(first.message ?? "not tried")"
                        + (skipped.count > 1 ? " (\(skipped.count) requests not made)" : "")))
        }
        for empty in outcomes where empty.status == .empty {
            report.messages.append(
                .error("aikit: \(command): \(empty.provider) \(empty.target): \(empty.message ?? "no rows")"))
        }
        let added = outcomes.reduce(0) { $0 + ($1.report?.counts.inserted ?? 0) }
        let changed = outcomes.reduce(0) { $0 + ($1.report?.counts.updated ?? 0) }
        report.summary =
            "\(outcomes.count - failures.count) of \(outcomes.count) fetched: \(added) rows new, \(changed) changed"
        report.failed = !failures.isEmpty || outcomes.contains(where: { $0.status == .empty })
        return report
    }
}
