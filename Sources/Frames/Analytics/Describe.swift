extension Frame {
    /// Summary statistics of the number columns (double and integer; times and strings are skipped), one row per
    /// column: `column` (text), `count` (.int, non-NaN values), `missing` (.int), `mean`, `std` (sample), `min`,
    /// `median`, `max` — NaN where there are no values (std: fewer than 2).
    public func describe() throws(FrameError) -> Frame {
        var columnNames: [String] = []
        var counts: [Int64] = []
        var missing: [Int64] = []
        var stats = [[Double]](repeating: [], count: 5)  // mean, std, min, median, max
        for (name, column) in zip(names, columns) {
            let values: [Double]
            switch column {
            case .double(let v): values = v
            case .int(let v): values = v.map(Double.init)
            default: continue
            }
            let present = values.filter { !$0.isNaN }.sorted()
            let n = present.count
            var mean = Double.nan
            var std = Double.nan
            if n > 0 {
                mean = present.reduce(0, +) / Double(n)
                if n > 1 {
                    var m2 = 0.0
                    for v in present { m2 += (v - mean) * (v - mean) }
                    std = (m2 / Double(n - 1)).squareRoot()
                }
            }
            let median = n == 0 ? .nan : n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2
            columnNames.append(name)
            counts.append(Int64(n))
            missing.append(Int64(values.count - n))
            for (k, value) in [mean, std, present.first ?? .nan, median, present.last ?? .nan].enumerated() {
                stats[k].append(value)
            }
        }
        var pairs: [(String, Column)] = [
            ("column", .text(columnNames)), ("count", .int(counts)), ("missing", .int(missing)),
        ]
        for (k, name) in ["mean", "std", "min", "median", "max"].enumerated() {
            pairs.append((name, .double(stats[k])))
        }
        return try Frame(pairs)
    }
}
