import AIKitScripting
import ArgumentParser
import Frames
import MarketData
import MarketFeeds

#if canImport(Glibc)
    import Glibc
#endif

/// `aikit fetch PROVIDER DATASET [SYMBOL…]`: provider data into the market store, each symbol in its own atomic
/// write, with where it came from recorded for `aikit update`.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch market data from a provider into the store (FMP, Yahoo, Stooq, FRED).",
        discussion: """
            Providers and datasets (`aikit fetch --list` shows them all):
              fmp prices SYMBOL…          daily bars (historical-price-eod/full; FMP_API_KEY)
              fmp sectors [SECTOR…]       historical sector performance (all 11 sectors by default; --exchange)
              fmp sector-snapshot         every sector on one date (--to, default today)
              fmp profile SYMBOL…         name, sector, industry, exchange, currency
              yahoo prices SYMBOL…        daily bars with adjusted close; splits and dividends as events
              stooq prices SYMBOL…        daily bars (NVDA is sent as nvda.us)
              fred series ID…             observations (DGS10, DEXCHUS, SP500; FRED_API_KEY)
            Keys come from the environment or from config.toml ([providers.fmp] api_key = "…"); they are never \
            printed. Answers are cached in $XDG_CACHE_HOME/aikit/http (--refresh ignores the cache). One failing \
            symbol does not stop the others; the exit status is 1 if any failed. Each provider's base URL can be \
            overridden with AIKIT_<PROVIDER>_BASE_URL.
            """)

    @Argument(help: "Provider: fmp, yahoo, stooq or fred.")
    var provider: String?

    @Argument(help: "Dataset: prices, sectors, sector-snapshot, profile (fmp), series (fred).")
    var dataset: String?

    @Argument(help: "Symbols, series ids or sectors.")
    var targets: [String] = []

    @Option(help: ArgumentHelp("First date (YYYY-MM-DD).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last date (YYYY-MM-DD).", valueName: "DATE"))
    var to: String?

    @Option(help: ArgumentHelp("Exchange for FMP's sector datasets (e.g. NASDAQ, NYSE).", valueName: "X"))
    var exchange: String?

    @Flag(help: "List the providers and their datasets.")
    var list = false

    @OptionGroup var options: FetchOptions

    func run() throws {
        if list {
            let format = options.format
            print(format.render(try FetchReporting.providerList()), terminator: format == .table ? "\n" : "")
            return
        }
        guard let provider, let dataset else {
            throw ValidationError("name a provider and a dataset, e.g. `aikit fetch fmp prices NVDA` (see --list)")
        }
        try FetchReporting.run(options) { fetcher in
            let range = FetchRange(
                from: try MarketFetching.date(from, option: "--from"),
                to: try MarketFetching.date(to, option: "--to"))
            let job = try fetcher.job(
                provider: provider, dataset: dataset, targets: targets, range: range,
                parameters: exchange.map { ["exchange": $0] } ?? [:], requireKey: !options.dryRun)
            return fetcher.run([job], dryRun: options.dryRun)
        }
    }
}

/// `aikit update`: every fetched symbol, series and sector, from the day after its last stored row to today, from
/// the provider it came from.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Fetch what is newer than the store's last rows, from the providers they came from.")

    @OptionGroup var options: FetchOptions

    func run() throws {
        try FetchReporting.run(options, update: true) { fetcher in
            if try fetcher.store.sources().isEmpty {
                Terminal.reportError(
                    "aikit: update: nothing in \(fetcher.store.location) was fetched from a provider; "
                        + "fill it with `aikit fetch PROVIDER DATASET SYMBOL…` first")
            }
            return try fetcher.update(dryRun: options.dryRun)
        }
    }
}

/// The options `fetch` and `update` share.
struct FetchOptions: ParsableArguments {
    @Flag(help: "Print the requests (keys redacted) instead of sending them.")
    var dryRun = false

    @Flag(help: "Ignore cached answers.")
    var refresh = false

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions
}

/// What `fetch` and `update` share: opening the store, the progress bar, the table, the failures on stderr.
enum FetchReporting {
    static func run(_ options: FetchOptions, update: Bool = false, fetch: (MarketFetcher) throws -> [FetchOutcome])
        throws
    {
        options.storeOptions.apply()
        let (format, dryRun) = (options.format, options.dryRun)
        let command = update ? "update" : "fetch"
        let outcomes: [FetchOutcome]
        let progress = ProgressBar()
        do {
            var settings = try MarketFetching.settings()
            settings.refresh = options.refresh
            let store = try MarketStores.open(StoreLocation.defaultPath())
            let fetcher = MarketFetcher(store: store, settings: settings)
            fetcher.progress = { done, total, label in
                if total > 1 { progress.update(label: label, done: Int64(done), total: Int64(total), unit: .count) }
            }
            outcomes = try fetch(fetcher)
            progress.finish()
        } catch {
            progress.finish()
            Terminal.reportError("aikit: \(command): \(error)")
            throw ExitCode(1)
        }
        if dryRun {
            for outcome in outcomes { print(outcome.message ?? "") }
            return
        }
        print(format.render(try MarketFetching.frame(outcomes)), terminator: format == .table ? "\n" : "")
        let failures = outcomes.filter(\.isFailure)
        let skipped = failures.filter { $0.status == .skipped }
        for failure in failures where failure.status == .failed {
            Terminal.reportError(
                "aikit: \(command): \(failure.provider) \(failure.target): \(failure.message ?? "failed")")
        }
        if let first = skipped.first {
            // One line for a provider that cannot be reached, not one per symbol.
            Terminal.reportError(
                "aikit: \(command): \(first.provider): \(first.message ?? "not tried")"
                    + (skipped.count > 1 ? " (\(skipped.count) requests not made)" : ""))
        }
        for empty in outcomes where empty.status == .empty {
            Terminal.reportError("aikit: \(command): \(empty.provider) \(empty.target): \(empty.message ?? "no rows")")
        }
        if format == .table {
            let added = outcomes.reduce(0) { $0 + ($1.report?.counts.inserted ?? 0) }
            let changed = outcomes.reduce(0) { $0 + ($1.report?.counts.updated ?? 0) }
            Terminal.standardError.write(
                "\(outcomes.count - failures.count) of \(outcomes.count) fetched: \(added) rows new, "
                    + "\(changed) changed\n")
        }
        if !failures.isEmpty || outcomes.contains(where: { $0.status == .empty }) { throw ExitCode(1) }
    }

    static func providerList() throws -> Frame {
        let providers = MarketProviders().all
        var rows: [(String, String, String, String, String)] = []
        for provider in providers {
            for dataset in provider.datasets {
                rows.append(
                    (provider.name, dataset.name, dataset.endpoint, provider.keyVariable ?? "", dataset.summary))
            }
        }
        return try Frame([
            ("provider", .text(rows.map(\.0))), ("dataset", .text(rows.map(\.1))), ("endpoint", .text(rows.map(\.2))),
            ("key", .text(rows.map(\.3))), ("what", .text(rows.map(\.4))),
        ])
    }
}
