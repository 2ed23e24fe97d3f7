/// How a frame's rows fall into per-symbol series in time order: the analytics' common first step.
///
/// Frames from the store are already grouped by symbol and sorted by time within each symbol; that is detected with
/// one pass over the codes and times, and then nothing is copied (`order` is nil). Otherwise the rows are ordered by
/// a stable counting sort on the symbol (symbols ascending) followed by a stable sort by time within each symbol
/// that is not already in time order.
struct SeriesLayout {
    /// Position in series order → original row; nil when the frame already is in series order.
    let order: [Int]?
    /// Each series' rows as positions in series order, in the order of `keys`.
    let ranges: [Range<Int>]
    /// Each series' key (its symbol).
    let keys: [String]
    /// The times in series order.
    let times: [Int64]

    var count: Int { times.count }

    /// The series' indices with their keys in ascending order (for outputs that list one row per series).
    var sortedSeries: [Int] { keys.indices.sorted { keys[$0] < keys[$1] } }

    /// `values` (one per original row) in series order.
    func gather<T>(_ values: [T]) -> [T] {
        guard let order else { return values }
        return [T](unsafeUninitializedCapacity: order.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for (p, i) in order.enumerated() { (out.baseAddress! + p).initialize(to: v[i]) }
            }
            initialized = order.count
        }
    }

    /// `values` in series order put back in the original row order.
    func scatter(_ values: [Double]) -> [Double] {
        guard let order else { return values }
        var out = [Double](repeating: .nan, count: values.count)
        out.withUnsafeMutableBufferPointer { o in
            values.withUnsafeBufferPointer { v in
                for (p, i) in order.enumerated() { o[i] = v[p] }
            }
        }
        return out
    }

    /// The original row of each position in series order.
    func originalRow(_ position: Int) -> Int { order?[position] ?? position }

    /// Runs `kernel` over each series of `input` (in series order) into a NaN-filled output in series order.
    func map(
        _ input: [Double],
        _ kernel: (_ series: Int, _ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [Double] {
        var out = [Double](repeating: .nan, count: input.count)
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for (s, range) in ranges.enumerated() where !range.isEmpty {
                    kernel(s, UnsafeBufferPointer(rebasing: x[range]), UnsafeMutableBufferPointer(rebasing: o[range]))
                }
            }
        }
        return out
    }
}

extension Frame {
    /// Integer-valued times of `name` (a time or integer column).
    func int64s(_ name: String) throws(FrameError) -> [Int64] {
        switch try column(name) {
        case .time(let values), .int(let values): return values
        case let other: throw .wrongKind(name, expected: "time", got: other.kindName)
        }
    }

    /// The codes and levels of a string column (text columns are dictionary-encoded first).
    func keyCodes(_ name: String) throws(FrameError) -> (codes: [Int32], levels: [String]) {
        switch try column(name) {
        case .category(let codes, let levels): return (codes, levels)
        case .text(let values):
            guard case .category(let codes, let levels) = Column.categorical(values) else { return ([], []) }
            return (codes, levels)
        case let other: throw .wrongKind(name, expected: "string", got: other.kindName)
        }
    }

    /// The per-series layout by `key` (nil: the whole frame is one series) and the time column `time`.
    /// With `optionalKey`, a frame without the key column is one series too.
    func seriesLayout(by key: String?, time: String = "time", optionalKey: Bool = false) throws(FrameError)
        -> SeriesLayout
    {
        let times = try int64s(time)
        let n = times.count
        guard let key, !(optionalKey && index(of: key) == nil) else {
            return Self.singleSeries(times)
        }
        let (codes, levels) = try keyCodes(key)
        if let (starts, runCodes) = Self.groupedRuns(codes: codes, times: times, levelCount: levels.count) {
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(starts.count)
            for (k, start) in starts.enumerated() { ranges.append(start..<(k + 1 < starts.count ? starts[k + 1] : n)) }
            return SeriesLayout(order: nil, ranges: ranges, keys: runCodes.map { levels[Int($0)] }, times: times)
        }
        // Stable counting sort by the level's rank among the level strings, then by time inside each symbol.
        let levelOrder = levels.indices.sorted { levels[$0] < levels[$1] }
        var rankOf = [Int](repeating: 0, count: levels.count)
        for (rank, level) in levelOrder.enumerated() { rankOf[level] = rank }
        var starts = [Int](repeating: 0, count: levels.count + 1)
        for code in codes { starts[rankOf[Int(code)] + 1] += 1 }
        for r in 0..<levels.count { starts[r + 1] += starts[r] }
        var next = starts
        var order = [Int](repeating: 0, count: n)
        for (i, code) in codes.enumerated() {
            let r = rankOf[Int(code)]
            order[next[r]] = i
            next[r] += 1
        }
        var ranges: [Range<Int>] = []
        var keys: [String] = []
        for r in 0..<levels.count where starts[r + 1] > starts[r] {
            let range = starts[r]..<starts[r + 1]
            var sorted = true
            for p in range.dropFirst() where times[order[p]] < times[order[p - 1]] {
                sorted = false
                break
            }
            if !sorted { order[range].sort { (times[$0], $0) < (times[$1], $1) } }
            ranges.append(range)
            keys.append(levels[levelOrder[r]])
        }
        return SeriesLayout(order: order, ranges: ranges, keys: keys, times: order.map { times[$0] })
    }

    private static func singleSeries(_ times: [Int64]) -> SeriesLayout {
        let n = times.count
        var sorted = true
        for i in times.indices.dropFirst() where times[i] < times[i - 1] {
            sorted = false
            break
        }
        if sorted { return SeriesLayout(order: nil, ranges: [0..<n], keys: [""], times: times) }
        let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        return SeriesLayout(order: order, ranges: [0..<n], keys: [""], times: order.map { times[$0] })
    }

    /// The starts and codes of the runs when every code forms one contiguous run in time order; nil otherwise.
    private static func groupedRuns(codes: [Int32], times: [Int64], levelCount: Int) -> ([Int], [Int32])? {
        let n = codes.count
        guard n > 0 else { return ([], []) }
        var seen = [Bool](repeating: false, count: levelCount)
        var starts = [0]
        var runCodes = [codes[0]]
        seen[Int(codes[0])] = true
        let grouped = codes.withUnsafeBufferPointer { c in
            times.withUnsafeBufferPointer { t in
                for i in 1..<n {
                    if c[i] != c[i - 1] {
                        let code = Int(c[i])
                        if seen[code] { return false }
                        seen[code] = true
                        starts.append(i)
                        runCodes.append(c[i])
                    } else if t[i] < t[i - 1] {
                        return false
                    }
                }
                return true
            }
        }
        return grouped ? (starts, runCodes) : nil
    }
}
