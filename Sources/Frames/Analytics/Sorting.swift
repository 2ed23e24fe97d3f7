/// A run of consecutive rows holding one value of a key column (see `Frame.groups(by:)`).
public struct FrameGroup: Sendable, Equatable {
    /// The key as text: the string itself, a time as `MarketTime.format`, a number as Swift prints it.
    public let key: String
    public let rows: Range<Int>

    public init(key: String, rows: Range<Int>) {
        self.key = key
        self.rows = rows
    }
}

extension Frame {
    /// The rows ordered by the `keys` columns (ascending, the first key most significant). The sort is stable: rows
    /// with equal keys keep their order. Strings sort by their text (not by category code); NaN sorts last.
    public func sorted(by keys: [String]) throws(FrameError) -> Frame {
        var encoded: [[UInt64]] = []
        for key in keys { encoded.append(Self.orderedKeys(try column(key))) }
        return sorted(encodedKeys: encoded)
    }

    /// The rows ordered by keys already encoded (one array per key, the first most significant); stable.
    func sorted(encodedKeys encoded: [[UInt64]]) -> Frame {
        guard !encoded.isEmpty, count > 1 else { return self }
        if Self.isSorted(encoded) { return self }
        // Least significant key first; each pass is a sort of (key, current position) pairs, so it is stable.
        var indices = Array(0..<count)
        for key in encoded.reversed() {
            var pairs = indices.enumerated().map { (key[$0.element], $0.offset) }
            pairs.sort { $0 < $1 }
            indices = pairs.map { indices[$0.1] }
        }
        return gather(indices)
    }

    /// The runs of equal values of `key` in the current row order (sort first, e.g. `sorted(by: [key])`, for one
    /// group per value).
    public func groups(by key: String) throws(FrameError) -> [FrameGroup] {
        let column = try column(key)
        let encoded = Self.orderedKeys(column)
        var result: [FrameGroup] = []
        var start = 0
        for i in 0..<encoded.count where i + 1 == encoded.count || encoded[i + 1] != encoded[i] {
            result.append(FrameGroup(key: Self.keyText(column, start), rows: start..<(i + 1)))
            start = i + 1
        }
        return result
    }

    /// The rows whose `symbol` is one of `symbols` (nil: any) and whose `time` lies in `from...to` (both inclusive;
    /// nil: unbounded), in their original order.
    public func filter(symbols: [String]? = nil, from: Int64? = nil, to: Int64? = nil) throws(FrameError) -> Frame {
        var keep = [Bool](repeating: true, count: count)
        if let symbols {
            let wanted = Set(symbols)
            let (codes, levels) = try keyCodes("symbol")
            let levelWanted = levels.map { wanted.contains($0) }
            for (i, code) in codes.enumerated() where !levelWanted[Int(code)] { keep[i] = false }
        }
        if from != nil || to != nil {
            let times = try int64s("time")
            let lower = from ?? .min
            let upper = to ?? .max
            for (i, t) in times.enumerated() where t < lower || t > upper { keep[i] = false }
        }
        if !keep.contains(false) { return self }
        return gather(keep.indices.filter { keep[$0] })
    }

    /// Order-preserving unsigned keys for a column: equal values give equal keys.
    static func orderedKeys(_ column: Column) -> [UInt64] {
        switch column {
        case .time(let values), .int(let values):
            return values.map { UInt64(bitPattern: $0) ^ (1 << 63) }
        case .double(let values):
            return values.map(orderedKey)
        case .category(let codes, let levels):
            let levelOrder = levels.indices.sorted { levels[$0] < levels[$1] }
            var rank = [UInt64](repeating: 0, count: levels.count)
            var r: UInt64 = 0
            for (k, level) in levelOrder.enumerated() {
                if k > 0, levels[level] != levels[levelOrder[k - 1]] { r += 1 }
                rank[level] = r
            }
            return codes.map { rank[Int($0)] }
        case .text(let values):
            let unique = Array(Set(values)).sorted()
            var rank: [String: UInt64] = [:]
            for (r, value) in unique.enumerated() { rank[value] = UInt64(r) }
            return values.map { rank[$0]! }
        }
    }

    /// An unsigned key ordering doubles numerically (-0 equal to 0; every NaN equal and last).
    static func orderedKey(_ value: Double) -> UInt64 {
        if value.isNaN { return .max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    private static func isSorted(_ keys: [[UInt64]]) -> Bool {
        let n = keys[0].count
        for i in 1..<max(n, 1) {
            for key in keys {
                if key[i - 1] < key[i] { break }
                if key[i - 1] > key[i] { return false }
            }
        }
        return true
    }

    private static func keyText(_ column: Column, _ row: Int) -> String {
        switch column {
        case .time(let values): MarketTime.format(values[row])
        case .int(let values): String(values[row])
        case .double(let values): "\(values[row])"
        case .text, .category: column.string(at: row) ?? ""
        }
    }
}
