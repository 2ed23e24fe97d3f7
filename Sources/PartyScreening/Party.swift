/// One listed party: a company, institute or person named on a restricted-party list, with its listing dates.
///
/// Imported US Consolidated Screening List rows become parties through `PartyList.parseCSL`; the bundled sample
/// (Resources/parties.json) stores the same fields in snake_case with a source and an evidence level per record.
public struct Party: Sendable, Hashable, Codable {
    /// The listed name, e.g. "Huawei Technologies Co., Ltd.".
    public var name: String
    /// Aliases ("a.k.a."), e.g. "Huawei"; each is screened like the name.
    public var altNames: [String]
    /// ISO 3166-1 alpha-2 codes of the party's addresses (for the bundled sample: the Entity List destination).
    public var countries: [String]
    /// The list it is on, e.g. "Entity List (EL) - Bureau of Industry and Security".
    public var list: String
    /// The listing date (CSL `start_date`): the party is not a match before it.
    public var listedOn: CalendarDay?
    /// The removal date (CSL `end_date`): the party is not a match on or after it.
    public var removedOn: CalendarDay?
    /// The Federal Register notice that listed it, e.g. "84 FR 22961".
    public var federalRegisterNotice: String?
    /// e.g. "For all items subject to the EAR".
    public var licenseRequirement: String?
    /// e.g. "Presumption of denial".
    public var licensePolicy: String?
    /// "P" (primary source), "S" (secondary) or "U" (unverified); imported CSL rows are "P".
    public var evidence: String
    /// Where the record comes from (for the sample: the citation; for imports: file and record).
    public var source: String?
    /// Free text: the list's remarks, or caveats about the record.
    public var remarks: String?

    public init(
        name: String, altNames: [String] = [], countries: [String] = [], list: String, listedOn: CalendarDay? = nil,
        removedOn: CalendarDay? = nil, federalRegisterNotice: String? = nil, licenseRequirement: String? = nil,
        licensePolicy: String? = nil, evidence: String = "P", source: String? = nil, remarks: String? = nil
    ) {
        self.name = name
        self.altNames = altNames
        self.countries = countries
        self.list = list
        self.listedOn = listedOn
        self.removedOn = removedOn
        self.federalRegisterNotice = federalRegisterNotice
        self.licenseRequirement = licenseRequirement
        self.licensePolicy = licensePolicy
        self.evidence = evidence
        self.source = source
        self.remarks = remarks
    }

    /// Whether the party is on its list on `date`: on or after `listedOn` (when known) and before `removedOn`.
    public func isListed(on date: CalendarDay) -> Bool {
        if let listedOn, date < listedOn { return false }
        if let removedOn, date >= removedOn { return false }
        return true
    }

    /// The name first, then the aliases.
    public var allNames: [String] { [name] + altNames }

    enum CodingKeys: String, CodingKey {
        case name
        case altNames = "alt_names"
        case countries, list
        case listedOn = "listed_on"
        case removedOn = "removed_on"
        case federalRegisterNotice = "federal_register_notice"
        case licenseRequirement = "license_requirement"
        case licensePolicy = "license_policy"
        case evidence, source, remarks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        altNames = try container.decodeIfPresent([String].self, forKey: .altNames) ?? []
        countries = try container.decodeIfPresent([String].self, forKey: .countries) ?? []
        list = try container.decode(String.self, forKey: .list)
        listedOn = try container.decodeIfPresent(CalendarDay.self, forKey: .listedOn)
        removedOn = try container.decodeIfPresent(CalendarDay.self, forKey: .removedOn)
        federalRegisterNotice = try container.decodeIfPresent(String.self, forKey: .federalRegisterNotice)
        licenseRequirement = try container.decodeIfPresent(String.self, forKey: .licenseRequirement)
        licensePolicy = try container.decodeIfPresent(String.self, forKey: .licensePolicy)
        evidence = try container.decodeIfPresent(String.self, forKey: .evidence) ?? "P"
        source = try container.decodeIfPresent(String.self, forKey: .source)
        remarks = try container.decodeIfPresent(String.self, forKey: .remarks)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(altNames, forKey: .altNames)
        try container.encode(countries, forKey: .countries)
        try container.encode(list, forKey: .list)
        try container.encodeIfPresent(listedOn, forKey: .listedOn)
        try container.encodeIfPresent(removedOn, forKey: .removedOn)
        try container.encodeIfPresent(federalRegisterNotice, forKey: .federalRegisterNotice)
        try container.encodeIfPresent(licenseRequirement, forKey: .licenseRequirement)
        try container.encodeIfPresent(licensePolicy, forKey: .licensePolicy)
        try container.encode(evidence, forKey: .evidence)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(remarks, forKey: .remarks)
    }
}

/// A party whose name or alias resembles a screened name closely enough.
public struct ScreeningMatch: Sendable, Equatable {
    /// The listed party.
    public var party: Party
    /// 0...1; 1 is the same name after normalization.
    public var score: Double
    /// The name or alias (as listed) that matched best.
    public var matchedName: String
    /// The list the party is on (`party.list`).
    public var list: String
    /// Why the score is what it is, e.g. ["same words in a different order", "legal form 'co ltd' ignored"].
    public var reasons: [String]

    public init(party: Party, score: Double, matchedName: String, list: String, reasons: [String]) {
        self.party = party
        self.score = score
        self.matchedName = matchedName
        self.list = list
        self.reasons = reasons
    }
}
