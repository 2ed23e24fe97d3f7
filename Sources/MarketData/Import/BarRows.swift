internal import CSV

/// The bar rows of one CSV file: parsed into chunks (sequentially, or in parallel for large unquoted files) and
/// handed to the accumulator in file order.
struct BarRows {
    static let chunkRows = 1 << 16

    let path: String
    let layout: CSVLayout.Bars
    let options: ImportOptions
    let accumulator: BarAccumulator
    private var parser: BarRowParser
    private let chunk = ParsedChunk()

    init(path: String, layout: CSVLayout.Bars, header: [String], options: ImportOptions, writer: any MarketWriter) {
        self.path = path
        self.layout = layout
        self.options = options
        parser = BarRowParser(path: path, layout: layout, header: header, options: options)
        accumulator = BarAccumulator(
            writer: writer, report: .init(path: path, format: layout.format, kind: "bars"),
            windowRows: options.windowRows, skipBad: options.skipBad,
            locate: { line, message in .row(path, Int(line), message) })
    }

    mutating func add(_ row: CSVReader.Row) throws(ImportError) {
        do {
            try parser.parse(row, into: chunk)
        } catch let error {
            guard options.skipBad, error.kind == .row else { throw error }
            accumulator.skip(error.description)
        }
        if chunk.count >= min(Self.chunkRows, options.windowRows) {
            try accumulator.append(chunk)
            chunk.reset()
        }
    }

    /// Parses the rest of the file from `offset` (line `line`) on several threads.
    mutating func addInParallel(from offset: Int64, line: Int, threads: Int) throws(ImportError) {
        try ParallelBarReader(
            path: path, parser: parser, skipBad: options.skipBad, threads: threads,
            progress: options.progress, roundBytes: options.parallelRoundBytes
        )
        .run(from: offset, line: line, into: accumulator)
    }

    mutating func finish() throws(ImportError) -> ImportReport.File {
        try accumulator.append(chunk)
        chunk.reset()
        try accumulator.flush()
        var report = accumulator.report
        report.symbols = accumulator.symbols.sorted()
        if report.rows == 0 && report.skippedCount == 0 && report.emptyRows == 0 {
            throw .file(path, "no data rows after the header")
        }
        do {
            for name in report.symbols {
                try accumulator.writer.upsert(
                    Security(symbol: name, kind: Security.guessedKind(name)), overwrite: false)
            }
        } catch { throw .store(error) }
        return report
    }
}
