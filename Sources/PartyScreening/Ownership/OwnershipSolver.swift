/// The Affiliates Rule's 50% test as a fixed point over the owners above one entity (see
/// `PartyList.affiliation(of:on:counts:threshold:)`).
///
/// Two least fixed points, each reached level by level from the listed parties (Kleene iteration, so the result is a
/// set and no insertion order can change it): *covered* counts known stakes of listed or covered owners; *possibly
/// covered* also counts stakes of unknown size as whole, the unrecorded remainder of an entity that has such an owner,
/// and entities past the exploration bound. Covered → covered; possibly covered only → undetermined; else not
/// covered. Shares are summed in millionths of a percent, so sums are exact whatever the order.
struct OwnershipSolver {
    /// How deep an explanation spells out the path to the listed parties, and how many entities it names.
    static let deepestExplanation = 12
    static let mostExplained = 64
    /// How many covered owners of one entity an explanation names (the rest are counted, with their total).
    static let mostOwnersNamed = 20

    static let whole: Int64 = 100_000_000
    static let half: Int64 = 50_000_000

    struct Stake {
        var owner: Int
        /// Millionths of a percent; nil when the size is unknown.
        var share: Int64?
    }

    struct Entity {
        var name: String
        var listing: ScreeningMatch?
        /// Owners on the date, in a fixed order (by name, then period and size).
        var stakes: [Stake] = []
        /// Sum of the known stakes.
        var known: Int64 = 0
        /// Whether its owners were looked up (false past `mostEntities`).
        var expanded = false
    }

    let parties: PartyList
    let date: CalendarDay
    let counts: (Party) -> Bool
    let threshold: Double
    /// The most entities followed above the one asked about; owners beyond count as unknown (the answer stays sound:
    /// never "covered" without a path to a listed party, never "not covered" when an unexplored owner could cover it).
    let mostEntities: Int
    var entities: [Entity] = []
    var number: [String: Int] = [:]
    var truncated = false

    init(
        parties: PartyList, date: CalendarDay, counts: @escaping (Party) -> Bool, threshold: Double, mostEntities: Int
    ) {
        self.mostEntities = max(1, mostEntities)
        self.parties = parties
        self.date = date
        self.counts = counts
        self.threshold = threshold
    }

    mutating func affiliation(of name: String) -> Affiliation {
        explore(from: name)
        let covered = fixedPoint(possible: false)
        let possible = fixedPoint(possible: true)
        var text = OwnershipExplanation(solver: self, covered: covered, possible: possible)
        return text.affiliation()
    }

    /// The entity numbered for `name` (by its screening key), added when new.
    private mutating func entity(_ name: String) -> Int {
        let key = OwnershipGraph.key(name)
        if let known = number[key] { return known }
        number[key] = entities.count
        entities.append(Entity(name: name))
        return entities.count - 1
    }

    /// Breadth-first up the owners from `name`, stopping at listed parties and after `mostEntities` entities.
    private mutating func explore(from name: String) {
        _ = entity(name)
        var head = 0
        while head < entities.count {
            guard head < mostEntities else {
                truncated = true
                break
            }
            let current = head
            head += 1
            let name = entities[current].name
            entities[current].expanded = true
            if let listing = parties.isListed(name, on: date, threshold: threshold), counts(listing.party) {
                entities[current].listing = listing
                continue
            }
            let held = parties.ownership.owners(of: name, on: date).map { (key: OwnershipGraph.key($0.owner), $0) }
                .sorted { a, b in
                    (a.key, a.1.owner, a.1.from?.description ?? "", a.1.percent ?? -1)
                        < (b.key, b.1.owner, b.1.from?.description ?? "", b.1.percent ?? -1)
                }
            for (_, edge) in held {
                let share = edge.percent.map { Int64(($0 * 1_000_000).rounded()) }
                let owner = entity(edge.owner)
                entities[current].stakes.append(Stake(owner: owner, share: share))
                entities[current].known += share ?? 0
            }
        }
    }

    /// The level at which each entity joins the set (0: listed, or unexplored when `possible`), or -1.
    func fixedPoint(possible: Bool) -> [Int] {
        var owned = [[(entity: Int, share: Int64?)]](repeating: [], count: entities.count)
        for (index, entity) in entities.enumerated() {
            for stake in entity.stakes { owned[stake.owner].append((index, stake.share)) }
        }
        var level = [Int](repeating: -1, count: entities.count)
        var frontier = entities.indices.filter { entities[$0].listing != nil || (possible && !entities[$0].expanded) }
        for index in frontier { level[index] = 0 }
        var sums = [Int64](repeating: 0, count: entities.count)
        var touchedAt = [Int](repeating: 0, count: entities.count)
        var depth = 0
        while !frontier.isEmpty {
            depth += 1
            var touched: [Int] = []
            for owner in frontier {
                for (child, share) in owned[owner] where level[child] < 0 {
                    guard let share = share ?? (possible ? Self.whole : nil) else { continue }
                    if touchedAt[child] != depth {
                        touchedAt[child] = depth
                        touched.append(child)
                    }
                    sums[child] += share
                }
            }
            frontier = touched.filter { child in
                let remainder = possible ? max(0, Self.whole - entities[child].known) : 0
                guard sums[child] + remainder >= Self.half else { return false }
                level[child] = depth
                return true
            }
        }
        return level
    }

    /// Each ownership cycle among the entities, as names from an owner through what it owns back to it.
    func cycles() -> [[String]] {
        var successors = [[Int]](repeating: [], count: entities.count)
        for (index, entity) in entities.enumerated() {
            for stake in entity.stakes { successors[stake.owner].append(index) }
        }
        return OwnershipCycles.components(count: entities.count, successors: successors).map { component in
            OwnershipCycles.cycle(through: component[0], in: Set(component), successors: successors).map {
                entities[$0].name
            }
        }
    }
}
