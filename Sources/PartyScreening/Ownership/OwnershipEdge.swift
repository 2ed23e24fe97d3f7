/// One stake: `owner` holds `percent` of `owned` from `from` (inclusive) until `until` (exclusive), as a source says.
public struct OwnershipEdge: Sendable, Equatable {
    public var owner: String
    public var owned: String
    /// 0 < percent ≤ 100; nil when the source names the stake but not its size (OpenSanctions often does).
    public var percent: Double?
    public var from: CalendarDay?
    public var until: CalendarDay?
    public var source: String?
    /// "P" (primary source), "S" (secondary) or "U" (unverified, the default).
    public var evidence: String

    public init(
        owner: String, owned: String, percent: Double?, from: CalendarDay? = nil, until: CalendarDay? = nil,
        source: String? = nil, evidence: String = "U"
    ) {
        self.owner = owner
        self.owned = owned
        self.percent = percent
        self.from = from
        self.until = until
        self.source = source
        self.evidence = evidence
    }

    /// Whether the stake is held on `date`.
    public func isHeld(on date: CalendarDay) -> Bool {
        if let from, date < from { return false }
        if let until, date >= until { return false }
        return true
    }

    /// Whether the two periods share a day.
    func overlaps(_ other: OwnershipEdge) -> Bool {
        if let until, let from = other.from, until <= from { return false }
        if let from, let until = other.until, until <= from { return false }
        return true
    }

    /// What is wrong with the edge on its own, or nil.
    func problem() -> String? {
        if owner.allSatisfy(\.isWhitespace) { return "the owner is empty" }
        if owned.allSatisfy(\.isWhitespace) { return "the owned entity is empty" }
        for (field, text) in [("owner", owner), ("owned", owned)] where text.utf8.count > ImportLimits.longestName {
            return ImportLimits.tooLong(field, text, limit: ImportLimits.longestName)
        }
        if let source, source.utf8.count > ImportLimits.longestText {
            return ImportLimits.tooLong("source", source, limit: ImportLimits.longestText)
        }
        if OwnershipGraph.key(owner) == OwnershipGraph.key(owned) { return "'\(owner)' cannot own itself" }
        if let percent, !(percent > 0 && percent <= 100) {
            return "percent \(percent) is not in (0, 100]"
        }
        if let from, let until, until <= from { return "until \(until) is not after from \(from)" }
        if !["P", "S", "U"].contains(evidence) { return "evidence '\(evidence.prefix(40))' is not P, S or U" }
        return nil
    }
}
