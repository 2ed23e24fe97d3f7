import FoundationEssentials

/// Who owns whom, by date: the party store's ownership edges, with the checks a compliance analyst needs before
/// trusting them (cycles, stakes that add up to more than 100%).
public struct OwnershipGraph: Sendable {
    public private(set) var edges: [OwnershipEdge] = []
    /// Edge indices by the normalised name of the owned entity.
    private(set) var byOwned: [String: [Int]] = [:]
    /// Edge indices by owner and owned (normalised), to find the same fact in constant time.
    private var byPair: [String: [Int]] = [:]

    public init() {}

    /// Names compare as the screening does: case, punctuation and diacritics never matter.
    public static func key(_ name: String) -> String { NameForm.words(in: name).joined(separator: " ") }

    /// Adds an edge; an edge that is wrong on its own (empty or overlong names, a percent outside (0, 100], an owner
    /// owning itself, until before from) is refused, saying why.
    ///
    /// The same fact twice is one fact: a stake of the same owner in the same entity for the same period replaces the
    /// one recorded (so re-running a notebook cell, or loading a file again, changes nothing). A stake whose period
    /// overlaps another period of the same owner in the same entity is refused, naming both: the two would add up.
    public mutating func add(_ edge: OwnershipEdge) throws(OwnershipError) {
        _ = try insert(edge)
    }

    /// Adds edges, all or none (see `add(_:)`); two edges of the list for the same owner, entity and period with
    /// different stakes are refused, naming both.
    public mutating func add(contentsOf list: [OwnershipEdge]) throws(OwnershipError) {
        var copy = self
        var added: [Int: Int] = [:]  // edge index → its position in `list`
        for (position, edge) in list.enumerated() {
            let index = try copy.insert(edge)
            if let earlier = added[index], list[earlier] != edge, list[earlier].percent != edge.percent {
                throw OwnershipError(
                    "\(Self.describe(list[earlier])) and \(Self.describe(edge)) are two different stakes for the "
                        + "same period: keep one")
            }
            added[index] = position
        }
        self = copy
    }

    /// Inserts or replaces `edge`, returning its index.
    private mutating func insert(_ edge: OwnershipEdge) throws(OwnershipError) -> Int {
        if let problem = edge.problem() { throw OwnershipError(problem) }
        let owned = Self.key(edge.owned)
        let owner = Self.key(edge.owner)
        let pair = owner + "\u{1}" + owned
        for index in byPair[pair] ?? [] {
            let recorded = edges[index]
            if recorded.from == edge.from, recorded.until == edge.until {
                edges[index] = edge
                return index
            }
            if recorded.overlaps(edge) {
                throw OwnershipError(
                    "\(Self.describe(edge)) overlaps \(Self.describe(recorded)), already recorded: the stakes "
                        + "would add up; give the same period to replace it, or end one before the other starts")
            }
        }
        byOwned[owned, default: []].append(edges.count)
        byPair[pair, default: []].append(edges.count)
        edges.append(edge)
        return edges.count - 1
    }

    /// "'Huawei' 30% of 'Alpha' from 2020-01-01 until 2023-01-01 (annual report)".
    static func describe(_ edge: OwnershipEdge) -> String {
        var text = "'\(edge.owner)' \(edge.percent.map(percent) ?? "a stake of unknown size") of '\(edge.owned)'"
        text += edge.from.map { " from \($0)" } ?? ""
        text += edge.until.map { " until \($0)" } ?? ""
        if edge.from == nil, edge.until == nil { text += " (undated)" }
        return text + (edge.source.map { " (\($0.prefix(80)))" } ?? "")
    }

    /// The stakes in `name` held on `date`.
    public func owners(of name: String, on date: CalendarDay) -> [OwnershipEdge] {
        stakes(in: name).filter { $0.isHeld(on: date) }
    }

    /// Every stake recorded in `name`, whatever its dates.
    public func stakes(in name: String) -> [OwnershipEdge] {
        (byOwned[Self.key(name)] ?? []).map { edges[$0] }
    }

    /// What is inconsistent on `date`: ownership cycles and entities whose known stakes add up to more than 100%.
    public func problems(on date: CalendarDay) -> [String] { problems(on: [date]) }

    /// Each cycle once (one per strongly connected component, its shortest cycle through its first name in key
    /// order), as the names from an owner through what it owns back to it, among the edges `indices` held on `date`
    /// (every date when nil). Iterative: any length of chain is fine.
    func cycles(among indices: [Int], on date: CalendarDay?) -> (cycles: [[String]], members: Set<String>) {
        var names: [String: String] = [:]  // key → a name as written
        var pairs: [(owner: String, owned: String)] = []
        for index in indices {
            let edge = edges[index]
            guard date.map(edge.isHeld(on:)) ?? true else { continue }
            let owner = Self.key(edge.owner)
            let owned = Self.key(edge.owned)
            names[owner] = names[owner] ?? edge.owner
            names[owned] = names[owned] ?? edge.owned
            pairs.append((owner, owned))
        }
        let keys = names.keys.sorted()
        var number: [String: Int] = [:]
        for (position, key) in keys.enumerated() { number[key] = position }
        var successors = [[Int]](repeating: [], count: keys.count)
        for pair in pairs { successors[number[pair.owner]!].append(number[pair.owned]!) }
        for node in successors.indices { successors[node].sort() }
        let components = OwnershipCycles.components(count: keys.count, successors: successors)
        let cycles = components.map { component in
            OwnershipCycles.cycle(through: component[0], in: Set(component), successors: successors).map {
                names[keys[$0]]!
            }
        }
        return (cycles, Set(components.joined().map { keys[$0] }))
    }

    public static func percent(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }
}

/// An ownership edge or file that could not be taken: what is wrong, and where.
public struct OwnershipError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
