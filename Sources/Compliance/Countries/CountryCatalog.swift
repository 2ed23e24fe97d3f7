public import HardwareCatalog
public import PartyScreening

/// A country (ISO 3166-1).
public struct Country: Sendable, Equatable, Codable, CatalogEntry {
    public var iso2: String
    public var name: String
    public var aliases: [String]

    public var spellings: [String] { [iso2, name] + aliases }
}

/// Membership of a country in an export-control country group (EAR Supplement No. 1 to Part 740) or an AI
/// Diffusion tier, valid from `from` (nil: before every rule in the data set) until `until` (exclusive).
public struct GroupMembership: Sendable, Equatable, Codable {
    public var group: String
    public var iso2: String
    public var from: CalendarDay?
    public var until: CalendarDay?
    public var evidence: String
    public var source: String
    public var note: String?

    public func isValid(on date: CalendarDay) -> Bool {
        (from.map { date >= $0 } ?? true) && (until.map { date < $0 } ?? true)
    }
}

/// Countries and their group memberships over time (Resources/countries.json).
public struct CountryCatalog: Sendable {
    private var catalog: NamedCatalog<Country>
    public private(set) var memberships: [GroupMembership]
    private var byCountry: [String: [GroupMembership]]

    public init(countries: [Country], memberships: [GroupMembership]) {
        catalog = NamedCatalog(kind: "country", entries: countries)
        self.memberships = memberships
        byCountry = Dictionary(grouping: memberships, by: \.iso2)
    }

    public var countries: [Country] { catalog.entries }

    /// A country by ISO code ("CN", "CHN") or name ("China", "Macau"); unknown names get a suggestion.
    public func country(_ name: String) throws -> Country { try catalog.lookup(name) }

    /// The groups a country belongs to on a date ("D:5", "A:6", "AI:Tier1", ...), with the membership records.
    public func memberships(of iso2: String, on date: CalendarDay) -> [GroupMembership] {
        (byCountry[iso2] ?? []).filter { $0.isValid(on: date) }
    }

    public func groups(of iso2: String, on date: CalendarDay) -> [String] {
        (byCountry[iso2] ?? []).compactMap { $0.isValid(on: date) ? $0.group : nil }
    }

    /// Members of a group on a date.
    public func members(of group: String, on date: CalendarDay) -> [String] {
        memberships.filter { $0.group == group && $0.isValid(on: date) }.map(\.iso2)
    }
}
