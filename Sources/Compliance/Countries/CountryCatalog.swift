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

/// A territory the EAR treats as another country from a date: Hong Kong as China (the same licence requirements and
/// exceptions from 2020-07-31, 85 FR 45998; removed as a destination and governed by China's entries from
/// 2020-12-23, 85 FR 83765). Every rule and country group that names the other country applies to it.
public struct TerritoryTreatment: Sendable, Equatable, Codable {
    public var iso2: String
    /// The country whose entries govern it ("CN").
    public var treatedAs: String
    public var from: CalendarDay?
    public var until: CalendarDay?
    public var evidence: String
    public var source: String
    /// The Federal Register citations, as rules write theirs ("85 FR 45998; 85 FR 83765").
    public var citation: String
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case iso2, treatedAs = "treated_as", from, until, evidence, source, citation, note
    }

    public func isValid(on date: CalendarDay) -> Bool {
        (from.map { date >= $0 } ?? true) && (until.map { date < $0 } ?? true)
    }
}

/// Countries, their group memberships and the territories folded into other countries, over time
/// (Resources/countries.json).
public struct CountryCatalog: Sendable {
    private var catalog: NamedCatalog<Country>
    public private(set) var memberships: [GroupMembership]
    public private(set) var territories: [TerritoryTreatment]
    private var byCountry: [String: [GroupMembership]]

    public init(countries: [Country], memberships: [GroupMembership], territories: [TerritoryTreatment] = []) {
        catalog = NamedCatalog(kind: "country", entries: countries)
        self.memberships = memberships
        self.territories = territories
        byCountry = Dictionary(grouping: memberships, by: \.iso2)
    }

    public var countries: [Country] { catalog.entries }

    /// A country by ISO code ("CN", "CHN") or name ("China", "Macau"); unknown names get a suggestion.
    public func country(_ name: String) throws -> Country { try catalog.lookup(name) }

    /// How the EAR treats `iso2` on `date` when it folds it into another country (nil: as itself).
    public func treatment(of iso2: String, on date: CalendarDay) -> TerritoryTreatment? {
        territories.first { $0.iso2 == iso2 && $0.isValid(on: date) }
    }

    /// The country whose rules and country groups apply to `country` on `date` (itself, or the country the EAR
    /// folds it into), and the treatment that folded it.
    public func governing(_ country: Country, on date: CalendarDay) -> (
        country: Country, treatment: TerritoryTreatment?
    ) {
        guard let treatment = treatment(of: country.iso2, on: date),
            let other = catalog.entries.first(where: { $0.iso2 == treatment.treatedAs })
        else { return (country, nil) }
        return (other, treatment)
    }

    /// The groups a country belongs to on a date ("D:5", "A:6", "AI:Tier1", ...), with the membership records: a
    /// folded territory's are those of the country governing it.
    public func memberships(of iso2: String, on date: CalendarDay) -> [GroupMembership] {
        let governing = treatment(of: iso2, on: date)?.treatedAs ?? iso2
        return (byCountry[governing] ?? []).filter { $0.isValid(on: date) }
    }

    public func groups(of iso2: String, on date: CalendarDay) -> [String] {
        memberships(of: iso2, on: date).map(\.group)
    }

    /// Members of a group on a date.
    public func members(of group: String, on date: CalendarDay) -> [String] {
        memberships.filter { $0.group == group && $0.isValid(on: date) }.map(\.iso2)
    }
}
