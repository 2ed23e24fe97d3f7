/// The chain of majority owners above an entity on a date: its parent (an owner holding more than 50%), the parent's
/// parent, and so on up to the ultimate parent (the first with no majority owner recorded). The 2023 headquarters
/// provision (15 CFR 744.23(a)(3)) and the 2025 H20 letter reach entities "whose ultimate parent is headquartered in"
/// the places they name; an ultimate parent is found by following majority ownership up the chain
/// (shared/reference/export-controls.md: law-firm notes, evidence S).
public struct MajorityChain: Sendable {
    public struct Link: Sendable {
        /// The owner, as the stake names it.
        public var parent: String
        /// The entity it holds, as the stake names it (the end user, or the previous link's parent).
        public var child: String
        /// The owner's known stakes in the child on the date, summed.
        public var percent: Double
        /// The stakes' dates and sources, for the explanation.
        public var stakes: [OwnershipEdge]
    }

    /// The entity asked about.
    public var entity: String
    /// From the entity upwards; empty when no majority owner is recorded.
    public var links: [Link]
    /// Why the chain stops early (a majority-ownership cycle, or the length bound), or nil.
    public var stopped: String?

    /// The ultimate parent: the last link's parent, or the entity itself.
    public var ultimateParent: String { links.last?.parent ?? entity }

    /// "'Lion City Compute' ← Huawei Technologies Co., Ltd. 60% (from 2024-01-01, annual report)".
    public var path: String {
        "'\(entity)'"
            + links.map { link in
                let dates = link.stakes.compactMap { stake -> String? in
                    let parts = [stake.from.map { "from \($0)" }, stake.until.map { "until \($0)" }, stake.source]
                        .compactMap { $0 }
                    return parts.isEmpty ? nil : parts.joined(separator: ", ")
                }
                return " ← \(link.parent) \(OwnershipGraph.percent(link.percent))"
                    + (dates.isEmpty ? "" : " (\(dates.joined(separator: "; ")))")
            }.joined()
    }
}

extension PartyList {
    /// The majority owners above `name` on `date`, iteratively, stopping at a cycle or after `mostLinks` links.
    public func majorityChain(of name: String, on date: CalendarDay, mostLinks: Int = 1_000) -> MajorityChain {
        var chain = MajorityChain(entity: name, links: [], stopped: nil)
        var seen: Set<String> = [OwnershipGraph.key(name)]
        var current = name
        while chain.links.count < mostLinks {
            var byOwner: [String: (name: String, micro: Int64, stakes: [OwnershipEdge])] = [:]
            for stake in ownership.owners(of: current, on: date) {
                guard let percent = stake.percent else { continue }
                let key = OwnershipGraph.key(stake.owner)
                var entry = byOwner[key] ?? (stake.owner, 0, [])
                entry.micro += Int64((percent * 1_000_000).rounded())
                entry.stakes.append(stake)
                entry.name = min(entry.name, stake.owner)  // one spelling, whatever the order
                byOwner[key] = entry
            }
            // More than half: at most one owner, whatever the order.
            guard let (key, parent) = byOwner.first(where: { $0.value.micro > 50_000_000 }) else { return chain }
            chain.links.append(
                MajorityChain.Link(
                    parent: parent.name, child: current, percent: Double(parent.micro) / 1_000_000,
                    stakes: parent.stakes))
            guard seen.insert(key).inserted else {
                chain.stopped = "majority ownership runs in a cycle back to '\(parent.name)'"
                return chain
            }
            current = parent.name
        }
        chain.stopped = "the chain is longer than \(mostLinks) links"
        return chain
    }
}
