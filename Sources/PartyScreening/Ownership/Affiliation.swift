/// Whether an entity is covered through its owners on a date — the 50% reading of the Affiliates Rule (15 CFR
/// 744.11, 2025-09-29) and of OFAC's 50 Percent Rule guidance, which it follows: an entity is covered when listed
/// parties, or entities themselves covered this way, together hold 50% or more of it. A covered intermediate's stake
/// counts in full (OFAC FAQ 401: 50% of A owned by a listed party, 50% of B owned by A → B is covered), and stakes of
/// several covered owners add up.
public struct Affiliation: Sendable {
    public enum Verdict: String, Sendable {
        /// The entity is itself on a list.
        case listed
        /// Listed or covered owners hold 50% or more.
        case covered
        case notCovered = "not covered"
        /// A listed owner is known but the stakes do not settle it (a stake of unknown size, or an unknown remainder
        /// large enough to reach 50%): the rule's duty to determine ownership applies.
        case undetermined
    }

    public var verdict: Verdict
    /// The known stakes held by listed or covered owners, in percent.
    public var coveredPercent: Double
    /// The listed parties the coverage goes back to, with how their names matched.
    public var listedOwners: [ScreeningMatch]
    /// One sentence saying why, with the path: "55% owned by listed or covered parties: Huawei … 30% (Entity List,
    /// listed 2019-05-16) + HiSilicon 25% (covered: …)".
    public var explanation: String
}

extension PartyList {
    /// The entity's affiliation on `date` through the ownership graph, counting owners on the lists `counts` accepts
    /// (the Affiliates Rule: the Entity List and the MEU List).
    public func affiliation(
        of name: String, on date: CalendarDay, counts: @escaping (Party) -> Bool = { _ in true },
        threshold: Double = 0.8
    ) -> Affiliation {
        var evaluator = AffiliationEvaluator(parties: self, date: date, counts: counts, threshold: threshold)
        return evaluator.evaluate(name).affiliation
    }
}

private struct AffiliationEvaluator {
    struct Node {
        var affiliation: Affiliation
        /// How it reads inside a parent's explanation: "(Entity List, listed 2019-05-16)".
        var short: String
    }

    let parties: PartyList
    let date: CalendarDay
    let counts: (Party) -> Bool
    let threshold: Double
    var memo: [String: Node] = [:]
    var visiting = Set<String>()

    init(parties: PartyList, date: CalendarDay, counts: @escaping (Party) -> Bool, threshold: Double) {
        self.parties = parties
        self.date = date
        self.counts = counts
        self.threshold = threshold
    }

    static func match(_ match: ScreeningMatch, for name: String) -> String {
        var text = match.list.components(separatedBy: " - ").first ?? match.list
        if let listedOn = match.party.listedOn { text += ", listed \(listedOn)" }
        if match.score < 1 || OwnershipGraph.key(match.party.name) != OwnershipGraph.key(name) {
            text += "; '\(name)' matched '\(match.matchedName)' at score \((match.score * 100).rounded() / 100)"
            if match.score < 1 { text += ", a fuzzy match" }
        }
        return text
    }

    mutating func evaluate(_ name: String) -> Node {
        let key = OwnershipGraph.key(name)
        if let known = memo[key] { return known }
        if visiting.contains(key) {
            return Node(
                affiliation: Affiliation(
                    verdict: .notCovered, coveredPercent: 0, listedOwners: [],
                    explanation: "'\(name)' is in an ownership cycle"), short: "(in a cycle)")
        }
        if let listing = parties.isListed(name, on: date, threshold: threshold), counts(listing.party) {
            let how = Self.match(listing, for: name)
            let node = Node(
                affiliation: Affiliation(
                    verdict: .listed, coveredPercent: 100, listedOwners: [listing],
                    explanation: "'\(name)' is listed (\(how))"), short: "(\(how))")
            memo[key] = node
            return node
        }
        let stakes = parties.ownership.owners(of: name, on: date)
        guard !stakes.isEmpty else {
            let node = Node(
                affiliation: Affiliation(
                    verdict: .notCovered, coveredPercent: 0, listedOwners: [],
                    explanation: "no owners of '\(name)' are recorded for \(date)"),
                short: "(no recorded owners)")
            memo[key] = node
            return node
        }
        visiting.insert(key)
        var covered = 0.0
        var parts: [String] = []
        var roots: [ScreeningMatch] = []
        var unsized: [String] = []
        var open: [(owner: String, percent: Double?)] = []
        for stake in stakes {
            let owner = evaluate(stake.owner)
            switch owner.affiliation.verdict {
            case .listed, .covered:
                roots += owner.affiliation.listedOwners
                if let percent = stake.percent {
                    covered += percent
                    parts.append("\(stake.owner) \(OwnershipGraph.percent(percent)) \(owner.short)")
                } else {
                    unsized.append(stake.owner)
                }
            case .undetermined: open.append((stake.owner, stake.percent))
            case .notCovered: break
            }
        }
        visiting.remove(key)
        let known = stakes.reduce(0.0) { $0 + ($1.percent ?? 0) }
        let unknown = max(0, 100 - known)
        let held = OwnershipGraph.percent(covered)
        let listedText = parts.joined(separator: " + ")
        var result: Affiliation
        if covered >= 50 {
            result = Affiliation(
                verdict: .covered, coveredPercent: covered, listedOwners: roots,
                explanation: "'\(name)' is \(held) owned by listed or covered parties: \(listedText)")
        } else if !unsized.isEmpty {
            result = Affiliation(
                verdict: .undetermined, coveredPercent: covered, listedOwners: roots,
                explanation: "'\(name)' has listed or covered owners holding stakes of unknown size ("
                    + unsized.joined(separator: ", ") + (parts.isEmpty ? "" : "; known: \(listedText)")
                    + "): find their share")
        } else if !open.isEmpty, covered + open.reduce(0.0, { $0 + ($1.percent ?? 100) }) >= 50 {
            result = Affiliation(
                verdict: .undetermined, coveredPercent: covered, listedOwners: roots,
                explanation: "'\(name)' is \(held) owned by listed or covered parties"
                    + (parts.isEmpty ? "" : " (\(listedText))") + ", and whether "
                    + open.map(\.owner).joined(separator: ", ") + " is covered is not settled")
        } else if covered > 0, covered + unknown >= 50 {
            result = Affiliation(
                verdict: .undetermined, coveredPercent: covered, listedOwners: roots,
                explanation: "'\(name)' is \(held) owned by listed or covered parties (\(listedText)), "
                    + "and the owners of \(OwnershipGraph.percent(unknown)) are not recorded: "
                    + "together they could reach 50%")
        } else {
            let why =
                covered > 0
                ? "only \(held) owned by listed or covered parties (\(listedText))"
                : "owned by no listed or covered party"
            result = Affiliation(
                verdict: .notCovered, coveredPercent: covered, listedOwners: roots,
                explanation: "'\(name)' is \(why); recorded owners hold \(OwnershipGraph.percent(known))")
        }
        let short = result.verdict == .covered ? "(covered: \(held) owned by listed or covered parties)" : ""
        let node = Node(affiliation: result, short: short)
        memo[key] = node
        return node
    }
}
