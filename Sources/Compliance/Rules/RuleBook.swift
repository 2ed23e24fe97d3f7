import FoundationEssentials
public import HardwareCatalog
public import PartyScreening

/// The versioned rule set (Resources/rules.json) plus rules a script or plugin defines.
public struct RuleBook: Sendable {
    public private(set) var rules: [Rule]
    /// The date the rule data was last brought up to date (the second time axis: the data set's as-of date).
    public var asOf: CalendarDay?
    /// Who added each rule that is not aikit's own (by id).
    public private(set) var origins: [String: CatalogOrigin] = [:]

    public init(rules: [Rule], asOf: CalendarDay? = nil) {
        self.rules = rules
        self.asOf = asOf
    }

    public static var bundled: RuleBook { bundledBook }

    private static let bundledBook: RuleBook = {
        struct File: Decodable {
            let asOf: CalendarDay?
            let rules: [Rule]
            enum CodingKeys: String, CodingKey { case asOf = "as_of", rules }
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(PackageResources.rules_json))
            return RuleBook(rules: file.rules, asOf: file.asOf)
        } catch {
            fatalError("aikit's bundled rules.json does not decode (a bug in aikit): \(error)")
        }
    }()

    /// Adds rules decoded from JSON in the rules.json format (plugins' extension point).
    /// An extension (`addedBy`) may add rules but not replace one it did not add; determinations that a rule it
    /// added took part in say so in their notes.
    public mutating func add(json bytes: [UInt8], origin: String, addedBy: CatalogOrigin = .script) throws {
        struct File: Decodable { let rules: [Rule] }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(bytes))
            for rule in file.rules where addedBy.isExtension {
                let owner = origins[rule.id] ?? (rules.contains { $0.id == rule.id } ? .bundled : nil)
                if let owner, owner != addedBy {
                    throw ComplianceError(
                        "\(origin): \(addedBy) cannot replace rule \(rule.id) (from \(owner)); "
                            + "plugins add rules under ids of their own")
                }
            }
            for rule in file.rules {
                if let existing = rules.firstIndex(where: { $0.id == rule.id }) {
                    rules[existing] = rule
                } else {
                    rules.append(rule)
                }
                origins[rule.id] = addedBy
            }
        } catch let error as DecodingError {
            throw ComplianceError("\(origin): \(RuleBook.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default: return "\(error)"
        }
    }

    /// Rules that are part of the picture on a date (in force, letters, announcements, not enforced, pending).
    public func rules(on date: CalendarDay) -> [(rule: Rule, status: RuleStatus)] {
        rules.map { ($0, $0.status(on: date)) }.filter { $0.status.isCurrent }
    }

    /// Every date on which some rule's status changes, sorted.
    public var boundaries: [CalendarDay] { Array(Set(rules.flatMap(\.boundaries))).sorted() }
}

/// A compliance question that cannot be answered as asked: what was wrong and what to give instead.
public struct ComplianceError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
