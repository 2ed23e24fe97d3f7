/// Missing values in analytics outputs. Numbers are NaN; strings are ""; times and integers, which have no NaN, use
/// `MarketTime.missing` (Int64.min) — for example an as-of join row without a match, or a drawdown never recovered.
extension MarketTime {
    /// The "no time" marker in `.time` (and `.int`) columns that analytics produce: Int64.min, far outside any date.
    public static let missing: Int64 = .min
}

extension Column {
    /// The rows picked by `indices`, where an index of -1 gives the missing value of the kind (NaN, "",
    /// `MarketTime.missing`; for a category, a "" level, appended when the levels lack one).
    func gather(orMissing indices: [Int]) -> Column {
        switch self {
        case .double(let values):
            return .double(Self.pick(values, indices, missing: .nan))
        case .time(let values):
            return .time(Self.pick(values, indices, missing: MarketTime.missing))
        case .int(let values):
            return .int(Self.pick(values, indices, missing: MarketTime.missing))
        case .text(let values):
            return .text(indices.map { $0 < 0 ? "" : values[$0] })
        case .category(let codes, var levels):
            var empty = Int32(levels.firstIndex(of: "") ?? -1)
            if empty < 0, indices.contains(where: { $0 < 0 }) {
                empty = Int32(levels.count)
                levels.append("")
            }
            return .category(codes: Self.pick(codes, indices, missing: empty), levels: levels)
        }
    }

    private static func pick<T>(_ values: [T], _ indices: [Int], missing: T) -> [T] {
        [T](unsafeUninitializedCapacity: indices.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for (k, i) in indices.enumerated() { (out.baseAddress! + k).initialize(to: i < 0 ? missing : v[i]) }
            }
            initialized = indices.count
        }
    }
}
