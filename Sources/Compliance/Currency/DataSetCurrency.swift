public import PartyScreening

/// How current an answer's data is: a data set describes the world as of its date, so an answer for a later date
/// rests on the assumption that nothing changed since. The answer says so, naming the date, and (when BIS's Federal
/// Register documents were fetched with `aikit compliance news`) how many documents BIS has published since.
extension ComplianceEngine {
    /// The notes an answer dated `date` carries: one per data set whose as-of date is before `date`, and one per
    /// rule whose scheduled change (a suspension's end) falls after the rules' as-of date and on or before `date`,
    /// saying what the answer assumes. Nothing is formatted when every data set is current (the common case).
    public func currencyNotes(on date: CalendarDay) -> [String] {
        guard dataSets.contains(where: { $0.kind != .news && $0.asOf.map { $0 < date } ?? false }) else { return [] }
        let news = dataSets.last { $0.kind == .news }
        var notes: [String] = []
        for set in dataSets where set.kind != .news {
            guard let asOf = set.asOf, asOf < date else { continue }
            var note = "\(set.kind.rawValue) '\(set.name)' are as of \(asOf), before this answer's date: "
            switch set.kind {
            case .rules:
                note += "what BIS has published since is not in them"
                if let news, let fetched = news.asOf {
                    let since = news.documentDates.filter { $0 > asOf }.count
                    note +=
                        "; \(since) BIS document\(since == 1 ? "" : "s") appeared in the Federal Register after "
                        + "\(asOf) (news fetched \(fetched); `aikit compliance news` lists them)"
                } else {
                    note += " (`aikit compliance news` lists BIS's Federal Register documents since \(asOf))"
                }
            case .parties, .ownership:
                note +=
                    "listings, removals and stakes since are not in them (`aikit compliance fetch` for a newer list)"
            case .news:
                continue
            }
            notes.append(note)
        }
        notes += scheduledChangeAssumptions(on: date)
        return notes
    }

    /// The notes for an answer that holds from a date until `last` (nil: until further notice), as a timeline
    /// period does: those of its last day.
    public func currencyNotes(through last: CalendarDay?) -> [String] {
        currencyNotes(on: last ?? Self.lastDay)
    }

    private static let lastDay = try! CalendarDay(year: 9999, month: 12, day: 31)

    /// Rules whose suspension ends after the rules' as-of date and on or before `date`: the data cannot know whether
    /// the suspension was extended, so the answer assumes it was not (as the rule itself said, "absent a future
    /// extension"; shared/reference/export-controls.md on the Affiliates Rule).
    func scheduledChangeAssumptions(on date: CalendarDay) -> [String] {
        let rulesAsOf = dataSets.filter { $0.kind == .rules }.compactMap(\.asOf).max()
        var notes: [String] = []
        for rule in rules.rules {
            guard let resumes = rule.enforcementResumes, resumes <= date, rulesAsOf.map({ resumes > $0 }) ?? true
            else { continue }
            let ended = resumes.adding(days: -1).map(\.description) ?? resumes.description
            notes.append(
                "assumed: \(rule.id) (\(rule.title)) binds again from \(resumes) — its suspension ran to \(ended) "
                    + "absent a future extension, and the rules (as of \(rulesAsOf?.description ?? "an unstated date")) "
                    + "cannot know of one; check `aikit compliance news` before relying on this answer")
        }
        return notes
    }
}
