public import PartyScreening

/// One export-control rule as versioned data (Resources/rules.json): what it covers, from when, with what outcome,
/// and the text that backs it.
public struct Rule: Sendable, Decodable {
    public enum Kind: String, Sendable, Decodable {
        case controlListEntry = "control list entry"
        case licenceRequirement = "licence requirement"
        case licenceException = "licence exception"
        case reviewPolicy = "review policy"
        case entityListing = "entity listing"
        case letter
        case announcement
    }

    /// A classification a control-list entry assigns when its condition holds.
    public struct Classification: Sendable, Decodable {
        public var eccn: String
        public var when: Predicate
        /// Items the entry does not apply to (e.g. Note 2 to 3A090), checked after `when`.
        public var unless: Predicate?
        public var unlessNote: String?

        enum CodingKeys: String, CodingKey { case eccn, when, unless, unlessNote = "unless_note" }
    }

    /// Where a rule applies: countries, country groups (with exceptions), or everywhere.
    public struct Destinations: Sendable, Decodable {
        public var everywhere: Bool?
        public var countries: [String]?
        public var groups: [String]?
        public var exceptGroups: [String]?
        public var exceptCountries: [String]?

        enum CodingKeys: String, CodingKey {
            case everywhere, countries, groups, exceptGroups = "except_groups", exceptCountries = "except_countries"
        }
    }

    /// Which parties a rule targets: listed entities, or parties headquartered in some places.
    public struct Parties: Sendable, Decodable {
        public var entityList: Bool?
        /// The Affiliates Rule: entities 50% or more owned by parties on these lists (matched by substring of the
        /// list's name, e.g. "Entity List", "Military End"), through the ownership graph.
        public var ownedByListed: [String]?
        public var headquarteredInGroups: [String]?
        public var headquarteredIn: [String]?

        enum CodingKeys: String, CodingKey {
            case entityList = "entity_list", headquarteredInGroups = "headquartered_in_groups"
            case ownedByListed = "owned_by_listed"
            case headquarteredIn = "headquartered_in"
        }
    }

    /// A licence exception a rule offers, when its condition holds.
    public struct ExceptionOffer: Sendable, Decodable {
        public var name: String
        public var when: Predicate?
        public var note: String?
    }

    public struct Outcome: Sendable, Decodable {
        public var licenseRequired: Bool
        public var policy: String?
        public var exceptions: [ExceptionOffer]?
        public var conditions: String?

        enum CodingKeys: String, CodingKey {
            case licenseRequired = "license_required", policy, exceptions, conditions
        }
    }

    public struct Citation: Sendable, Decodable, Equatable {
        public var federalRegister: String?
        public var document: String?
        public var cfr: String?
        public var quote: String?
        public var source: String?
        public var evidence: String

        enum CodingKeys: String, CodingKey {
            case federalRegister = "fr", document = "doc", cfr, quote, source, evidence
        }

        /// "88 FR 73458 (FR Doc 2023-23055; 15 CFR 744.23) [P]".
        public var text: String {
            var parts: [String] = []
            if let federalRegister { parts.append(federalRegister) }
            let detail = [document, cfr].compactMap { $0 }
            if !detail.isEmpty { parts.append("(" + detail.joined(separator: "; ") + ")") }
            if let source, federalRegister == nil { parts.append(source) }
            return parts.joined(separator: " ") + " [\(evidence)]"
        }
    }

    public var id: String
    public var title: String
    public var kind: Kind
    /// When the rule took effect (nil: before every other rule in the data set).
    public var effective: CalendarDay?
    public var published: CalendarDay?
    /// When compliance became mandatory, if later than `effective`.
    public var compliance: CalendarDay?
    /// The government said it would not enforce the rule from this day (the text may stay in the EAR).
    public var enforcementSuspended: CalendarDay?
    /// When a suspension ends (the rule binds again from this day), if it was suspended for a set time.
    public var enforcementResumes: CalendarDay?
    public var rescinded: CalendarDay?
    public var supersededOn: CalendarDay?
    public var supersededBy: String?
    /// Higher wins when several licence-requiring rules match (the most specific or latest policy).
    public var precedence: Int
    public var classifies: [Classification]?
    public var item: Predicate?
    public var destinations: Destinations?
    public var parties: Parties?
    /// The rule covers only exports from this country (e.g. "US" for the January 2026 review policy).
    public var exportedFrom: String?
    public var outcome: Outcome?
    public var explanation: String
    public var citations: [Citation]
    /// How solid the rule's data is: P, S or U (the weakest of its citations unless stated).
    public var evidence: String
    /// The citations as one line (made once, when the rule is read).
    public private(set) var citationText: String = ""

