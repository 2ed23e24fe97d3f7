import AIKitScripting
import ArgumentParser
import Compliance
import MarketData
import MarketFeeds
import PartyScreening

/// `aikit compliance fetch csl|opensanctions DATASET`: a public screening list into the store, with its own as-of
/// date, through the market providers' HTTP client, cache and error discipline.
struct ComplianceFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract:
            "Fetch a screening list into the store: the Consolidated Screening List, or an OpenSanctions dataset.",
        discussion: """
              csl                          the Consolidated Screening List's full JSON export (trade.gov, no key)
              opensanctions DATASET        an OpenSanctions dataset's FollowTheMoney entities (us_ofac_sdn, sanctions…)
            The list is checked by loading it first; it is stored (replacing the last fetch) only if it loads. Answers \
            are cached in $XDG_CACHE_HOME/aikit/http (--refresh ignores the cache). Base URLs: AIKIT_CSL_BASE_URL, \
            AIKIT_OPENSANCTIONS_BASE_URL.
            """)

    @Argument(help: "Source: csl or opensanctions.", completion: .list(["csl", "opensanctions"]))
    var source: String

    @Argument(help: "The OpenSanctions dataset (e.g. us_ofac_sdn).")
    var dataset: String?

    @OptionGroup var options: ComplianceFetchOptions

    func run() throws {
        options.storeOptions.apply()
        switch source.lowercased() {
        case "csl":
            if dataset != nil { throw ValidationError("csl takes no dataset: `aikit compliance fetch csl`") }
        case "opensanctions":
            guard let dataset else {
                throw ValidationError("name a dataset: `aikit compliance fetch opensanctions us_ofac_sdn`")
            }
            guard OpenSanctionsSource.isDatasetName(dataset) else {
                throw ValidationError(
                    "'\(dataset.prefix(40))' is not an OpenSanctions dataset name (lower-case letters, digits and "
                        + "_, e.g. us_ofac_sdn; see https://www.opensanctions.org/datasets/)")
            }
        default:
            throw ValidationError("unknown source '\(source.prefix(40))': use csl or opensanctions DATASET")
        }
        let stored: ComplianceFetching.Stored
        do {
            let fetcher = try ComplianceFetching.fetcher(store: StoreLocation.defaultPath(), refresh: options.refresh)
            stored =
                if let dataset {
                    try ComplianceFetching.fetchOpenSanctions(dataset, fetcher)
                } else {
                    try ComplianceFetching.fetchCSL(fetcher, today: .today)
                }
        } catch {
            Terminal.reportError("aikit: compliance fetch: \(error)")
            throw ExitCode(1)
        }
        print(
            options.format.render(try ComplianceListCommand.frame([stored.info])),
            terminator: options.format == .table ? "\n" : "")
        if options.format == .table {
            Terminal.standardError.write(
                "stored '\(stored.info.name)' as of \(stored.info.asOf?.description ?? "an unstated date")"
                    + (stored.cached ? " (from the cache; --refresh fetches it again)" : "") + "\n")
        }
    }
}

/// `aikit compliance news [--since DATE]`: what BIS has published in the Federal Register since the rules' as-of
/// date, so the analyst sees what the rule data does not know yet.
struct ComplianceNewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news",
        abstract: "BIS's Federal Register documents published after the rules' as-of date (or --since).",
        discussion: """
            Lists date, type, title, citation and link of every document the Bureau of Industry and Security \
            published in the Federal Register after the date (public documents API, no key; base URL: \
            AIKIT_FEDERALREGISTER_BASE_URL). The list is stored with the day it was fetched, so later answers past \
            the rules' as-of date say how many documents appeared since.
            """)

    @Option(
        help: ArgumentHelp(
            "List documents published after this date (default: the rules' as-of date).", valueName: "DATE"))
    var since: String?

    @OptionGroup var options: ComplianceFetchOptions

    func run() throws {
        options.storeOptions.apply()
        let day: CalendarDay?
        do { day = try since.map { try CalendarDay($0) } } catch {
            throw ValidationError("--since: \(error) (use YYYY-MM-DD)")
        }
        let news: ComplianceFetching.News
        do {
            let context = ScriptContext()
            context.dataSetStore = { StoreLocation.defaultPath() }
            let rulesAsOf = context.dataSets.filter { $0.kind == .rules }.compactMap(\.asOf).max()
            let fetcher = try ComplianceFetching.fetcher(store: StoreLocation.defaultPath(), refresh: options.refresh)
            news = try ComplianceFetching.news(since: day, rulesAsOf: rulesAsOf, fetcher, today: .today)
        } catch {
            Terminal.reportError("aikit: compliance news: \(error)")
            throw ExitCode(1)
        }
        let documents = news.documents
        let frame = try Frame([
            ("date", .text(documents.map(\.publicationDate.description))), ("type", .text(documents.map(\.type))),
            ("title", .text(documents.map(\.title))), ("citation", .text(documents.map { $0.citation ?? "" })),
            ("link", .text(documents.map(\.htmlURL))),
        ])
        print(options.format.render(frame), terminator: options.format == .table ? "\n" : "")
        if news.truncated {
            Terminal.reportError(
                "aikit: compliance news: more than \(news.pages) pages of documents; only the oldest are listed "
                    + "(give a later --since)")
        }
        if options.format == .table {
            Terminal.standardError.write(
                "\(documents.count) BIS document\(documents.count == 1 ? "" : "s") published after \(news.since)\n")
        }
    }
}

/// The options `compliance fetch` and `compliance news` share.
struct ComplianceFetchOptions: ParsableArguments {
    @Flag(help: "Ignore cached answers.")
    var refresh = false

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions
}
