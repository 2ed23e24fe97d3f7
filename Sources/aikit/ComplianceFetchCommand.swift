import AIKitScripting
import ArgumentParser

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
            guard ComplianceCommands.isOpenSanctionsDataset(dataset) else {
                throw ValidationError(
                    "'\(dataset.prefix(40))' is not an OpenSanctions dataset name (lower-case letters, digits and "
                        + "_, e.g. us_ofac_sdn; see https://www.opensanctions.org/datasets/)")
            }
        default:
            throw ValidationError("unknown source '\(source.prefix(40))': use csl or opensanctions DATASET")
        }
        try Self.report("compliance fetch", options) {
            try ComplianceCommands.fetch(openSanctions: dataset, refresh: options.refresh)
        }
    }

    /// Runs a fetch, reporting a failure as `aikit: COMMAND: …` (exit status 1), and prints its report.
    static func report(_ command: String, _ options: ComplianceFetchOptions, _ body: () throws -> CommandReport)
        throws
    {
        let report: CommandReport
        do {
            report = try body()
        } catch let error as CommandUsageError {
            throw ValidationError(error.description)
        } catch {
            Terminal.reportError("aikit: \(command): \(error)")
            throw ExitCode(1)
        }
        try Terminal.print(report, format: options.format)
    }
}

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
        try ComplianceFetchCommand.report("compliance news", options) {
            try ComplianceCommands.news(since: since, refresh: options.refresh)
        }
    }
}

struct ComplianceFetchOptions: ParsableArguments {
    @Flag(help: "Ignore cached answers.")
    var refresh = false

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions
}
