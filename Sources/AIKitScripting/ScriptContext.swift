public import Compliance
public import CostModel
public import HardwareCatalog
public import PartyScreening

/// What the engine modules of one Lua state share: the one hardware catalog (the cost model and the compliance
/// engine read the same chips, including those a script defines) and the model catalog.
public final class ScriptContext {
    public var hardware: HardwareCatalog
    public var models: ModelCatalog
    public lazy var countries: CountryCatalog = .bundled
    public lazy var rules: RuleBook = .bundled
    public lazy var parties: PartyList = .bundled

    public init(hardware: HardwareCatalog? = nil, models: ModelCatalog? = nil) {
        self.hardware = hardware ?? .bundled
        self.models = models ?? .bundled
    }

    /// The compliance engine over this state's catalogs (chips defined through `cost.define_gpu` included).
    public var compliance: ComplianceEngine {
        ComplianceEngine(hardware: hardware, countries: countries, rules: rules, parties: parties)
    }
}
