import HardwareCatalog

/// A condition on an item, written as data in rules.json:
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`, or a clause `{"fact": "tpp", "op": ">=", "value": 4800}`.
public indirect enum Predicate: Sendable, Equatable, Decodable {
    case all([Predicate])
    case any([Predicate])
    case not(Predicate)
    case clause(Clause)

    public struct Clause: Sendable, Equatable, Decodable {
        public var fact: Fact
        public var op: Operator
        public var value: Value
    }

    /// The facts a clause can test.
    public enum Fact: String, Sendable, Decodable, CaseIterable {
        case tpp, pd, ioGBs = "io_gbs", memoryBandwidthGBs = "memory_bandwidth_gbs", datacenter, vendor, name, eccn
        case kind, trainingOps = "training_ops", publishedWeights = "published_weights", hbmDensity = "hbm_density"

        /// How explanations name the fact.
        var label: String {
            switch self {
            case .tpp: "TPP"
            case .pd: "performance density"
            case .ioGBs: "I/O bandwidth (GB/s)"
            case .memoryBandwidthGBs: "DRAM bandwidth (GB/s)"
            case .datacenter: "designed or marketed for datacenters"
            case .vendor: "vendor"
            case .name: "item"
            case .eccn: "ECCN"
            case .kind: "item kind"
            case .trainingOps: "training operations"
            case .publishedWeights: "published weights"
            case .hbmDensity: "HBM bandwidth density (GB/s/mm²)"
            }
        }

        /// What it takes to know this fact, for "missing fact" determinations.
        var howToKnow: String {
            switch self {
            case .pd: "the logic die area (die_area_mm2)"
            case .tpp: "a dense peak throughput (bf16_tflops, fp8_tflops or int8_tops)"
            case .ioGBs: "the chip-to-chip I/O bandwidth (interconnect_gbs)"
            case .memoryBandwidthGBs: "the memory bandwidth (memory_bandwidth_tbs)"
            case .trainingOps: "the training compute (model_training_ops)"
            default: "the \(label)"
            }
        }
    }

    public enum Operator: String, Sendable, Decodable {
        case ge = ">=", gt = ">", le = "<=", lt = "<", eq = "==", ne = "!=", isIn = "in"
    }

    public enum Value: Sendable, Equatable, Decodable {
        case number(Double)
        case boolean(Bool)
        case text(String)
        case list([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .boolean(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .list(try container.decode([String].self))
            }
        }
    }

    enum CodingKeys: String, CodingKey { case all, any, not, fact, op, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let list = try c.decodeIfPresent([Predicate].self, forKey: .all) {
            self = .all(list)
        } else if let list = try c.decodeIfPresent([Predicate].self, forKey: .any) {
            self = .any(list)
        } else if let inner = try c.decodeIfPresent(Predicate.self, forKey: .not) {
            self = .not(inner)
        } else {
            self = .clause(
                Clause(
                    fact: try c.decode(Fact.self, forKey: .fact), op: try c.decode(Operator.self, forKey: .op),
                    value: try c.decode(Value.self, forKey: .value)))
        }
    }
}

/// Three-valued outcome: a rule can be undecidable for lack of a fact.
public enum Truth: Sendable, Equatable {
    case yes, no
    /// The named facts are unknown.
    case unknown([Predicate.Fact])
}

/// The facts a predicate is evaluated against: the item and, for licence rules, its classification.
struct PredicateContext {
    let item: ItemFacts
    let eccn: String?

    func value(of fact: Predicate.Fact) -> Predicate.Value? {
        switch fact {
        case .tpp: item.tpp.map(Predicate.Value.number)
        case .pd: item.performanceDensity.map(Predicate.Value.number)
        case .ioGBs: item.ioBandwidth.map(Predicate.Value.number)
        case .memoryBandwidthGBs: item.memoryBandwidth.map(Predicate.Value.number)
        case .datacenter: item.datacenter.map(Predicate.Value.boolean)
        case .vendor: item.vendor.map(Predicate.Value.text)
        case .name: .text(item.name)
        case .eccn: .text(eccn ?? "EAR99")
        case .kind: .text(item.kind.rawValue)
        case .trainingOps: item.trainingOperations.map(Predicate.Value.number)
        case .publishedWeights: item.publishedWeights.map(Predicate.Value.boolean)
        case .hbmDensity: item.hbmBandwidthDensity.map(Predicate.Value.number)
        }
    }
}

extension Predicate {
    /// Evaluates the predicate; `because` collects the clauses that decided, as text ("TPP 15832 ≥ 4800").
    func evaluate(_ context: PredicateContext, because: inout [String], explain: Bool = true) -> Truth {
        switch self {
        case .clause(let clause):
            return clause.evaluate(context, because: &because, explain: explain)
        case .not(let inner):
            var inside: [String] = []
            switch inner.evaluate(context, because: &inside, explain: explain) {
            case .yes:
                because += inside.map { "not: \($0)" }
                return .no
            case .no:
                because += inside
                return .yes
            case .unknown(let facts): return .unknown(facts)
            }
        case .all(let parts):
            var missing: [Fact] = []
            var reasons: [String] = []
            for part in parts {
                var local: [String] = []
                switch part.evaluate(context, because: &local, explain: explain) {
                case .yes: if explain { reasons += local }
                case .no:
                    if explain { because += local }
                    return .no
                case .unknown(let facts): missing += facts
                }
            }
            if !missing.isEmpty { return .unknown(missing) }
            if explain { because += reasons }
            return .yes
        case .any(let parts):
            var missing: [Fact] = []
            var reasons: [String] = []
            for part in parts {
                var local: [String] = []
                switch part.evaluate(context, because: &local, explain: explain) {
                case .yes:
                    if explain { because += local }
                    return .yes
                case .no: if explain { reasons += local }
                case .unknown(let facts): missing += facts
                }
            }
            if !missing.isEmpty { return .unknown(missing) }
            if explain { because += reasons }
            return .no
        }
    }
}

extension Predicate.Clause {
    func evaluate(_ context: PredicateContext, because: inout [String], explain: Bool = true) -> Truth {
        guard let actual = context.value(of: fact) else { return .unknown([fact]) }
        let result: Bool
        switch (actual, value) {
        case (.number(let a), .number(let b)):
            switch op {
            case .ge: result = a >= b
            case .gt: result = a > b
            case .le: result = a <= b
            case .lt: result = a < b
            case .eq: result = a == b
            case .ne: result = a != b
            case .isIn: result = false
            }
        case (.boolean(let a), .boolean(let b)):
            result = op == .ne ? a != b : a == b
        case (.text(let a), .text(let b)):
            result = op == .ne ? !Self.same(a, b) : Self.same(a, b)
        case (.text(let a), .list(let list)):
            let member = list.contains { Self.same(a, $0) }
            result = op == .ne ? !member : member
        default:
            result = false
        }
        if explain { because.append(describe(actual, holds: result)) }
        return result ? .yes : .no
    }

    /// Case- and punctuation-insensitive equality ("H20" == "h20", "3A090.a" == "3A090.A").
    static func same(_ a: String, _ b: String) -> Bool {
        a.lowercased() == b.lowercased()
    }

    func describe(_ actual: Predicate.Value, holds: Bool) -> String {
        let symbol: String
        switch op {
        case .ge: symbol = holds ? "≥" : "<"
        case .gt: symbol = holds ? ">" : "≤"
        case .le: symbol = holds ? "≤" : ">"
        case .lt: symbol = holds ? "<" : "≥"
        case .eq: symbol = holds ? "=" : "≠"
        case .ne: symbol = holds ? "≠" : "="
        case .isIn: symbol = holds ? "in" : "not in"
        }
        return "\(fact.label) \(Self.text(actual)) \(symbol) \(Self.text(value))"
    }

    static func text(_ value: Predicate.Value) -> String {
        switch value {
        case .number(let x): Figure.format(x)
        case .boolean(let flag): flag ? "yes" : "no"
        case .text(let text): text
        case .list(let list): "{" + list.joined(separator: ", ") + "}"
        }
    }
}
