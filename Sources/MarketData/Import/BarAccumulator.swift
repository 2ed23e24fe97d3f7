internal import Frames

/// Buffers parsed bars per (symbol, interval) and merges them into the store a window at a time, so memory stays
/// proportional to the window, not the file. Within a window it sorts each symbol's rows by time and rejects
/// duplicates (naming both lines); across windows it checks that a symbol's rows do not go back into a span already
/// written from this file (so a duplicate can never be merged silently), which holds for files ordered by symbol then
/// time, by time then symbol, or newest first.
final class BarAccumulator {
    struct Key: Hashable {
        var symbol: String
        var interval: String
    }

    private final class Pending {
        var bars = BarColumns()
        var locations: [Int32] = []
    }

    let writer: any MarketWriter
    private let windowRows: Int
    private let skipBad: Bool
    private let locate: (Int32, String) -> ImportError
    private var pending: [Key: Pending] = [:]
    private var lastKey: Key?
    private var lastPending: Pending?
    private var buffered = 0
    /// Time spans already merged from this file, per key.
    private var written: [Key: [ClosedRange<Int64>]] = [:]
    var report: ImportReport.File

    init(
        writer: any MarketWriter, report: ImportReport.File, windowRows: Int, skipBad: Bool,
        locate: @escaping (Int32, String) -> ImportError
    ) {
        self.writer = writer
        self.report = report
        self.windowRows = windowRows
        self.skipBad = skipBad
        self.locate = locate
    }

    func append(
        symbol: String, interval: String, time: Int64, open: Double, high: Double, low: Double,
        close: Double, adjClose: Double, volume: Double, location: Int32
    ) throws(ImportError) {
        let target: Pending
        if let lastKey, let lastPending, lastKey.symbol == symbol, lastKey.interval == interval {
            target = lastPending
        } else {
            let key = Key(symbol: symbol, interval: interval)
            if let existing = pending[key] {
                target = existing
            } else {
                target = Pending()
                pending[key] = target
                symbols.insert(symbol)
            }
            lastKey = key
            lastPending = target
        }
        target.bars.append(
            time: time, open: open, high: high, low: low, close: close, adjClose: adjClose, volume: volume)
        target.locations.append(location)
        buffered += 1
        if buffered >= windowRows { try flush() }
    }

    /// Symbols seen so far.
    private(set) var symbols = Set<String>()

    /// Appends a parsed chunk's runs (its lines shifted by `lineOffset`), merging a window when one is full.
    func append(_ chunk: ParsedChunk, lineOffset: Int32 = 0) throws(ImportError) {
        var start = 0
        for run in chunk.runs {
            let key = Key(symbol: run.symbol, interval: run.interval)
            let target: Pending
            if let existing = pending[key] {
                target = existing
            } else {
                target = Pending()
                pending[key] = target
                symbols.insert(run.symbol)
            }
            let range = start..<run.end
            let bars = chunk.bars
            target.bars.time.append(contentsOf: bars.time[range])
            target.bars.open.append(contentsOf: bars.open[range])
            target.bars.high.append(contentsOf: bars.high[range])
            target.bars.low.append(contentsOf: bars.low[range])
            target.bars.close.append(contentsOf: bars.close[range])
            target.bars.adjClose.append(contentsOf: bars.adjClose[range])
            target.bars.volume.append(contentsOf: bars.volume[range])
            if lineOffset == 0 {
                target.locations.append(contentsOf: chunk.lines[range])
            } else {
                target.locations.append(contentsOf: chunk.lines[range].lazy.map { $0 &+ lineOffset })
            }
            buffered += range.count
            start = run.end
        }
        lastKey = nil
        lastPending = nil
        report.emptyRows += chunk.emptyRows
        if buffered >= windowRows { try flush() }
    }

    func skip(_ message: String) {
        report.skippedCount += 1
        if report.skipped.count < 100 { report.skipped.append(message) }
    }

    /// Merges everything buffered into the store.
    func flush() throws(ImportError) {
        for key in pending.keys.sorted(by: { ($0.symbol, $0.interval) < ($1.symbol, $1.interval) }) {
            guard let batch = pending[key], batch.bars.count > 0 else { continue }
            let rows = try ordered(batch, key: key)
            guard rows.count > 0 else { continue }
            let span = rows.time[0]...rows.time[rows.count - 1]
            if let earlier = written[key]?.first(where: { $0.overlaps(span) }) {
                throw .file(
                    report.path,
                    """
                    rows for \(key.symbol) between \(MarketTime.format(span.lowerBound)) and \
                    \(MarketTime.format(span.upperBound)) come more than \(windowRows) rows after others in \
                    \(MarketTime.format(earlier.lowerBound))…\(MarketTime.format(earlier.upperBound)), so duplicates \
                    cannot be checked; sort the file by symbol then date (or by date) and import it again
                    """)
            }
            written[key, default: []].append(span)
            do {
                report.counts += try writer.mergeBars(symbol: key.symbol, interval: key.interval, rows)
            } catch {
                throw .store(error)
            }
            report.rows += rows.count
            report.note(time: rows.time[0])
            report.note(time: rows.time[rows.count - 1])
        }
        pending.removeAll(keepingCapacity: true)
        lastKey = nil
        lastPending = nil
        buffered = 0
    }

    /// The batch sorted by time, with duplicates rejected (or skipped with `skipBad`).
    private func ordered(_ batch: Pending, key: Key) throws(ImportError) -> BarColumns {
        let times = batch.bars.time
        var increasing = true
        var decreasing = true
        for index in 1..<max(times.count, 1) {
            if times[index] <= times[index - 1] { increasing = false }
            if times[index] >= times[index - 1] { decreasing = false }
            if !increasing && !decreasing { break }
        }
        if increasing { return batch.bars }
        var order = Array(0..<times.count)
        if decreasing {
            order.reverse()
        } else {
            order.sort {
                times[$0] < times[$1] || (times[$0] == times[$1] && batch.locations[$0] < batch.locations[$1])
            }
        }
        var result = BarColumns()
        result.reserve(order.count)
        var previous: Int?
        for index in order {
            if let previous, times[previous] == times[index] {
                let first = locate(batch.locations[previous], "").description.dropLast(2)
                let error = locate(
                    batch.locations[index],
                    "duplicate row for \(key.symbol) at \(MarketTime.format(times[index])) (first at \(first))")
                if !skipBad { throw error }
                skip(error.description)
                continue
            }
            result.append(batch.bars, row: index)
            previous = index
        }
        return result
    }
}
