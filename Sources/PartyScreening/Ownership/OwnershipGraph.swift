import FoundationEssentials

/// Who owns whom, by date: the party store's ownership edges, with the checks a compliance analyst needs before
/// trusting them (cycles, stakes that add up to more than 100%).
public struct OwnershipGraph: Sendable {
    public private(set) var edges: [OwnershipEdge] = []
    /// Edge indices by the normalised name of the owned entity.
    private var byOwned: [String: [Int]] = [:]

    public init() {}

    /// Names compare as the screening does: case, punctuation and diacritics never matter.
    public static func key(_ name: String) -> String { NameForm.words(in: name).joined(separator: " ") }

    /// Adds an edge; an edge that is wrong on its own (empty names, a percent outside (0, 100], an owner owning
    /// itself, until before from) is refused, saying why.
    public mutating func add(_ edge: OwnershipEdge) throws(OwnershipError) {
        if let problem = edge.problem() { throw OwnershipError(problem) }
        byOwned[Self.key(edge.owned), default: []].append(edges.count)
        edges.append(edge)
    }

    public mutating func add(contentsOf list: [OwnershipEdge]) throws(OwnershipError) {
        var copy = self
        for edge in list { try copy.add(edge) }
        self = copy
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
    public func problems(on date: CalendarDay) -> [String] {
        var problems: [String] = []
        var totals: [String: (name: String, percent: Double)] = [:]
        for edge in edges where edge.isHeld(on: date) {
            let key = Self.key(edge.owned)
            totals[key, default: (edge.owned, 0)].percent += edge.percent ?? 0
        }
        for (_, total) in totals.sorted(by: { $0.key < $1.key }) where total.percent > 100.0001 {
            problems.append(
                "the stakes in '\(total.name)' add up to \(OwnershipGraph.percent(total.percent)) on \(date)")
        }
        for cycle in cycles(on: date) {
            problems.append("ownership cycle on \(date): " + cycle.joined(separator: " → "))
        }
        return problems
    }

    /// Each cycle once, as the owned names from one entity back to it.
    func cycles(on date: CalendarDay) -> [[String]] {
        var owned: [String: [(key: String, name: String)]] = [:]  // owner key → what it owns
        var names: [String: String] = [:]
        for edge in edges where edge.isHeld(on: date) {
            owned[Self.key(edge.owner), default: []].append((Self.key(edge.owned), edge.owned))
            names[Self.key(edge.owner)] = edge.owner
            names[Self.key(edge.owned)] = edge.owned
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        var found: [[String]] = []
        var seen = Set<String>()
        func visit(_ node: String) {
            state[node] = 1
            stack.append(node)
            for next in owned[node] ?? [] {
                if state[next.key] == 1, let start = stack.firstIndex(of: next.key) {
                    let cycle = Array(stack[start...])
                    let canonical = cycle.sorted().joined(separator: "|")
                    if seen.insert(canonical).inserted {
                        found.append((cycle + [next.key]).map { names[$0] ?? $0 })
                    }
                } else if state[next.key] == nil {
                    visit(next.key)
                }
            }
            stack.removeLast()
            state[node] = 2
        }
        for node in owned.keys.sorted() where state[node] == nil { visit(node) }
        return found
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
