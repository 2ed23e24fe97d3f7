/// The sentence an `Affiliation` carries, from the solver's two fixed points: the path from the entity up to each
/// listed party, with stakes and listing dates, and any ownership cycle on the way.
struct OwnershipExplanation {
    let solver: OwnershipSolver
    /// Levels of the covered set and of the possibly-covered set (-1: not in it).
    let covered: [Int]
    let possible: [Int]
    /// Entities already spelled out (each once; later mentions say "see above").
    private var explained = Set<Int>()

    init(solver: OwnershipSolver, covered: [Int], possible: [Int]) {
        self.solver = solver
        self.covered = covered
        self.possible = possible
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

    mutating func affiliation() -> Affiliation {
        let entity = solver.entities[0]
        let name = entity.name
        let date = solver.date
        if let listing = entity.listing {
            return Affiliation(
                verdict: .listed, coveredPercent: 100, listedOwners: [listing],
                explanation: "'\(name)' is listed (\(Self.match(listing, for: name)))")
        }
        guard !entity.stakes.isEmpty else {
            return Affiliation(
                verdict: .notCovered, coveredPercent: 0, listedOwners: [],
                explanation: "no owners of '\(name)' are recorded for \(date)")
        }
        explained.insert(0)
        let coveredShare = held(by: 0)
        let held = OwnershipGraph.percent(Double(coveredShare) / 1_000_000)
        let listedText = parts(of: 0, depth: 0)
        let unsized = unique(entity.stakes.filter { covered[$0.owner] >= 0 && $0.share == nil }.map(\.owner))
        let open = unique(entity.stakes.filter { possible[$0.owner] >= 0 && covered[$0.owner] < 0 }.map(\.owner))
        let unknown = OwnershipGraph.percent(Double(max(0, OwnershipSolver.whole - entity.known)) / 1_000_000)
        let entities = solver.entities
        let names = { (list: [Int]) in list.map { entities[$0].name }.joined(separator: ", ") }
        var verdict = Affiliation.Verdict.notCovered
        var text: String
        if covered[0] >= 0 {
            verdict = .covered
            text = "'\(name)' is \(held) owned by listed or covered parties: \(listedText)"
        } else if possible[0] >= 0 {
            verdict = .undetermined
            if !unsized.isEmpty {
                text =
                    "'\(name)' has listed or covered owners holding stakes of unknown size (" + names(unsized)
                    + (listedText.isEmpty ? "" : "; known: \(listedText)") + "): find their share"
            } else if !open.isEmpty {
                text =
                    "'\(name)' is \(held) owned by listed or covered parties"
                    + (listedText.isEmpty ? "" : " (\(listedText))") + ", and whether " + names(open)
                    + (open.count == 1 ? " is" : " are") + " covered is not settled"
            } else {
                text =
                    "'\(name)' is \(held) owned by listed or covered parties (\(listedText)), and the owners of "
                    + "\(unknown) are not recorded: together they could reach 50%"
            }
        } else {
            let why =
                coveredShare > 0
                ? "only \(held) owned by listed or covered parties (\(listedText))"
                : "owned by no listed or covered party"
            let recorded = OwnershipGraph.percent(Double(entity.known) / 1_000_000)
            text = "'\(name)' is \(why); recorded owners hold \(recorded)"
        }
        let cycles = solver.cycles()
        if !cycles.isEmpty {
            text +=
                "; ownership cycle: "
                + cycles.prefix(3).map { $0.joined(separator: " → ") }.joined(separator: "; ")
                + (cycles.count > 3 ? " and \(cycles.count - 3) more" : "")
                + " (settled as a fixed point: a stake inside a cycle counts once its owner is covered from outside)"
        }
        if solver.truncated {
            text +=
                "; aikit followed the owners of \(solver.mostEntities) entities above '\(name)' and stopped "
                + "there: owners beyond them count as unknown"
        }
        return Affiliation(
            verdict: verdict, coveredPercent: Double(coveredShare) / 1_000_000,
            listedOwners: listedRoots(through: verdict == .undetermined ? possible : covered), explanation: text)
    }

    /// The known stakes in `entity` of covered owners, in millionths of a percent.
    private func held(by entity: Int) -> Int64 {
        solver.entities[entity].stakes.reduce(0) { $0 + (covered[$1.owner] >= 0 ? $1.share ?? 0 : 0) }
    }

    /// "Huawei … 30% (Entity List (EL), listed 2019-05-16) + Holdco 25% (covered: …)": the covered owners with
    /// known stakes, largest first.
    private mutating func parts(of entity: Int, depth: Int) -> String {
        var shares: [Int: Int64] = [:]
        for stake in solver.entities[entity].stakes where covered[stake.owner] >= 0 {
            if let share = stake.share { shares[stake.owner, default: 0] += share }
        }
        let level = covered[entity] >= 0 ? covered[entity] : Int.max
        // Owners covered before this entity first (they are why it is covered), then by stake and name.
        let ordered = shares.sorted { a, b in
            let (first, second) = (covered[a.key] < level ? 1 : 0, covered[b.key] < level ? 1 : 0)
            return (first, a.value, solver.entities[b.key].name) > (second, b.value, solver.entities[a.key].name)
        }
        var texts: [String] = []
        for (owner, share) in ordered.prefix(OwnershipSolver.mostOwnersNamed) {
            let note = short(owner, depth: depth + 1, below: level)
            texts.append(
                "\(solver.entities[owner].name) \(OwnershipGraph.percent(Double(share) / 1_000_000))"
                    + (note.isEmpty ? "" : " \(note)"))
        }
        if ordered.count > OwnershipSolver.mostOwnersNamed {
            let rest = ordered.dropFirst(OwnershipSolver.mostOwnersNamed).reduce(Int64(0)) { $0 + $1.value }
            texts.append(
                "\(ordered.count - OwnershipSolver.mostOwnersNamed) more holding "
                    + OwnershipGraph.percent(Double(rest) / 1_000_000))
        }
        return texts.joined(separator: " + ")
    }

    /// How a covered owner reads inside its child's explanation.
    private mutating func short(_ entity: Int, depth: Int, below level: Int) -> String {
        let owner = solver.entities[entity]
        if let listing = owner.listing { return "(\(Self.match(listing, for: owner.name)))" }
        let held = OwnershipGraph.percent(Double(held(by: entity)) / 1_000_000)
        // Spelled out once, along a path that goes down in level (so never round a cycle), within the bounds.
        guard !explained.contains(entity), covered[entity] < level, depth <= OwnershipSolver.deepestExplanation,
            explained.count < OwnershipSolver.mostExplained
        else {
            let why = explained.contains(entity) ? ", see above" : covered[entity] >= level ? "" : ", …"
            return "(covered: \(held) owned by listed or covered parties\(why))"
        }
        explained.insert(entity)
        return "(covered: \(held) owned by listed or covered parties: \(parts(of: entity, depth: depth)))"
    }

    /// The listed parties reached from the entity through owners in `set`, by name.
    private func listedRoots(through set: [Int]) -> [ScreeningMatch] {
        var seen: Set<Int> = [0]
        var queue = [0]
        var head = 0
        var roots: [ScreeningMatch] = []
        while head < queue.count {
            let entity = queue[head]
            head += 1
            if let listing = solver.entities[entity].listing { roots.append(listing) }
            for stake in solver.entities[entity].stakes where set[stake.owner] >= 0 && seen.insert(stake.owner).inserted
            {
                queue.append(stake.owner)
            }
        }
        return roots.sorted { ($0.party.name, $0.party.list) < ($1.party.name, $1.party.list) }
    }

    private func unique(_ list: [Int]) -> [Int] {
        var seen = Set<Int>()
        return list.filter { seen.insert($0).inserted }
    }
}
