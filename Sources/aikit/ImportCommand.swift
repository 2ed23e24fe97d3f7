import AIKitScripting
import ArgumentParser
import MarketData
import TextMatching

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
        let path = StoreLocation.defaultPath()
        let progress = ProgressBar()
        var options = ImportOptions(symbol: symbol, series: series, interval: interval, skipBad: skipBad)
        options.progress = { file, done, total in
            if total > 8_000_000 { progress.update(label: file, done: done, total: total) }
        }
        let report: ImportReport
        do {
            let store = try MarketStores.open(path)
            report = try MarketImporter(store: store, options: options).importFiles(files)
            progress.finish()
        } catch {
            progress.finish()
            Terminal.reportError("aikit: import: \(error); nothing was imported")
            throw ExitCode(1)
        }
        print(format.render(try Self.frame(report)), terminator: format == .table ? "\n" : "")
        for note in report.notes { Terminal.standardError.write("aikit: \(note)\n") }
        for file in report.files where file.skippedCount > 0 {
            Terminal.reportError("aikit: \(file.path): skipped \(file.skippedCount) bad row(s):")
            for message in file.skipped { Terminal.standardError.write("  \(message)\n") }
            if file.skippedCount > file.skipped.count {
                Terminal.standardError.write("  … and \(file.skippedCount - file.skipped.count) more\n")
            }
        }
        if format == .table {
            let counts = report.counts
            Terminal.standardError.write(
                "\(report.rows) rows into \(Redaction.connection(path)): \(counts.inserted) new, \(counts.updated) changed, "
                    + "\(counts.unchanged) unchanged\n")
        }
    }

    static func frame(_ report: ImportReport) throws -> Frame {
        let files = report.files
        return try Frame([
            ("file", .text(files.map(\.path))), ("format", .text(files.map(\.format))),
            ("kind", .text(files.map(\.kind))),
            ("rows", .int(files.map { Int64($0.rows) })), ("inserted", .int(files.map { Int64($0.counts.inserted) })),
            ("updated", .int(files.map { Int64($0.counts.updated) })),
            ("unchanged", .int(files.map { Int64($0.counts.unchanged) })),
            ("skipped", .int(files.map { Int64($0.skippedCount) })),
            (
                "symbols",
                .text(
                    files.map {
                        $0.symbols.count <= 4
                            ? $0.symbols.joined(separator: " ")
                            : $0.symbols.prefix(3).joined(separator: " ") + " … (\($0.symbols.count))"
                    })
            ),
            ("from", .time(files.map { $0.first ?? MarketTime.missing })),
            ("to", .time(files.map { $0.last ?? MarketTime.missing })),
        ])
    }
}
