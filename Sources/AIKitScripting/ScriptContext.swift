public import Compliance
public import LuaRuntime
public import CostModel
public import HardwareCatalog
internal import MarketData
public import PartyScreening

/// What the engine modules of one Lua state share: the one hardware catalog (the cost model and the compliance
/// engine read the same chips, including those a script defines) and the model catalog.
public final class ScriptContext {
    // Every catalog is decoded on first use, so making a context costs nothing at start-up.
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
    public lazy var rules: RuleBook = .bundled
    public lazy var parties: PartyList = .bundled

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

    public init() {}

    /// The compliance engine over this state's catalogs (chips defined through `cost.define_gpu` included).
    public var compliance: ComplianceEngine {
        ComplianceEngine(hardware: hardware, countries: countries, rules: rules, parties: parties)
    }
}

extension LuaState {
    /// Who a catalog entry defined from this state comes from: a plugin's state is an extension, which may add
    /// entries but never replace aikit's (or another plugin's); the user's script may replace anything.
    var catalogOrigin: CatalogOrigin { origin.map { .extension($0) } ?? .script }
}
