import AIKitScripting
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `aikit import FILE...`: bars, sector performance, series, securities and events into the market store, in one
/// atomic write.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import market data files into the store (all or nothing).",
        discussion: """
            Formats are detected from the content: Yahoo CSV, Stooq CSV and bulk files, long CSV with a Ticker or \
            Symbol column, FMP JSON (historical-price-eod, historical-price-full, historical-sector-performance and \
            the legacy historical-sectors-performance, profile), Yahoo chart JSON, FRED observations JSON, and CSVs of securities, series (Date,Value) and events \
            (Date,Title,Tags,Source). Importing the same file again changes nothing.
            """)

    @Argument(
        help: "Files to import; a folder stands for its .csv, .json and .txt files (the bundled sample's, say).",
        completion: .file())
    var files: [String]

    @Option(help: ArgumentHelp("Symbol of a single-symbol file (default: from the file name).", valueName: "S"))
    var symbol: String?

    @Option(
        help: ArgumentHelp(
            "Bar interval to record (1d, 1h, 5m …; default 1d, or intraday for timed bars).",
            valueName: "I"))
    var interval: String?

    @Option(help: ArgumentHelp("Series id of a Date,Value file (default: from the file name).", valueName: "ID"))
    var series: String?

    @Flag(help: "Report and skip bad rows instead of rejecting the import.")
    var skipBad = false

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        storeOptions.apply()
        let progress = ProgressBar()
        let report: CommandReport
        do {
            report = try ImportCommands.importFiles(
                files, symbol: symbol, series: series, interval: interval, skipBad: skipBad
            ) { file, done, total in
                if total > 8_000_000 { progress.update(label: file, done: done, total: total) }
            }
            progress.finish()
        } catch {
            progress.finish()
            Terminal.reportError("aikit: import: \(error); nothing was imported")
            throw ExitCode(1)
        }
        try Terminal.print(report, format: format)
    }
}
