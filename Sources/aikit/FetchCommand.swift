import AIKitScripting
import ArgumentParser

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
            print(format.render(try FetchCommands.providerList()), terminator: format == .table ? "\n" : "")
            return
        }
        guard let provider, let dataset else {
            throw ValidationError("name a provider and a dataset, e.g. `aikit fetch fmp prices NVDA` (see --list)")
        }
        try FetchReporting.run(options, command: "fetch") { progress in
            try FetchCommands.fetch(
                provider: provider, dataset: dataset, targets: targets, from: from, to: to, exchange: exchange,
                dryRun: options.dryRun, refresh: options.refresh, progress: progress)
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
        try FetchReporting.run(options, command: "update") { progress in
            try FetchCommands.update(dryRun: options.dryRun, refresh: options.refresh, progress: progress)
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

/// What `fetch` and `update` share: the store option, the progress bar, printing the report.
enum FetchReporting {
    static func run(
        _ options: FetchOptions, command: String,
        fetch: (@escaping FetchCommands.Progress) throws -> CommandReport
    ) throws {
        options.storeOptions.apply()
        let progress = ProgressBar()
        let report: CommandReport
        do {
            report = try fetch { label, done, total in
                if total > 1 { progress.update(label: label, done: Int64(done), total: Int64(total), unit: .count) }
            }
            progress.finish()
        } catch {
            progress.finish()
            Terminal.reportError("aikit: \(command): \(error)")
            throw ExitCode(1)
        }
        try Terminal.print(report, format: options.format)
    }
}
