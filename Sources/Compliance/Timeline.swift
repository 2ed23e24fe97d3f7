public import PartyScreening

/// What changed for a question between two dates, and which rules changed it.
public struct DeterminationDiff: Sendable {
    public var from: ExportDetermination
    public var to: ExportDetermination
    /// "licence required: no → yes", "policy: presumption of denial → case-by-case", ...
    public var changes: [String]
    /// Rules that decide differently on the two dates, with the date their status changed and their citation.
    public var rules: [(rule: String, change: String, citation: String)]
}

/// One stretch of time with the same answer.
public struct TimelinePeriod: Sendable {
    public var from: CalendarDay
    /// Exclusive; nil for "until further notice".
    public var until: CalendarDay?
    public var determination: ExportDetermination
}

extension ComplianceEngine {
    /// The same question answered by `earlier` (this engine before a data set was loaded, say) and by this engine.
    public func diff(_ question: ExportQuestion, against earlier: ComplianceEngine) -> DeterminationDiff {
        compare(earlier.check(question), check(question)) { _ in "" }
    }

    /// Compares the answers on two dates.
    public func diff(_ question: ExportQuestion, from: CalendarDay, to: CalendarDay) -> DeterminationDiff {
        var early = question
        early.date = from
        var late = question
        late.date = to
        return compare(check(early), check(late)) { rule in
            rule.boundaries.filter { $0 > from && $0 <= to }.map(\.description).joined(separator: ", ")
        }
    }

    /// What changed from answer `a` to answer `b`, and which rules changed it (`boundary`: when a rule's status
    /// changed between the two, for the message).
    private func compare(_ a: ExportDetermination, _ b: ExportDetermination, boundary: (Rule) -> String)
        -> DeterminationDiff
    {
        var changes: [String] = []
        func note(_ label: String, _ x: String, _ y: String) { if x != y { changes.append("\(label): \(x) → \(y)") } }
        note("ECCN", a.classification.eccn ?? "none", b.classification.eccn ?? "none")
        note("licence required", a.licenseRequired ? "yes" : "no", b.licenseRequired ? "yes" : "no")
        note("policy", a.policy ?? "none", b.policy ?? "none")
        note("status", a.status, b.status)
        note(
            "exceptions", a.exceptions.joined(separator: ", ").ifEmpty("none"),
            b.exceptions.joined(separator: ", ").ifEmpty("none"))
        note("deciding rule", a.rule ?? "none", b.rule ?? "none")

        var rules: [(String, String, String)] = []
        let before = Dictionary(a.trace.map { ($0.rule, $0) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.trace.map { ($0.rule, $0) }, uniquingKeysWith: { x, _ in x })
        for rule in self.rules.rules {
            let x = before[rule.id]
            let y = after[rule.id]
            let wasLive = x?.matched == true
            let isLive = y?.matched == true
            let statusChanged = x?.status != y?.status
            guard wasLive != isLive || (statusChanged && (wasLive || isLive)) else { continue }
            let when = boundary(rule)
            let change =
                "\(x.map { "\($0.status.rawValue)\($0.matched == true ? ", applies" : "")" } ?? "not current") → "
                + "\(y.map { "\($0.status.rawValue)\($0.matched == true ? ", applies" : "")" } ?? "not current")"
                + (when.isEmpty ? "" : " (changed on \(when))")
            rules.append((rule.id, change, rule.citationText))
        }
        return DeterminationDiff(from: a, to: b, changes: changes, rules: rules)
    }

    /// The answer over time: evaluated at every date a rule, a country-group membership, a listing or a stake up the
    /// end user's ownership changes, merged into periods with the same answer; at most `mostDates` dates (the last
    /// period then says where the timeline stopped).
    public func timeline(
        _ question: ExportQuestion, from start: CalendarDay? = nil, to end: CalendarDay? = nil, mostDates: Int = 500
    ) -> [TimelinePeriod] {
        var dates = Set(rules.boundaries)
        // The destination's group memberships, and for a territory the EAR folds into a country, the dates of the
        // folding and that country's memberships.
        var places = [question.destination.iso2]
        for territory in countries.territories where territory.iso2 == question.destination.iso2 {
            if let from = territory.from { dates.insert(from) }
            if let until = territory.until { dates.insert(until) }
            places.append(territory.treatedAs)
        }
        for membership in countries.memberships where places.contains(membership.iso2) {
            if let from = membership.from { dates.insert(from) }
            if let until = membership.until { dates.insert(until) }
        }
        if let endUser = question.endUser {
            for match in parties.screen(endUser) {
                if let listed = match.party.listedOn { dates.insert(listed) }
                if let removed = match.party.removedOn { dates.insert(removed) }
            }
            // Stakes bought or sold, and the listings of the owners, up the end user's ownership chains.
            // (Bounded as the 50% test is: past the bound, owners count as unknown there too.)
            var seen = Set<String>()
            var owned = [endUser]
            while let name = owned.popLast(), seen.count < Self.mostTimelineOwners {
                guard seen.insert(OwnershipGraph.key(name)).inserted else { continue }
                for stake in parties.ownership.stakes(in: name) {
                    if let from = stake.from { dates.insert(from) }
                    if let until = stake.until { dates.insert(until) }
                    for match in parties.screen(stake.owner) {
                        if let listed = match.party.listedOn { dates.insert(listed) }
                        if let removed = match.party.removedOn { dates.insert(removed) }
                    }
                    owned.append(stake.owner)
                }
            }
        }
        var sorted = dates.sorted()
        if let start { sorted = [start] + sorted.filter { $0 > start } }
        if let end { sorted = sorted.filter { $0 <= end } }
        // Each date is a determination (up the whole ownership graph): a hostile file of stakes each dated its own
        // day must not make a timeline run for hours. Past the bound, the last period says where it stopped.
        let evaluated = sorted.prefix(max(1, mostDates))
        var periods: [TimelinePeriod] = []
        for date in evaluated {
            var asked = question
            asked.date = date
            let answer = check(asked)
            if let last = periods.last, Self.sameAnswer(last.determination, answer) { continue }
            if !periods.isEmpty { periods[periods.count - 1].until = date }
            periods.append(TimelinePeriod(from: date, until: nil, determination: answer))
        }
        if sorted.count > evaluated.count, !periods.isEmpty {
            periods[periods.count - 1].until = sorted[evaluated.count]
            periods[periods.count - 1].determination.notes.append(
                "the timeline stops at \(sorted[evaluated.count]): the question changes on \(sorted.count) dates, "
                    + "more than the \(max(1, mostDates)) a timeline evaluates; ask again with from = "
                    + "\(sorted[evaluated.count])")
        }
        // A period that reaches past a data set's as-of date says so, even when its first day does not.
        for index in periods.indices {
            let last = periods[index].until.flatMap { $0.adding(days: -1) }
            periods[index].determination.notes = unique(
                periods[index].determination.notes + currencyNotes(through: last))
        }
        return periods
    }

    /// The most owners a timeline walks for dates.
    static let mostTimelineOwners = 100_000

    static func sameAnswer(_ a: ExportDetermination, _ b: ExportDetermination) -> Bool {
        a.classification.eccn == b.classification.eccn && a.licenseRequired == b.licenseRequired && a.policy == b.policy
            && a.status == b.status && a.rule == b.rule && a.exceptions == b.exceptions
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
