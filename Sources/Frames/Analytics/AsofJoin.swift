extension Frame {
    /// The as-of join (kdb+ `aj`): every row of this (left) frame, in its order, with the values of the last row of
    /// `right` that has the same `by` key and `on` time at or before the left row's (when several right rows share that
    /// time, the last of them in the right frame's order).
    ///
    /// - `tolerance`: when given, a match must also satisfy `left time - right time <= tolerance` (seconds, >= 0).
    /// - `columns`: the right columns to add (default: all but `on` and `by`). Each keeps its name, or gets `suffix`
    ///   appended when the left frame already has a column of that name.
    /// - The matched right time is always added as `<on><suffix>` (default `time_right`).
    /// - A left row without a match gets NaN, "" or `MarketTime.missing` (in `time_right` and other time/integer
    ///   columns).
    /// - `by` nil joins on time alone. Keys match by their text, so category and text key columns can be mixed.
    ///
    /// Both frames are put in per-key time order (free when they already are, as store frames are); each key's left
    /// times are then merged against its right times, galloping through the right times, so the cost is about
    /// O(left + right) and much less when right is far longer than left.
    public func asofJoin(
        _ right: Frame, on: String = "time", by: String? = "symbol", tolerance: Int64? = nil, columns: [String]? = nil,
        suffix: String = "_right"
    ) throws(FrameError) -> Frame {
        if let tolerance, tolerance < 0 {
            throw .badArgument("asofJoin: the tolerance must be 0 or more seconds, not \(tolerance)")
        }
        let wanted = columns ?? right.names.filter { $0 != on && $0 != by }
        var rightColumns: [(String, Column)] = []
        var taken = Set(names)
        let timeName = on + suffix
        guard !taken.contains(timeName) else {
            throw .nameClash("asofJoin: the left frame already has a column '\(timeName)' (choose another suffix)")
        }
        taken.insert(timeName)
        for name in wanted {
            guard let column = right[name] else {
                let available = right.names.joined(separator: ", ")
                throw .failure(.noColumn, "asofJoin: the right frame has no column '\(name)' (columns: \(available))")
            }
            let outName = taken.contains(name) ? name + suffix : name
            guard !taken.contains(outName) else {
                throw .nameClash("asofJoin: right column '\(name)' would be named '\(outName)', which is already taken")
            }
            taken.insert(outName)
            rightColumns.append((outName, column))
        }
        let leftLayout = try seriesLayout(by: by, time: on)
        let rightLayout: SeriesLayout
        do { rightLayout = try right.seriesLayout(by: by, time: on) } catch {
            throw error.prefixed("asofJoin: in the right frame, ")
        }
        var rightSeries: [String: Int] = [:]
        for (s, key) in rightLayout.keys.enumerated() { rightSeries[key] = s }

        // match[original left row] = original right row, or -1.
        var match = [Int](repeating: -1, count: count)
        let leftTimes = leftLayout.times
        let rightTimes = rightLayout.times
        let limit = tolerance ?? .max
        match.withUnsafeMutableBufferPointer { match in
            leftTimes.withUnsafeBufferPointer { lt in
                rightTimes.withUnsafeBufferPointer { rt in
                    for (s, leftRange) in leftLayout.ranges.enumerated() {
                        guard let r = rightSeries[leftLayout.keys[s]] else { continue }
                        let rightRange = rightLayout.ranges[r]
                        let end = rightRange.upperBound
                        var j = rightRange.lowerBound - 1  // the last right position with time <= the current left time
                        for p in leftRange {
                            let t = lt[p]
                            if j + 1 < end, rt[j + 1] <= t {
                                // Gallop to bracket the last position <= t, then bisect.
                                var low = j + 1
                                var step = 1
                                var high = low + 1
                                while high < end, rt[high] <= t {
                                    low = high
                                    step <<= 1
                                    high = low + step
                                }
                                high = Swift.min(high, end)
                                while high - low > 1 {
                                    let mid = (low + high) >> 1
                                    if rt[mid] <= t { low = mid } else { high = mid }
                                }
                                j = low
                            }
                            guard j >= rightRange.lowerBound else { continue }
                            let (age, overflow) = t.subtractingReportingOverflow(rt[j])
                            if tolerance == nil || (!overflow && age <= limit) {
                                match[leftLayout.originalRow(p)] = rightLayout.originalRow(j)
                            }
                        }
                    }
                }
            }
        }
        var result = self
        try result.add(timeName, try right.column(on).gather(orMissing: match))
        for (name, column) in rightColumns { try result.add(name, column.gather(orMissing: match)) }
        return result
    }
}
