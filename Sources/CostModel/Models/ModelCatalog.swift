import FoundationEssentials
public import HardwareCatalog
import TextMatching

/// Transformer presets (Resources/models.json) plus what scripts and plugins define.
public struct ModelCatalog: Sendable {
    private var catalog: NamedCatalog<ModelArchitecture>

    public init(models: [ModelArchitecture]) {
        catalog = NamedCatalog(kind: "model", entries: models)
    }

    public var models: [ModelArchitecture] { catalog.entries }

    public static var bundled: ModelCatalog { bundledCatalog }

    private static let bundledCatalog: ModelCatalog = {
        struct File: Decodable { let models: [ModelArchitecture] }
        do {
            return ModelCatalog(
                models: try JSONDecoder().decode(File.self, from: Data(PackageResources.models_json)).models)
        } catch {
            fatalError("aikit's bundled models.json does not decode (a bug in aikit): \(error)")
        }
    }()

    /// Looks a model up by any spelling ("deepseek-v3", "Llama 3.1 405B").
    public func model(named name: String) throws -> ModelArchitecture { try catalog.lookup(name) }

    /// Adds (or replaces) a model after checking its hyper-parameters make sense.
    public mutating func define(_ model: ModelArchitecture, by origin: CatalogOrigin = .script) throws {
        try ModelCatalog.validate(model)
        try catalog.insert(model, by: origin)
    }

    /// `validate` for the estimators: the same checks, as a `CostModelError`.
    static func checked(_ model: ModelArchitecture) throws {
        do {
            try validate(model)
        } catch let error as CatalogError {
            throw CostModelError(error.description)
        }
    }

    static func validate(_ model: ModelArchitecture) throws {
        func positive(_ value: Int, _ key: String) throws {
            guard value > 0 else {
                throw CatalogError.badDefinition("model '\(model.name)': \(key) must be positive, got \(value)")
            }
        }
        guard !NameMatching.normalize(model.name).isEmpty else {
            throw CatalogError.badDefinition("a model needs a name")
        }
        try positive(model.layers, "layers")
        try positive(model.hidden, "hidden")
        try positive(model.heads, "heads")
        try positive(model.kvHeads, "kv_heads")
        try positive(model.ffn, "ffn")
        try positive(model.vocab, "vocab")
        try positive(model.context, "context")
        try inRange(model)
        guard model.heads % model.kvHeads == 0 else {
            throw CatalogError.badDefinition(
                "model '\(model.name)': heads (\(model.heads)) must be a multiple of kv_heads (\(model.kvHeads))")
        }
        if let moe = model.moe {
            try positive(moe.routedExperts, "moe.routed_experts")
            try positive(moe.activeExperts, "moe.active_experts")
            try positive(moe.expertFFN, "moe.expert_ffn")
            guard moe.activeExperts <= moe.routedExperts else {
                throw CatalogError.badDefinition(
                    "model '\(model.name)': moe.active_experts (\(moe.activeExperts)) exceeds moe.routed_experts (\(moe.routedExperts))"
                )
            }
            guard moe.sharedExperts >= 0, moe.denseLayers >= 0, moe.denseLayers <= model.layers else {
                throw CatalogError.badDefinition(
                    "model '\(model.name)': moe.shared_experts and moe.dense_layers must be between 0 and layers")
            }
        }
        if let mla = model.mla {
            try positive(mla.kvLoraRank, "mla.kv_lora_rank")
            guard mla.qkNopeHeadDim > 0 || mla.qkRopeHeadDim > 0 else {
                throw CatalogError.badDefinition("model '\(model.name)': mla head dims must be positive")
            }
            try positive(mla.vHeadDim, "mla.v_head_dim")
        }
    }

    /// Every hyper-parameter inside `CostLimits` (so parameter counts and FLOPs stay finite).
    private static func inRange(_ model: ModelArchitecture) throws {
        var values: [(String, Int?)] = [
            ("layers", model.layers), ("hidden", model.hidden), ("heads", model.heads), ("kv_heads", model.kvHeads),
            ("head_dim", model.headDim), ("ffn", model.ffn), ("vocab", model.vocab), ("context", model.context),
            ("mtp_depth", model.mtpDepth),
        ]
        if let moe = model.moe {
            values += [
                ("routed_experts", moe.routedExperts), ("shared_experts", moe.sharedExperts),
                ("active_experts", moe.activeExperts), ("expert_ffn", moe.expertFFN), ("dense_layers", moe.denseLayers),
            ]
        }
        if let mla = model.mla {
            values += [
                ("q_lora_rank", mla.qLoraRank), ("kv_lora_rank", mla.kvLoraRank),
                ("qk_nope_head_dim", mla.qkNopeHeadDim),
                ("qk_rope_head_dim", mla.qkRopeHeadDim), ("v_head_dim", mla.vHeadDim),
            ]
        }
        for case (let name, let value?) in values {
            if let message = CostLimits.violation(name, value) {
                throw CatalogError.badDefinition("model '\(model.name)': \(message)")
            }
        }
    }
}
