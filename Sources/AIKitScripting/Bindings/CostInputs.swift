import CostModel
import HardwareCatalog
import LuaRuntime

/// Lua parameter tables → cost-model scenarios. Field names are the Lua API (docs/cost.md); numbers are checked
/// against `CostLimits` here, so the error names the argument and the field.
enum CostInputs {
    static let limits = FieldLimits(integers: CostLimits.integers, numbers: CostLimits.numbers)

    static func reader(_ table: LuaTable) -> FieldReader { FieldReader(table, limits: limits) }

    nonisolated(unsafe) static let figureKeys: [(String, WritableKeyPath<AcceleratorFigures, Figure?>)] = [
        ("fp64_tflops", \.fp64Tflops), ("tf32_tflops", \.tf32Tflops), ("bf16_tflops", \.bf16Tflops),
        ("fp16_tflops", \.fp16Tflops), ("fp8_tflops", \.fp8Tflops), ("int8_tops", \.int8Tops),
        ("memory_gb", \.memoryGB), ("memory_bandwidth_tbs", \.memoryBandwidthTBs),
        ("interconnect_gbs", \.interconnectGBs), ("tdp_w", \.tdpW), ("die_area_mm2", \.dieAreaMM2),
    ]

    /// `cost.define_gpu{name=, vendor=, bf16_tflops=, ..., source=, evidence="P"|"S"|"E"}`.
    static func accelerator(_ table: LuaTable) throws -> Accelerator {
        var fields = reader(table)
        guard let name = try fields.string("name") else { throw fields.error("name", "is required") }
        let source = try fields.string("source") ?? "defined by a script"
        let evidenceText = try fields.string("evidence") ?? "E"
        guard let evidence = Evidence(rawValue: evidenceText.uppercased()) else {
            throw fields.error(
                "evidence", "must be \"P\" (primary), \"S\" (secondary) or \"E\" (estimate), got '\(evidenceText)'")
        }
        var figures = AcceleratorFigures()
        for (key, path) in figureKeys {
            if let value = try fields.number(key) {
                figures[keyPath: path] = Figure(value, evidence: evidence, source: source)
            }
        }
        let marketText = try fields.string("market") ?? "datacenter"
        guard let market = Market(rawValue: marketText) else {
            throw fields.error("market", "must be \"datacenter\" or \"consumer\", got '\(marketText)'")
        }
        var aliases: [String] = []
        if let list = try fields.table("aliases") { aliases = list.array.compactMap(\.stringValue) }
        let accelerator = Accelerator(
            name: name, vendor: try fields.string("vendor") ?? "unknown", aliases: aliases, market: market,
            launched: try fields.integer("launched"), figures: figures, interconnect: try fields.string("interconnect"),
            notes: try fields.string("notes"))
        try fields.finish()
        return accelerator
    }

    /// `cost.define_model{name=, layers=, hidden=, heads=, kv_heads=, ffn=, vocab=, moe={...}, mla={...}, ...}`.
    static func model(_ table: LuaTable) throws -> ModelArchitecture {
        var fields = reader(table)
        guard let name = try fields.string("name") else { throw fields.error("name", "is required") }
        var moe: ModelArchitecture.MixtureOfExperts? = nil
        if let table = try fields.table("moe") {
            var sub = fields.nested(table, path: "moe.")
            moe = .init(
                routedExperts: try sub.requiredInteger("routed_experts"),
                sharedExperts: try sub.integer("shared_experts") ?? 0,
                activeExperts: try sub.requiredInteger("active_experts"),
                expertFFN: try sub.requiredInteger("expert_ffn"),
                denseLayers: try sub.integer("dense_layers") ?? 0)
            try sub.finish()
        }
        var mla: ModelArchitecture.LatentAttention? = nil
        if let table = try fields.table("mla") {
            var sub = fields.nested(table, path: "mla.")
            mla = .init(
                qLoraRank: try sub.integer("q_lora_rank") ?? 0, kvLoraRank: try sub.requiredInteger("kv_lora_rank"),
                qkNopeHeadDim: try sub.requiredInteger("qk_nope_head_dim"),
                qkRopeHeadDim: try sub.requiredInteger("qk_rope_head_dim"),
                vHeadDim: try sub.requiredInteger("v_head_dim"))
            try sub.finish()
        }
        var aliases: [String] = []
        if let list = try fields.table("aliases") { aliases = list.array.compactMap(\.stringValue) }
        let model = ModelArchitecture(
            name: name, aliases: aliases, family: try fields.string("family"),
            layers: try fields.requiredInteger("layers"),
            hidden: try fields.requiredInteger("hidden"), heads: try fields.requiredInteger("heads"),
            kvHeads: try fields.integer("kv_heads"),
            headDim: try fields.integer("head_dim"), ffn: try fields.requiredInteger("ffn"),
            vocab: try fields.requiredInteger("vocab"),
            tiedEmbeddings: try fields.boolean("tied_embeddings") ?? false,
            context: try fields.integer("context") ?? 4096,
            moe: moe, mla: mla, mtpDepth: try fields.integer("mtp_depth") ?? 0)
        try fields.finish()
        return model
    }

