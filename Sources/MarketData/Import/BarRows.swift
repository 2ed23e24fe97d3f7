/// Parses and checks the bar rows of a CSV file (the hot path of an import: no allocation per row).
struct BarRows {
    let path: String
    let layout: CSVLayout.Bars
    let header: [String]
    let options: ImportOptions
    let accumulator: BarAccumulator
    private var symbols = Set<String>()
    private var lastSymbolBytes: [UInt8] = []
    private var lastSymbol = ""
    private let fixedSymbol: String

    init(path: String, layout: CSVLayout.Bars, header: [String], options: ImportOptions, writer: any MarketWriter) {
        self.path = path
        self.layout = layout
        self.header = header
        self.options = options
        fixedSymbol = options.symbol ?? MarketImporter.symbol(fromFileName: path)
        accumulator = BarAccumulator(
            writer: writer, report: .init(path: path, format: layout.format, kind: "bars"),
            windowRows: options.windowRows, skipBad: options.skipBad,
            locate: { line, message in .row(path, Int(line), message) })
    }

    mutating func add(_ row: CSVReader.Row) throws(ImportError) {
        do {
            try parse(row)
        } catch let error {
            guard options.skipBad, case .row = error else { throw error }
            accumulator.skip(error.description)
        }
    }

    private mutating func parse(_ row: CSVReader.Row) throws(ImportError) {
        guard row.count == layout.columnCount else {
            throw .row(path, row.line, "\(row.count) fields, but the header has \(layout.columnCount)")
        }
        guard var time = MarketTime.parse(row[layout.date]) else {
            throw .row(path, row.line, "\(header[layout.date]): cannot read the date '\(row.excerpt(layout.date))' "
                + "(expected YYYY-MM-DD, YYYYMMDD or YYYY-MM-DD HH:MM:SS)")
        }
        if let index = layout.timeOfDay {
            guard let seconds = Self.timeOfDay(row[index]) else {
                throw .row(path, row.line, "\(header[index]): cannot read the time '\(row.excerpt(index))' (expected HHMMSS)")
            }
            time += seconds
        }
        let open = try number(row, layout.open)
        let high = try number(row, layout.high)
        let low = try number(row, layout.low)
        let close = try number(row, layout.close)
        let adjClose = try number(row, layout.adjClose)
        let volume = try number(row, layout.volume)
        if close.isNaN {
            if open.isNaN && high.isNaN && low.isNaN {
                accumulator.report.emptyRows += 1  // Yahoo's "null" rows: no trading data
                return
            }
            throw .row(path, row.line, "\(header[layout.close]) is missing while other prices are given")
        }
        if high < low {
            throw .row(path, row.line, "\(header[layout.high!]) \(high) is below \(header[layout.low!]) \(low)")
        }
        if volume < 0 { throw .row(path, row.line, "\(header[layout.volume!]) \(volume) is negative") }
        let symbol = try symbol(row)
        let interval = try interval(row, time: time)
        try accumulator.append(
            symbol: symbol, interval: interval, time: time, open: open, high: high, low: low, close: close,
            adjClose: adjClose, volume: volume, location: Int32(clamping: row.line))
    }

    private func number(_ row: CSVReader.Row, _ index: Int?) throws(ImportError) -> Double {
        guard let index else { return .nan }
        guard let value = NumberParsing.parse(row[index]), !value.isInfinite else {
            throw .row(path, row.line, "\(header[index]): '\(row.excerpt(index))' is not a number")
        }
        return value
    }

    private mutating func symbol(_ row: CSVReader.Row) throws(ImportError) -> String {
        guard let index = layout.symbol else { return fixedSymbol }
        let bytes = row[index]
        if bytes.elementsEqual(lastSymbolBytes) { return lastSymbol }
        let symbol = row.string(index).trimmingCharactersWhitespace()
        guard !symbol.isEmpty else { throw .row(path, row.line, "\(header[index]) is empty") }
        lastSymbolBytes = Array(bytes)
        lastSymbol = symbol
        symbols.insert(symbol)
        return symbol
    }

    private func interval(_ row: CSVReader.Row, time: Int64) throws(ImportError) -> String {
        if let interval = options.interval { return interval }
        if let index = layout.period {
            switch row.string(index).trimmingCharactersWhitespace().uppercased() {
            case "D", "1D", "": return "1d"
            case "W", "1W": return "1w"
            case "M", "1MO": return "1mo"
            case let minutes where Int(minutes) != nil: return "\(minutes)m"
            case let other: throw .row(path, row.line, "\(header[index]): unknown period '\(other)' (D, W, M or minutes)")
            }
        }
        return time % MarketTime.day == 0 ? "1d" : "intraday"
    }

    /// HHMMSS (Stooq bulk's <TIME>) as seconds.
    static func timeOfDay(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count == 6, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        func pair(_ at: Int) -> Int64 { Int64(bytes[at] - 48) * 10 + Int64(bytes[at + 1] - 48) }
        guard pair(0) < 24, pair(2) < 60, pair(4) < 61 else { return nil }
        return pair(0) * 3600 + pair(2) * 60 + pair(4)
    }

    mutating func finish() throws(ImportError) -> ImportReport.File {
        try accumulator.flush()
        var report = accumulator.report
        report.symbols = layout.symbol == nil ? (report.rows > 0 ? [fixedSymbol] : []) : symbols.sorted()
        if report.rows == 0 && report.skippedCount == 0 && report.emptyRows == 0 {
            throw .file(path, "no data rows after the header")
        }
        try registerSecurities(report.symbols)
        return report
    }

    private func registerSecurities(_ names: [String]) throws(ImportError) {
        do {
            for name in names {
                try accumulator.writer.upsert(Security(symbol: name, kind: Security.guessedKind(name)), overwrite: false)
            }
        } catch { throw .store(error) }
    }
}
