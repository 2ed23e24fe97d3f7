extension OwnershipGraph {
    /// The most dates searched for ownership cycles in one call (cycles are sought only where stakes inside a cycle
    /// of the whole graph change, so real files stay far below it).
    static let mostCycleDates = 64

    /// What is inconsistent on any of `days`: entities whose known stakes add up to more than 100% (each excess once,
    /// on the first of the days it covers) and ownership cycles (each once, on the first day it exists).
    ///
    /// Linear in the stakes up to sorting, whatever the number of days: totals are swept over each entity's own
    /// stake dates, and cycles are sought only when the graph over all dates has one, only among its edges, and on
    /// at most `mostCycleDates` dates, spread from the first to the last (saying so when there were more).
    public func problems(on days: [CalendarDay]) -> [String] {
        let days = Array(Set(days)).sorted()
        guard !days.isEmpty else { return [] }
        return overfullStakes(on: days) + cycleProblems(on: days)
    }

    /// The first of the sorted `days` in [lower, upper), or nil.
    private static func firstDay(_ days: [CalendarDay], from lower: CalendarDay?, before upper: CalendarDay?)
        -> CalendarDay?
    {
        var low = 0
        var high = days.count
        if let lower {
            while low < high {
                let middle = (low + high) / 2
                if days[middle] < lower { low = middle + 1 } else { high = middle }
            }
        }
        guard low < days.count, upper.map({ days[low] < $0 }) ?? true else { return nil }
        return days[low]
    }

    /// The boundaries of `stakes` as sorted segments: (start, end) with nil for the open ends.
    private static func segments(_ stakes: [OwnershipEdge]) -> [(start: CalendarDay?, end: CalendarDay?)] {
        let cuts = Set(stakes.flatMap { [$0.from, $0.until].compactMap { $0 } }).sorted()
        return (0...cuts.count).map { ($0 == 0 ? nil : cuts[$0 - 1], $0 == cuts.count ? nil : cuts[$0]) }
    }

    private func overfullStakes(on days: [CalendarDay]) -> [String] {
        var found: [String] = []
        for (_, indices) in byOwned.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let stakes = indices.map { edges[$0] }.filter { $0.percent != nil }
            // Totals in millionths of a percent, swept over the entity's own dates.
            let micro = { (edge: OwnershipEdge) in Int64((edge.percent! * 1_000_000).rounded()) }
            var change: [CalendarDay: Int64] = [:]
            var total: Int64 = 0
            for stake in stakes {
                if let from = stake.from { change[from, default: 0] += micro(stake) } else { total += micro(stake) }
                if let until = stake.until { change[until, default: 0] -= micro(stake) }
            }
            for segment in Self.segments(stakes) {
                if let start = segment.start { total += change[start] ?? 0 }
                guard total > 100_000_100, let day = Self.firstDay(days, from: segment.start, before: segment.end)
                else { continue }
                found.append(
                    "the stakes in '\(edges[indices[0]].owned)' add up to "
                        + "\(OwnershipGraph.percent(Double(total) / 1_000_000)) on \(day)")
            }
        }
        return found
    }

    private func cycleProblems(on days: [CalendarDay]) -> [String] {
        // No cycle in the graph of every date: none on any one date.
        let whole = cycles(among: Array(edges.indices), on: nil)
        guard !whole.cycles.isEmpty else { return [] }
        let inside = edges.indices.filter {
            whole.members.contains(Self.key(edges[$0].owner)) && whole.members.contains(Self.key(edges[$0].owned))
        }
        let candidates = Self.segments(inside.map { edges[$0] }).compactMap {
            Self.firstDay(days, from: $0.start, before: $0.end)
        }
        // Past the bound, dates spread evenly from the first to the last (a cycle closes where its last stake starts).
        let searched =
            candidates.count <= Self.mostCycleDates
            ? candidates
            : (0..<Self.mostCycleDates).map {
                candidates[$0 * (candidates.count - 1) / (Self.mostCycleDates - 1)]
            }
        var seen = Set<[String]>()
        var found: [String] = []
        for day in searched {
            for cycle in cycles(among: inside, on: day).cycles where seen.insert(cycle).inserted {
                found.append("ownership cycle on \(day): " + cycle.joined(separator: " → "))
            }
        }
        if candidates.count > Self.mostCycleDates {
            found.append(
                "ownership cycles were sought on \(Self.mostCycleDates) of the \(candidates.count) dates where stakes "
                    + "inside a cycle change (from \(candidates[0]) to \(candidates[candidates.count - 1])); check "
                    + "other dates with compliance.ownership")
        }
        return found
    }
}
