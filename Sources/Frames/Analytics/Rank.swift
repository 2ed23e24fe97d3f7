extension Frame {
    /// The frame with a column `name` (default `<column>_rank`) ranking `column` among the rows that share a `by` value
    /// (a cross-section: all symbols at one time). Ranks are 1-based, ascending unless `descending`; tied values share
    /// the average of their ranks; NaN values get NaN and are not counted.
    public func rank(column: String, by: String = "time", descending: Bool = false, name: String? = nil)
        throws(FrameError) -> Frame
    {
        let values = try doubles(column)
        let groups = DenseKeys(try self.column(by))
        let n = values.count
        // Stable counting sort of the rows by group.
        var starts = [Int](repeating: 0, count: groups.count + 1)
        for slot in groups.slots { starts[slot + 1] += 1 }
        for g in 0..<groups.count { starts[g + 1] += starts[g] }
        var next = starts
        var order = [Int](repeating: 0, count: n)
        for (i, slot) in groups.slots.enumerated() {
            order[next[slot]] = i
            next[slot] += 1
        }
        var ranks = [Double](repeating: .nan, count: n)
        var members: [(Double, Int)] = []
        for g in 0..<groups.count {
            members.removeAll(keepingCapacity: true)
            for p in starts[g]..<starts[g + 1] where !values[order[p]].isNaN {
                let v = values[order[p]]
                members.append((descending ? -v : v, order[p]))
            }
            members.sort { $0.0 < $1.0 }
            var k = 0
            while k < members.count {
                var end = k + 1
                while end < members.count, members[end].0 == members[k].0 { end += 1 }
                let average = Double(k + 1 + end) / 2  // the mean of ranks k+1 ... end
                for m in k..<end { ranks[members[m].1] = average }
                k = end
            }
        }
        return try adding(name ?? "\(column)_rank", .double(ranks))
    }
}
