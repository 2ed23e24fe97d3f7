public import Compliance
public import CostModel
public import HardwareCatalog
internal import LuaRuntime
internal import MarketData
public import MarketFeeds
public import PartyScreening
internal import Redaction

#if canImport(Glibc)
    import Glibc
#endif

/// The facts the engine modules of one `ScriptEnvironment` answer from, shared with its plugins' environments: the one
/// hardware catalog (the cost model and the compliance engine read the same chips, including those a script
/// defines), the model catalog, and the compliance engine with its rules, parties and stored data sets. It owns
/// loading them (lazily, on first use) and who may replace an entry; it holds no Lua state and runs no code.
public final class ScriptCatalogs {
    // Every catalog is decoded on first use, so making one costs nothing at start-up.
    private var hardwareStorage: HardwareCatalog?
    public var hardware: HardwareCatalog {
        get {
            if let hardware = hardwareStorage { return hardware }
            hardwareStorage = .bundled
            return hardwareStorage!
        }
        set {
            hardwareStorage = newValue
            chipFacts.removeAll()
        }
    }
    public lazy var models: ModelCatalog = .bundled
    public lazy var countries: CountryCatalog = .bundled

    /// The rules, parties (with ownership) and data sets in effect: bundled, then stored, then what the script
    /// loaded. Made on the first touch of any of the three, so every entry point (`check`, `screen`, `ownership`,
    /// `rules`, the CLI, the REPL, the kernel) starts from the same stored data sets.
    private struct ComplianceState {
        var rules: RuleBook
        var parties: PartyList
        var dataSets: [DataSetInfo]
    }
    private var complianceStorage: ComplianceState?
    private var complianceState: ComplianceState {
        get {
            if let state = complianceStorage { return state }
            let state = loadStoredDataSets()
            complianceStorage = state
            return state
        }
        set { complianceStorage = newValue }
    }
    public var rules: RuleBook {
        get { complianceState.rules }
        set { complianceState.rules = newValue }
    }
    public var parties: PartyList {
        get { complianceState.parties }
        set { complianceState.parties = newValue }
    }

    /// Chips `compliance` looked up, by the name as given; forgotten whenever the hardware catalog changes.
    private var chipFacts: [String: ItemFacts] = [:]

    /// `engine.item(chip:)` (an engine over this context's catalogs), remembered by name: scripts ask about the
    /// same few chips over and over, and each lookup normalises the name and describes the chip's peak afresh.
    func chipFacts(_ name: String, engine: ComplianceEngine) throws -> ItemFacts {
        if let known = chipFacts[name] { return known }
        let facts = try engine.item(chip: name)
        if chipFacts.count >= 1024 { chipFacts.removeAll() }
        chipFacts[name] = facts
        return facts
    }

    /// `market.sample()`'s store, loaded once per context.
    var sampleStore: SQLiteMarketStore?
    /// The market data providers `store:fetch` knows (built in, and those plugins register).
    public lazy var providers = MarketProviders()

    /// Where `aikit compliance update` keeps data sets, read on first use of the compliance engine (the aikit
    /// command sets it to the market store's location; nil: only the bundled data and what scripts load).
    public var dataSetStore: (() -> String)?
    /// The compliance data sets in effect: bundled, stored, then loaded by the script (`compliance.load`).
    public private(set) var dataSets: [DataSetInfo] {
        get { complianceState.dataSets }
        set {
            complianceState.dataSets = newValue
            dataSetLabels = nil
        }
    }
    /// `dataSets`' descriptions, made once per change (every answer carries them).
    private var dataSetLabels: [String]?
    /// The engine as it was before each loaded data set, by name (`compliance.diff{data_set=}` compares against it).
    var enginesBefore: [String: ComplianceEngine] = [:]

    public init() {}

    /// The compliance engine over this state's catalogs (chips defined through `cost.define_gpu` included).
    public var compliance: ComplianceEngine {
        let state = complianceState  // one read of the shared state per engine (every check makes one)
        let labels = dataSetLabels ?? state.dataSets.map(\.description)
        dataSetLabels = labels
        return ComplianceEngine(
            hardware: hardware, countries: countries, rules: state.rules, parties: state.parties,
            dataSets: state.dataSets, dataSetLabels: labels)
    }

    /// Loads a data set into this state's rules, parties or ownership (`compliance.load`).
    public func loadDataSet(_ bytes: [UInt8], name: String, source: String, asOf: CalendarDay?) throws -> DataSetInfo {
        var engine = compliance
        let before = engine
        let info = try engine.load(bytes, name: name, source: source, asOf: asOf)
        rules = engine.rules
        parties = engine.parties
        dataSets = engine.dataSets
        dataSetLabels = engine.dataSetLabels
        enginesBefore[name] = before
        return info
    }

    /// The bundled data sets, then those stored in `dataSetStore` (a stored set that no longer loads is listed with
    /// the reason, so every answer shows it was left out).
    private func loadStoredDataSets() -> ComplianceState {
        var engine = ComplianceEngine(hardware: hardware, countries: countries)
        guard let path = dataSetStore?(), PostgresMarketStore.accepts(path) || access(path, F_OK) == 0 else {
            return ComplianceState(rules: engine.rules, parties: engine.parties, dataSets: engine.dataSets)
        }
        let location = Redaction.connection(path)
        do {
            let store: any MarketStore =
                PostgresMarketStore.accepts(path)
                ? try MarketStores.open(path) : try SQLiteMarketStore(path: path, readOnly: true)
            for stored in try store.dataSets() {
                let asOf = stored.asOf.flatMap { try? CalendarDay($0) }
                do {
                    _ = try engine.load(
                        stored.content, name: stored.name, source: "\(stored.source), stored in \(location)",
                        asOf: asOf)
                } catch {
                    engine.dataSets.append(
                        DataSetInfo(
                            name: "\(stored.name) — not loaded: \(error)",
                            kind: DataSetInfo.Kind(rawValue: stored.kind) ?? .rules,
                            asOf: asOf, source: location, records: 0))
                }
            }
        } catch {
            engine.dataSets.append(
                DataSetInfo(
                    name: "the data sets stored in \(location) — not read: \(error)",
                    kind: .rules, asOf: nil, source: location, records: 0))
        }
        return ComplianceState(rules: engine.rules, parties: engine.parties, dataSets: engine.dataSets)
    }
}

extension LuaState {
    /// Who a catalog entry defined from this state comes from: a plugin's state is an extension, which may add
    /// entries but never replace aikit's (or another plugin's); the user's script may replace anything.
    var catalogOrigin: CatalogOrigin { origin.map { .extension($0) } ?? .script }
}
