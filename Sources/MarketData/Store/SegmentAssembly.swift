internal import Frames

/// Builds a bars frame from encoded segments, whichever backend reads them: segments arrive in (symbol, time)
/// order, are decoded once into scratch buffers and copied, trimmed to `from...to`, straight into the frame's seven
/// column arrays.
enum SegmentAssembly {
    typealias Visit = (String, UnsafeRawBufferPointer) throws(StoreError) -> Void

    /// `total` is the number of rows the segments hold (an upper bound after trimming); `segments` calls `visit`
    /// with each segment's symbol and BLOB.
    static func frame(
        total: Int, from: Int64?, to: Int64?,
        segments: (Visit) throws(StoreError) -> Void
    ) throws(StoreError) -> Frame {
        let from = from ?? .min
        let to = to ?? .max
        var levels: [String] = []
        var runs: [(code: Int32, count: Int)] = []
        var failure: StoreError?
        let scratch = SegmentScratch()
        let (time, prices) = makeColumns(count: total) { columns in
            var filled = 0
            do throws(StoreError) {
                try segments { symbol, blob throws(StoreError) in
                    if levels.last != symbol { levels.append(symbol) }
                    let code = Int32(levels.count - 1)
                    try scratch.decode(blob)
                    let n = scratch.rows
                    let times = scratch.time
                    let lower = from == .min ? 0 : firstIndex(times, n) { $0 >= from }
                    let upper = to == .max ? n : firstIndex(times, n) { $0 > to }
                    guard lower < upper else { return }
                    guard filled + upper - lower <= total else { throw .corrupt("segment row counts disagree") }
                    for column in 0..<7 {
                        (columns[column] + filled * 8).copyMemory(
                            from: scratch.column(column) + lower * 8, byteCount: (upper - lower) * 8)
                    }
                    if runs.last?.code == code {
                        runs[runs.count - 1].count += upper - lower
                    } else {
                        runs.append((code, upper - lower))
                    }
                    filled += upper - lower
                }
            } catch {
                failure = error
            }
            return filled
        }
        if let failure { throw failure }
        let codes = [Int32](unsafeUninitializedCapacity: time.count) { buffer, count in
            var at = 0
            for run in runs {
                (buffer.baseAddress! + at).initialize(repeating: run.code, count: run.count)
                at += run.count
            }
            count = at
        }
        return try Frame.stored([
            ("symbol", .category(codes: codes, levels: levels)), ("time", .time(time)),
            ("open", .double(prices[0])), ("high", .double(prices[1])), ("low", .double(prices[2])),
            ("close", .double(prices[3])), ("adj_close", .double(prices[4])), ("volume", .double(prices[5])),
        ])
    }

    /// Seven new column arrays (time, then six doubles) of up to `count` rows: `fill` gets their storage and returns
    /// how many rows it wrote.
    static func makeColumns(count: Int, _ fill: ([UnsafeMutableRawPointer]) -> Int) -> ([Int64], [[Double]]) {
        let capacity = max(count, 1)
        var filled = 0
        func nest(_ level: Int, _ pointers: [UnsafeMutableRawPointer]) -> [[Double]] {
            if level == 6 {
                filled = fill(pointers)
                return []
            }
            var inner: [[Double]] = []
            let array = [Double](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                inner = nest(level + 1, pointers + [UnsafeMutableRawPointer(buffer.baseAddress!)])
                initialized = filled
            }
            return [array] + inner
        }
        var prices: [[Double]] = []
        let time = [Int64](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            prices = nest(0, [UnsafeMutableRawPointer(buffer.baseAddress!)])
            initialized = filled
        }
        return (time, prices)
    }

    /// The row total a backend read from its `rows` column, checked against the size of the BLOBs it sums before
    /// anything is allocated for it: every row takes at least one byte of a segment, so a larger total (or a
    /// negative one) is a damaged store, not a request for exabytes.
    static func checkedTotal(rows: Double, bytes: Double) throws(StoreError) -> Int {
        guard rows >= 0, rows <= bytes else {
            throw .corrupt("the bar segments claim \(rows.formatted) rows in \(bytes.formatted) bytes")
        }
        return Int(rows)
    }

    static func firstIndex(_ times: UnsafeMutablePointer<Int64>, _ n: Int, where predicate: (Int64) -> Bool) -> Int {
        var low = 0
        var high = n
        while low < high {
            let middle = (low + high) / 2
            if predicate(times[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Double {
    fileprivate var formatted: String { self == rounded() && abs(self) < 1e18 ? String(Int64(self)) : String(self) }
}
