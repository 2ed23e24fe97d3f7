/// A calendar period that bars are resampled to.
public enum ResamplePeriod: String, Sendable, CaseIterable {
    /// Monday-to-Sunday weeks, labelled by their Monday.
    case week
    /// Calendar months, labelled by their 1st.
    case month

    /// Midnight UTC of the first day of the period holding `time`.
    public func start(of time: Int64) -> Int64 {
        let days = MarketTime.floorDiv(time, MarketTime.day)
        switch self {
        case .week:
            return (days - Int64(MarketTime.weekday(time))) * MarketTime.day
        case .month:
            let (year, month, _) = MarketTime.civil(days: days)
            return MarketTime.days(year: year, month: month, day: 1) * MarketTime.day
        }
    }
}

extension Frame {
    /// Bars aggregated per symbol and `period`: `open` the first non-NaN open, `high` the max, `low` the min, `close`
    /// and `adj_close` the last non-NaN value, `volume` the sum (NaN values skipped; NaN when a period has none).
    ///
    /// The result has `symbol` (symbols ascending; absent when the input has none), `time` = midnight UTC of the
    /// period's first calendar day (the Monday of a week, the 1st of a month — not the first trading day), those of
    /// `open`, `high`, `low`, `close`, `adj_close`, `volume` that the input has, and `bars` (.int, the rows in the
    /// period). Other columns are dropped. Periods without rows are absent.
    public func resample(_ period: ResamplePeriod) throws(FrameError) -> Frame {
        enum Rule { case first, max, min, last, sum }
        let fields: [(String, Rule)] = [
            ("open", .first), ("high", .max), ("low", .min), ("close", .last), ("adj_close", .last), ("volume", .sum),
        ]
        let present = fields.filter { index(of: $0.0) != nil }
        guard !present.isEmpty else {
            throw .failure(
                .noColumn,
                "resample: the frame has none of the bar columns open, high, low, close, adj_close, volume "
                    + "(columns: \(names.joined(separator: ", ")))")
        }
        let hasSymbol = index(of: "symbol") != nil
        let layout = try seriesLayout(by: "symbol", optionalKey: true)
        var inputs: [[Double]] = []
        for (name, _) in present { inputs.append(layout.gather(try doubles(name))) }
        let times = layout.times

        var symbolCodes: [Int32] = []
        var periodTimes: [Int64] = []
        var bars: [Int64] = []
        var outputs = [[Double]](repeating: [], count: present.count)
        let seriesOrder = layout.sortedSeries
        for (code, s) in seriesOrder.enumerated() {
            let range = layout.ranges[s]
            var p = range.lowerBound
            while p < range.upperBound {
                let label = period.start(of: times[p])
                var end = p + 1
                while end < range.upperBound, period.start(of: times[end]) == label { end += 1 }
                symbolCodes.append(Int32(code))
                periodTimes.append(label)
                bars.append(Int64(end - p))
                for (f, (_, rule)) in present.enumerated() {
                    let x = inputs[f]
                    var value = Double.nan
                    switch rule {
                    case .first:
                        for k in p..<end where !x[k].isNaN {
                            value = x[k]
                            break
                        }
                    case .last:
                        for k in (p..<end).reversed() where !x[k].isNaN {
                            value = x[k]
                            break
                        }
                    case .max:
                        for k in p..<end where !x[k].isNaN && !(x[k] <= value) { value = x[k] }
                    case .min:
                        for k in p..<end where !x[k].isNaN && !(x[k] >= value) { value = x[k] }
                    case .sum:
                        for k in p..<end where !x[k].isNaN { value = value.isNaN ? x[k] : value + x[k] }
                    }
                    outputs[f].append(value)
                }
                p = end
            }
        }
        var result = Frame()
        if hasSymbol {
            try result.add("symbol", .category(codes: symbolCodes, levels: seriesOrder.map { layout.keys[$0] }))
        }
        try result.add("time", .time(periodTimes))
        for (f, (name, _)) in present.enumerated() { try result.add(name, .double(outputs[f])) }
        try result.add("bars", .int(bars))
        return result
    }
}
