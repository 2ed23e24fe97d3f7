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

    /// The answer over time: evaluated at every date a rule or a country-group membership changes, merged into
    /// periods with the same answer.
    public func timeline(_ question: ExportQuestion, from start: CalendarDay? = nil, to end: CalendarDay? = nil)
        -> [TimelinePeriod]
    {
        var dates = Set(rules.boundaries)
        for membership in countries.memberships where membership.iso2 == question.destination.iso2 {
            if let from = membership.from { dates.insert(from) }
            if let until = membership.until { dates.insert(until) }
        }
        if let endUser = question.endUser {
            for match in parties.screen(endUser) {
                if let listed = match.party.listedOn { dates.insert(listed) }
                if let removed = match.party.removedOn { dates.insert(removed) }
            }
            // Stakes bought or sold, and the listings of the owners, up the end user's ownership chains.
            var seen = Set<String>()
            var owned = [endUser]
            while let name = owned.popLast() {
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
        var periods: [TimelinePeriod] = []
        for date in sorted {
            var asked = question
            asked.date = date
            let answer = check(asked)
            if let last = periods.last, Self.sameAnswer(last.determination, answer) { continue }
            if !periods.isEmpty { periods[periods.count - 1].until = date }
            periods.append(TimelinePeriod(from: date, until: nil, determination: answer))
        }
        // A period that reaches past a data set's as-of date says so, even when its first day does not.
        for index in periods.indices {
            let last = periods[index].until.flatMap { $0.adding(days: -1) }
            periods[index].determination.notes = unique(
                periods[index].determination.notes + currencyNotes(through: last))
        }
        return periods
    }

    static func sameAnswer(_ a: ExportDetermination, _ b: ExportDetermination) -> Bool {
        a.classification.eccn == b.classification.eccn && a.licenseRequired == b.licenseRequired && a.policy == b.policy
            && a.status == b.status && a.rule == b.rule && a.exceptions == b.exceptions
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