    enum CodingKeys: String, CodingKey {
        case id, title, kind, effective, published, compliance, enforcementSuspended = "enforcement_suspended"
        case enforcementResumes = "enforcement_resumes"
        case rescinded, supersededOn = "superseded_on", supersededBy = "superseded_by", precedence, classifies, item
        case destinations, parties, exportedFrom = "exported_from", outcome, explanation, citations, evidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        kind = try c.decode(Kind.self, forKey: .kind)
        effective = try c.decodeIfPresent(CalendarDay.self, forKey: .effective)
        published = try c.decodeIfPresent(CalendarDay.self, forKey: .published)
        compliance = try c.decodeIfPresent(CalendarDay.self, forKey: .compliance)
        enforcementSuspended = try c.decodeIfPresent(CalendarDay.self, forKey: .enforcementSuspended)
        enforcementResumes = try c.decodeIfPresent(CalendarDay.self, forKey: .enforcementResumes)
        rescinded = try c.decodeIfPresent(CalendarDay.self, forKey: .rescinded)
        supersededOn = try c.decodeIfPresent(CalendarDay.self, forKey: .supersededOn)
        supersededBy = try c.decodeIfPresent(String.self, forKey: .supersededBy)
        precedence = try c.decodeIfPresent(Int.self, forKey: .precedence) ?? 0
        classifies = try c.decodeIfPresent([Classification].self, forKey: .classifies)
        item = try c.decodeIfPresent(Predicate.self, forKey: .item)
        destinations = try c.decodeIfPresent(Destinations.self, forKey: .destinations)
        parties = try c.decodeIfPresent(Parties.self, forKey: .parties)
        exportedFrom = try c.decodeIfPresent(String.self, forKey: .exportedFrom)
        outcome = try c.decodeIfPresent(Outcome.self, forKey: .outcome)
        explanation = try c.decode(String.self, forKey: .explanation)
        citations = try c.decode([Citation].self, forKey: .citations)
        evidence = try c.decode(String.self, forKey: .evidence)
        citationText = citations.map(\.text).joined(separator: "; ")
    }

    /// The rule's legal status on a date.
    public func status(on date: CalendarDay) -> RuleStatus {
        if let effective, date < effective { return .notYetEffective }
        if let rescinded, date >= rescinded { return .rescinded }
        if let supersededOn, date >= supersededOn { return .superseded }
        if let enforcementSuspended, date >= enforcementSuspended, enforcementResumes.map({ date < $0 }) ?? true {
            return .notEnforced
        }
        if let compliance, date < compliance { return .pendingCompliance }
        switch kind {
        case .letter: return .letter
        case .announcement: return .announced
        default: return .inForce
        }
    }

    /// The dates on which this rule's status changes.
    public var boundaries: [CalendarDay] {
        [effective, compliance, enforcementSuspended, enforcementResumes, rescinded, supersededOn].compactMap { $0 }
    }
}

/// A rule's status on a given date. "letter", "announced" and "not enforced" are statuses of their own.
public enum RuleStatus: String, Sendable, Equatable {
    case notYetEffective = "not yet effective"
    case inForce = "in force"
    case pendingCompliance = "effective, compliance date not reached"
    case letter
    case announced
    case notEnforced = "not enforced"
    case superseded
    case rescinded

    /// Whether a licence requirement under this status binds exporters.
    public var binds: Bool { self == .inForce || self == .letter }
    /// Whether the rule is part of the picture on that date (shown by `rules{date=}`).
    public var isCurrent: Bool { self != .notYetEffective && self != .superseded && self != .rescinded }
}