    static func precision(_ fields: inout FieldReader) throws -> Precision {
        guard let text = try fields.string("precision") else { return .bf16 }
        guard let precision = Precision(name: text) else {
            throw fields.error(
                "precision",
                "must be one of \(Precision.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        }
        return precision
    }

    static func lookupModel(_ fields: inout FieldReader, context: ScriptCatalogs) throws -> ModelArchitecture? {
        guard let name = try fields.name("model") else { return nil }
        return try rethrowing { try context.models.model(named: name) }
    }

    static func lookupGPU(_ fields: inout FieldReader, context: ScriptCatalogs) throws -> Accelerator {
        guard let name = try fields.name("gpu") else {
            throw fields.error("gpu", "is required (a name such as 'H800')")
        }
        return try rethrowing { try context.hardware.accelerator(named: name) }
    }

    /// The workload and chip fields shared by `training` and `sweep`.
    static func workload(_ fields: inout FieldReader, context: ScriptCatalogs, accelerator: Accelerator) throws
        -> TrainingScenario
    {
        var scenario = TrainingScenario(
            model: try lookupModel(&fields, context: context), parameters: try fields.number("params"),
            activeParameters: try fields.number("active_params"), tokens: try fields.number("tokens"),
            flops: try fields.number("flops"), context: try fields.integer("context"), accelerator: accelerator,
            precision: try precision(&fields))
        if let method = try fields.string("flops_method") {
            guard let parsed = FLOPsMethod(rawValue: method.lowercased()) else {
                throw fields.error(
                    "flops_method",
                    "must be one of \(FLOPsMethod.allCases.map(\.rawValue).joined(separator: ", ")), got '\(method)'")
            }
            scenario.flopsMethod = parsed
        }
        if let goodput = try fields.number("goodput") { scenario.goodput = goodput }
        return scenario
    }

    /// `cost.training{...}`.
    static func training(_ table: LuaTable, context: ScriptCatalogs) throws -> TrainingScenario {
        var fields = reader(table)
        var scenario = try workload(&fields, context: context, accelerator: try lookupGPU(&fields, context: context))
        scenario.gpus = try fields.integer("gpus")
        scenario.mfu = try fields.number("mfu")
        scenario.gpuHours = try fields.number("gpu_hours")
        scenario.pricePerGPUHour = try fields.number("price_per_gpu_hour")
        if let pue = try fields.number("pue") { scenario.pue = pue }
        if let load = try fields.number("load") { scenario.load = load }
        scenario.gridKgCO2PerKWh = try fields.number("grid_kg_co2_per_kwh")
        var parallelism = Parallelism()
        parallelism.tensor = try fields.integer("tp") ?? 1
        parallelism.pipeline = try fields.integer("pp") ?? 1
        parallelism.expert = try fields.integer("ep") ?? 1
        parallelism.zeroStage = try fields.integer("zero") ?? parallelism.zeroStage
        parallelism.microBatch = try fields.integer("micro_batch") ?? 1
        if let recompute = try fields.string("recompute") {
            guard let parsed = Recomputation(rawValue: recompute) else {
                throw fields.error("recompute", "must be none, selective or full, got '\(recompute)'")
            }
            parallelism.recomputation = parsed
        }
        scenario.parallelism = parallelism
        if let stages = try fields.table("stages") {
            scenario.stages = try stages.array.enumerated().map { index, value in
                guard case .table(let table) = value else {
                    throw LuaArgumentError(1, "field 'stages[\(index + 1)]' must be a table, got \(value.type.name)")
                }
                var stage = fields.nested(table, path: "stages[\(index + 1)].")
                let parsed = TrainingStage(
                    name: try stage.string("name") ?? "stage \(index + 1)", tokens: try stage.number("tokens"),
                    flops: try stage.number("flops"), gpuHours: try stage.number("gpu_hours"),
                    mfu: try stage.number("mfu"), context: try stage.integer("context"))
                try stage.finish()
                return parsed
            }
        }
        try fields.finish()
        return scenario
    }

    /// `cost.inference{...}`.
    static func inference(_ table: LuaTable, context: ScriptCatalogs) throws -> InferenceScenario {
        var fields = reader(table)
        guard let model = try lookupModel(&fields, context: context) else {
            throw fields.error("model", "is required (a preset name or a model from cost.define_model)")
        }
        let accelerator = try lookupGPU(&fields, context: context)
        var scenario = InferenceScenario(model: model, accelerator: accelerator, precision: try precision(&fields))
        if let value = try fields.integer("gpus_per_node") { scenario.gpusPerNode = value }
        if let value = try fields.number("kv_bytes") { scenario.kvBytesPerValue = value }
        if let value = try fields.integer("batch") { scenario.batch = value }
        if let value = try fields.integer("context") { scenario.context = value }
        if let value = try fields.number("mfu") { scenario.prefillMFU = value }
        if let value = try fields.number("bandwidth_efficiency") { scenario.bandwidthEfficiency = value }
        scenario.pricePerGPUHour = try fields.number("price_per_gpu_hour")
        scenario.measuredPrefillTokensPerSecondPerNode = try fields.number("prefill_tokens_per_s_per_node")
        scenario.measuredDecodeTokensPerSecondPerNode = try fields.number("decode_tokens_per_s_per_node")
        let input = try fields.number("input_tokens")
        let output = try fields.number("output_tokens")
        if input != nil || output != nil {
            var traffic = InferenceScenario.Traffic(inputTokens: input ?? 0, outputTokens: output ?? 0)
            traffic.cacheHitShare = try fields.number("cache_hit") ?? 0
            traffic.hours = try fields.number("hours") ?? 24
            traffic.averageNodes = try fields.number("nodes")
            if let prices = try fields.table("prices") {
                var sub = fields.nested(prices, path: "prices.")
                traffic.priceCacheHitInput = try sub.number("input_cache_hit")
                traffic.priceCacheMissInput = try sub.number("input_cache_miss") ?? sub.number("input")
                traffic.priceOutput = try sub.number("output")
                if traffic.priceCacheHitInput == nil { traffic.priceCacheHitInput = traffic.priceCacheMissInput }
                try sub.finish()
            }
            scenario.traffic = traffic
        }
        try fields.finish(known: ["cache_hit", "hours", "nodes", "prices"])
        return scenario
    }

    /// A sweep's axis: a value or a list of them (`gpus = 8` or `gpus = {8, 16}`); empty when optional and absent.
    static func list(_ fields: inout FieldReader, _ key: String, required: Bool = true) throws -> [LuaValue] {
        guard let value = fields.value(key) else {
            if required { throw fields.error(key, "is required (a value or a list)") }
            return []
        }
        if case .table(let table) = value { return table.array.values }
        return [value]
    }

    static func numbers(_ fields: inout FieldReader, _ key: String, required: Bool = true) throws -> [Double] {
        try list(&fields, key, required: required).map { value in
            guard let number = value.doubleValue, number.isFinite else {
                let got = value.doubleValue.map(FieldLimits.text) ?? value.type.name
                throw fields.error(key, "must hold finite numbers, got \(got)")
            }
            return number
        }
    }

    /// The chips of a sweep's `gpu` axis, each looked up in the catalog.
    static func accelerators(_ fields: inout FieldReader, context: ScriptCatalogs) throws -> [Accelerator] {
        let accelerators = try list(&fields, "gpu").map { value -> Accelerator in
            guard let name = value.stringValue else {
                throw fields.error("gpu", "must hold GPU names, got \(value.type.name)")
            }
            return try rethrowing { try context.hardware.accelerator(named: name) }
        }
        guard !accelerators.isEmpty else { throw fields.error("gpu", "must name at least one GPU") }
        return accelerators
    }

    /// `cost.sweep{model=, tokens=, gpu={...}, gpus={...}, mfu={...}, price={...}, precision=}`.
    static func sweep(_ table: LuaTable, context: ScriptCatalogs) throws -> TrainingSweep {
        var fields = reader(table)
        let accelerators = try accelerators(&fields, context: context)
        let base = try workload(&fields, context: context, accelerator: accelerators[0])
        let counts = try list(&fields, "gpus").map { try fields.integer(from: $0, key: "gpus") }
        let sweep = TrainingSweep(
            base: base, accelerators: accelerators, gpuCounts: counts, mfus: try numbers(&fields, "mfu"),
            prices: try numbers(&fields, "price"))
        try fields.finish()
        return sweep
    }
}
