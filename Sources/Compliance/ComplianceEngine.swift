import FoundationEssentials
public import HardwareCatalog
public import PartyScreening

/// Answers "could this item ship to this destination, for this end user, on this date — and why?" from the rules as
/// data, the one hardware catalog, the country groups and the restricted-party lists. Pure Swift; no Lua.
public struct ComplianceEngine: Sendable {
    public var hardware: HardwareCatalog
    public var countries: CountryCatalog
    public var rules: RuleBook
    public var parties: PartyList
    /// The data sets the rules and parties come from, in the order they were loaded; every answer names them.
    public var dataSets: [DataSetInfo] {
        didSet { dataSetLabels = dataSets.map(\.description) }
    }
    /// `dataSets` as the lines an answer carries (made once, not per answer).
    public private(set) var dataSetLabels: [String]

    /// `dataSetLabels`, when given, are `dataSets`' descriptions made earlier (a caller that makes an engine per
    /// question keeps them, rather than formatting them again each time).
    public init(
        hardware: HardwareCatalog = .bundled, countries: CountryCatalog = .bundled, rules: RuleBook = .bundled,
        parties: PartyList = .bundled, dataSets: [DataSetInfo] = ComplianceEngine.bundledDataSets,
        dataSetLabels: [String]? = nil
    ) {
        self.hardware = hardware
        self.countries = countries
        self.rules = rules
        self.parties = parties
        self.dataSets = dataSets
        self.dataSetLabels = dataSetLabels ?? dataSets.map(\.description)
    }

    /// The facts of a catalog chip (any spelling), or an error with a suggestion.
    public func item(chip name: String) throws -> ItemFacts {
        var facts = ItemFacts(chip: try hardware.accelerator(named: name))
        if let origin = hardware.origin(ofChip: name), origin.isExtension { facts.definedBy = origin.description }
        return facts
    }

    /// Model weights described by their training compute (ECCN 4E091).
    public func item(modelTrainingOperations operations: Double, publishedWeights: Bool = false, name: String? = nil)
        throws -> ItemFacts
    {
        guard operations.isFinite, operations > 0 else {
            throw ComplianceError("model_training_ops must be a positive number of operations, got \(operations)")
        }
        return ItemFacts(
            kind: .modelWeights, name: name ?? "model weights (\(fmt(operations)) training operations)",
            trainingOperations: operations, publishedWeights: publishedWeights)
    }
}

extension CountryCatalog {
    /// The bundled countries and group memberships (decoded once).
    public static var bundled: CountryCatalog { bundledCountries }
}

private let bundledCountries: CountryCatalog = {
    struct File: Decodable {
        let countries: [Country]
        let memberships: [GroupMembership]
        let territories: [TerritoryTreatment]
    }
    do {
        let file = try JSONDecoder().decode(File.self, from: Data(PackageResources.countries_json))
        return CountryCatalog(countries: file.countries, memberships: file.memberships, territories: file.territories)
    } catch {
        fatalError("aikit's bundled countries.json does not decode (a bug in aikit): \(error)")
    }
}()
