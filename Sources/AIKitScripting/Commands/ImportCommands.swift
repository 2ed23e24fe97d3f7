internal import Frames
internal import MarketData
internal import Redaction

/// The work of `aikit import FILE…`: bars, sector performance, series, securities and events into the default
/// market store, in one atomic write (the CLI parses and prints).
public enum ImportCommands {
    /// Imports `files` (a folder stands for its .csv, .json and .txt files); `progress` gets the file, the bytes read
    /// and the file's size. Throws when anything fails, and then nothing was imported.
    public static func importFiles(
        _ files: [String], symbol: String?, series: String?, interval: String?, skipBad: Bool,
        progress: @escaping @Sendable (_ file: String, _ done: Int64, _ total: Int64) -> Void
    ) throws -> CommandReport {
        let path = StoreLocation.defaultPath()
        var options = ImportOptions(symbol: symbol, series: series, interval: interval, skipBad: skipBad)
        options.progress = progress
        let store = try MarketStores.open(path)
        let imported = try MarketImporter(store: store, options: options).importFiles(files)
        var report = CommandReport(table: ResultTable(try frame(imported)))
        for note in imported.notes { report.messages.append(.note("aikit: \(note)")) }
        for file in imported.files where file.skippedCount > 0 {
            report.messages.append(.error("aikit: \(file.path): skipped \(file.skippedCount) bad row(s):"))
            for message in file.skipped { report.messages.append(.note("  \(message)")) }
            if file.skippedCount > file.skipped.count {
                report.messages.append(.note("  … and \(file.skippedCount - file.skipped.count) more"))
            }
        }
        let counts = imported.counts
        report.summary =
            "\(imported.rows) rows into \(Redaction.connection(path)): \(counts.inserted) new, "
            + "\(counts.updated) changed, \(counts.unchanged) unchanged"
        return report
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
