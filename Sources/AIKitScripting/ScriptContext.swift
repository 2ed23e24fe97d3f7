public import Compliance
public import LuaRuntime
public import CostModel
public import HardwareCatalog
internal import MarketData
public import MarketFeeds
public import PartyScreening

/// What the engine modules of one Lua state share: the one hardware catalog (the cost model and the compliance
/// engine read the same chips, including those a script defines) and the model catalog.
public final class ScriptContext {
    // Every catalog is decoded on first use, so making a context costs nothing at start-up.
    public lazy var hardware: HardwareCatalog = .bundled
    public lazy var models: ModelCatalog = .bundled
    public lazy var countries: CountryCatalog = .bundled
    public lazy var rules: RuleBook = .bundled
    public lazy var parties: PartyList = .bundled

    /// `market.sample()`'s store, loaded once per context.
    var sampleStore: SQLiteMarketStore?
    /// The market data providers `store:fetch` knows (built in, and those plugins register).
    public lazy var providers = MarketProviders()

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
