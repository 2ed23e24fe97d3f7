internal import CSV
internal import Frames

/// Parses and checks one CSV bar row at a time into a `ParsedChunk` (the hot path of an import: no allocation per
/// row). Each parsing thread has its own parser; it only reads the shared layout.
struct BarRowParser {
    let path: String
    let layout: CSVLayout.Bars
    let header: [String]
    let interval: String?
    let fixedSymbol: String
    /// What is wrong with `fixedSymbol` (from --symbol or the file name), reported at the first row that needs it.
    private var fixedSymbolProblem: String?
    private var lastSymbolBytes: [UInt8] = []
    private var lastSymbol = ""

    init(path: String, layout: CSVLayout.Bars, header: [String], options: ImportOptions) {
        self.path = path
        self.layout = layout
        self.header = header
        interval = options.interval
        let symbol = options.symbol ?? MarketImporter.symbol(fromFileName: path)
        fixedSymbol = symbol
        do { _ = try ImportChecks.name(symbol, field: "the symbol") } catch {
            fixedSymbolProblem = "\(error.message) (give one with --symbol)"
        }
    }

    mutating func parse(_ row: CSVReader.Row, into chunk: ParsedChunk) throws(ImportError) {
        guard row.count == layout.columnCount else {
            throw .row(path, row.line, "\(row.count) fields, but the header has \(layout.columnCount)")
        }
        guard var time = MarketTime.parse(row[layout.date]) else {
            throw .row(
                path, row.line,
                "\(header[layout.date]): cannot read the date '\(row.excerpt(layout.date))' "
                    + "(expected YYYY-MM-DD, YYYYMMDD or YYYY-MM-DD HH:MM:SS)")
        }
        if let index = layout.timeOfDay {
            guard let seconds = Self.timeOfDay(row[index]) else {
                throw .row(
                    path, row.line, "\(header[index]): cannot read the time '\(row.excerpt(index))' (expected HHMMSS)")
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
                chunk.emptyRows += 1  // Yahoo's "null" rows: no trading data
                return
            }
            throw .row(path, row.line, "\(header[layout.close]) is missing while other prices are given")
        }
        do {
            try ImportChecks.bar(
                high: high, low: low, volume: volume,
                names: (header[layout.high ?? 0], header[layout.low ?? 0], header[layout.volume ?? 0]))
        } catch {
            throw .row(path, row.line, error.message)
        }
        let symbol = try symbol(row)
        let interval = try interval(row, time: time)
        chunk.append(
            symbol: symbol, interval: interval, time: time, open: open, high: high, low: low, close: close,
            adjClose: adjClose, volume: volume, line: Int32(clamping: row.line))
    }

    private func number(_ row: CSVReader.Row, _ index: Int?) throws(ImportError) -> Double {
        guard let index else { return .nan }
        do {
            return try ImportChecks.number(row[index], field: header[index], excerpt: row.excerpt(index))
        } catch {
            throw .row(path, row.line, error.message)
        }
    }

    private mutating func symbol(_ row: CSVReader.Row) throws(ImportError) -> String {
        guard let index = layout.symbol else {
            if let fixedSymbolProblem { throw .file(path, fixedSymbolProblem) }
            return fixedSymbol
        }
        let bytes = row[index]
        // (The cache starts empty, so an empty field must not hit it.)
        if !bytes.isEmpty, bytes.elementsEqual(lastSymbolBytes) { return lastSymbol }
        let symbol: String
        do { symbol = try ImportChecks.name(row.string(index), field: header[index]) } catch {
            throw .row(path, row.line, error.message)
        }
        lastSymbolBytes = Array(bytes)
        lastSymbol = symbol
        return symbol
    }

    private func interval(_ row: CSVReader.Row, time: Int64) throws(ImportError) -> String {
        if let interval { return interval }
        if let index = layout.period {
            switch row.string(index).trimmingCharactersWhitespace().uppercased() {
            case "D", "1D", "": return "1d"
            case "W", "1W": return "1w"
            case "M", "1MO": return "1mo"
            case let minutes where Int(minutes) != nil: return "\(minutes)m"
            case let other:
                throw .row(path, row.line, "\(header[index]): unknown period '\(other)' (D, W, M or minutes)")
            }
        }
        return ImportChecks.defaultInterval(for: time)
    }

    /// HHMMSS (Stooq bulk's <TIME>) as seconds.
    static func timeOfDay(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count == 6, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        func pair(_ at: Int) -> Int64 { Int64(bytes[at] - 48) * 10 + Int64(bytes[at + 1] - 48) }
        guard pair(0) < 24, pair(2) < 60, pair(4) < 61 else { return nil }
        return pair(0) * 3600 + pair(2) * 60 + pair(4)
    }
}

/// Parsed bars in file order, grouped into runs of one symbol and interval, with what was skipped.
final class ParsedChunk {
    struct Run {
        let symbol: String
        let interval: String
        var end: Int
    }

    var bars = BarColumns()
    var lines: [Int32] = []
    var runs: [Run] = []
    var emptyRows = 0
    /// With skip-bad: the rows' errors, in order.
    var skipped: [ImportError] = []
    /// Without skip-bad: the first error, which stops the chunk.
    var error: ImportError?
    /// Physical lines consumed (for line numbers of the chunks after this one).
    var lineCount = 0

    var count: Int { bars.count }

    func append(
        symbol: String, interval: String, time: Int64, open: Double, high: Double, low: Double,
        close: Double, adjClose: Double, volume: Double, line: Int32
    ) {
        bars.append(time: time, open: open, high: high, low: low, close: close, adjClose: adjClose, volume: volume)
        lines.append(line)
        if let last = runs.last, last.symbol == symbol, last.interval == interval {
            runs[runs.count - 1].end = bars.count
        } else {
            runs.append(Run(symbol: symbol, interval: interval, end: bars.count))
        }
    }

    func reset() {
        bars = BarColumns()
        lines.removeAll(keepingCapacity: true)
        runs.removeAll(keepingCapacity: true)
        emptyRows = 0
        skipped.removeAll()
        error = nil
        lineCount = 0
    }
}
