/// What `aggregate(by:named:)` computes for a group: a built-in statistic or a function of the group's values.
public enum GroupStatistic {
    case builtin(Aggregation)
    case custom(([Double]) throws -> Double)
}

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
        let named = requests.map {
            ("\($0.column)_\($0.aggregation.rawValue)", $0.column, GroupStatistic.builtin($0.aggregation))
        }
        do { return try aggregate(by: keys, named: named) } catch let error as FrameError { throw error } catch {
            throw .badArgument("aggregate: \(error)")
        }
    }

    /// `aggregate(by:_:)` with each output named: `(name, column, statistic)`, in the order given; a `custom`
    /// statistic gets each group's present values (the explicit slow path) and its errors are rethrown.
    public func aggregate(
        by keys: [String], named requests: [(name: String, column: String, statistic: GroupStatistic)]
    )
        throws -> Frame
    {
        guard !requests.isEmpty else {
            throw FrameError.badArgument("aggregate: name at least one column and statistic")
        }
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
        for (label, name, statistic) in requests {
            let source = try sorted.column(name)
            let values: [Double]
            if case .builtin(.count) = statistic, source.doubles == nil {
                values = bounds.map { range in Double(range.filter { !(source.string(at: $0) ?? "").isEmpty }.count) }
            } else {
                guard let numbers = source.numbers else {
                    throw FrameError.wrongKind(name, expected: "number", got: source.kindName)
                }
                switch statistic {
                case .builtin(let aggregation):
                    values = bounds.map { range in
                        Self.summarize(range.map { numbers[$0] }.filter { !$0.isNaN }, aggregation)
                    }
                case .custom(let body):
                    values = try bounds.map { range in try body(range.map { numbers[$0] }.filter { !$0.isNaN }) }
                }
            }
            if result.index(of: label) != nil { throw FrameError.nameClash("aggregate: \(label) is asked for twice") }
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
