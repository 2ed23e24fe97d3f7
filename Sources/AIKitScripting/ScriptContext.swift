public import CostModel
public import HardwareCatalog

/// What the engine modules of one Lua state share: the one hardware catalog (the cost model and the compliance
/// engine read the same chips, including those a script defines) and the model catalog.
public final class ScriptContext {
    public var hardware: HardwareCatalog
    public var models: ModelCatalog

    public init(hardware: HardwareCatalog? = nil, models: ModelCatalog? = nil) {
        self.hardware = hardware ?? .bundled
        self.models = models ?? .bundled
    }
}
