/// Summary statistics of a column within a group (missing values are skipped; `count` counts the present ones).
public enum Aggregation: String, Sendable, CaseIterable {
    case count, sum, mean, std, min, max, median, first, last
}

extension Frame {
    /// kdb+'s `select … by …`: one row per distinct combination of the `by` columns (ascending; an empty list makes one
    /// group of all rows), with a number column `<column>_<aggregation>` for each requested pair. `std` is the sample
    /// standard deviation; a group with no values gets NaN (and `count` 0).
    public func aggregate(by keys: [String], _ requests: [(column: String, aggregation: Aggregation)])
        throws(FrameError) -> Frame
    {
        guard !requests.isEmpty else { throw .badArgument("aggregate: name at least one column and statistic") }
        let sorted = keys.isEmpty ? self : try sorted(by: keys)
        var encoded: [[UInt64]] = []
        for key in keys { encoded.append(Self.orderedKeys(try sorted.column(key))) }
        var starts: [Int] = []
        for row in 0..<sorted.count where row == 0 || encoded.contains(where: { $0[row] != $0[row - 1] }) {
            starts.append(row)
        }
        let bounds = zip(starts, starts.dropFirst() + [sorted.count]).map { $0..<$1 }
        var result = Frame()
        for key in keys { try result.add(key, try sorted.column(key).gather(starts)) }
        for (name, aggregation) in requests {
            let source = try sorted.column(name)
            let values: [Double]
            if aggregation == .count, source.doubles == nil {
                values = bounds.map { range in Double(range.filter { !(source.string(at: $0) ?? "").isEmpty }.count) }
            } else {
                guard let numbers = source.doubles else {
                    throw .wrongKind(name, expected: "number", got: source.kindName)
                }
                let present: (Int) -> Bool
                switch source {
                case .time(let times), .int(let times): present = { times[$0] != MarketTime.missing }
                default: present = { !numbers[$0].isNaN }
                }
                values = bounds.map { range in
                    Self.summarize(range.filter(present).map { numbers[$0] }, aggregation)
                }
            }
            let label = "\(name)_\(aggregation.rawValue)"
            if result.index(of: label) != nil { throw .nameClash("aggregate: \(label) is asked for twice") }
            try result.add(label, .double(values))
        }
        return result
    }

    static func summarize(_ values: [Double], _ aggregation: Aggregation) -> Double {
        switch aggregation {
        case .count: return Double(values.count)
        case .first: return values.first ?? .nan
        case .last: return values.last ?? .nan
        default: break
        }
        guard !values.isEmpty else { return .nan }
        switch aggregation {
        case .sum: return values.reduce(0, +)
        case .mean: return values.reduce(0, +) / Double(values.count)
        case .std:
            guard values.count > 1 else { return .nan }
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        case .min: return values.min()!
        case .max: return values.max()!
        case .median:
            let ordered = values.sorted()
            let middle = ordered.count / 2
            return ordered.count % 2 == 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2
        case .count, .first, .last: return .nan
        }
    }
}

extension Column {
    /// One statistic over the whole column, as `aggregate` computes it for a group: missing values skipped, NaN when
    /// none is left (`count` counts the present ones). Numbers only (doubles and integers).
    public func summary(_ aggregation: Aggregation, name: String = "column") throws(FrameError) -> Double {
        switch self {
        case .double(let values): return Frame.summarize(values.filter { !$0.isNaN }, aggregation)
        case .int(let values):
            return Frame.summarize(values.filter { $0 != MarketTime.missing }.map(Double.init), aggregation)
        default: throw .wrongKind(name, expected: "number", got: kindName)
        }
    }
}
