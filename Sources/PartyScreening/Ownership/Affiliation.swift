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
    ///
    /// Decided as a fixed point over the owners above the entity, so the answer is the same whatever order the stakes
    /// were added in, cycles included: an entity is covered when covered or listed owners hold 50% or more, starting
    /// from the listed parties and repeating until nothing changes (the least such set; stakes inside a cycle count
    /// once their owner is covered from outside it). Iterative, linear in the stakes above the entity, and bounded:
    /// past `mostEntities` entities (100,000 by default) the owners beyond count as unknown, and the explanation
    /// says so.
    public func affiliation(
        of name: String, on date: CalendarDay, counts: @escaping (Party) -> Bool = { _ in true },
        threshold: Double = 0.8, mostEntities: Int = 100_000
    ) -> Affiliation {
        var solver = OwnershipSolver(
            parties: self, date: date, counts: counts, threshold: threshold, mostEntities: mostEntities)
        return solver.affiliation(of: name)
    }
}
