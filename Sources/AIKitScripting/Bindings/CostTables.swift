import CostModel
import HardwareCatalog
import LuaRuntime

/// Cost-model values → Lua tables. Units are in the field names (`_usd`, `_gb`, `_kwh`, `_t`, `_tflops`).
enum CostTables {
    static func number(_ value: Double?) -> LuaValue { value.map(LuaValue.number) ?? .nil }
    static func integer(_ value: Int?) -> LuaValue { value.map { .integer(Int64($0)) } ?? .nil }
    static func text(_ value: String?) -> LuaValue { value.map { .string($0) } ?? .nil }

    static func table(_ fields: [String: LuaValue]) -> LuaTable {
        LuaTable(
            fields: Dictionary(
                uniqueKeysWithValues: fields.compactMap { key, value in
                    value == .nil ? nil : (LuaValue.string(key), value)
                }))
    }

    static func figure(_ figure: Figure) -> LuaValue {
        .table(
            table([
                "value": .number(figure.value), "evidence": .string(figure.evidence.rawValue),
                "source": .string(figure.source),
                "note": text(figure.note), "low": number(figure.low), "high": number(figure.high),
            ]))
    }

    /// A chip: each figure's value at the top level, and `figures.KEY = {value, evidence, source, ...}`.
    static func gpu(_ accelerator: Accelerator) -> LuaTable {
        var fields: [String: LuaValue] = [
            "name": .string(accelerator.name), "vendor": .string(accelerator.vendor),
            "aliases": .table(LuaTable(array: accelerator.aliases.map { .string($0) })),
            "market": .string(accelerator.market.rawValue), "launched": integer(accelerator.launched),
            "interconnect": text(accelerator.interconnect), "notes": text(accelerator.notes),
            "precisions": .table(LuaTable(array: accelerator.precisions.map { .string($0.rawValue) })),
        ]
        var figures: [String: LuaValue] = [:]
        for (key, figure) in accelerator.figures.all {
            fields[key] = .number(figure.value)
            figures[key] = self.figure(figure)
        }
        fields["figures"] = .table(table(figures))
        fields["prices"] = .table(
            LuaTable(
                array: accelerator.prices.map { price in
                    .table(
                        table([
                            "kind": .string(price.kind.rawValue), "low": .number(price.low),
                            "high": .number(price.high),
                            "date": .string(price.date), "evidence": .string(price.evidence.rawValue),
                            "source": .string(price.source),
                            "note": text(price.note),
                        ]))
                }))
        if let owned = OwnershipCatalog.bundled.chip(accelerator) {
            fields["released"] = text(owned.released)
            fields["owner_prices"] = .table(
                LuaTable(
                    array: owned.prices.map { price in
                        .table(
                            table([
                                "usd": .number(price.usd), "date": .string(price.date),
                                "basis": .string(price.basis.rawValue), "evidence": .string(price.evidence.rawValue),
                                "source": .string(price.source),
                            ]))
                    }))
        }
        return table(fields)
    }

    static func model(_ model: ModelArchitecture) -> LuaTable {
        let counts = model.parameters
        var fields: [String: LuaValue] = [
            "name": .string(model.name), "family": text(model.family), "kind": .string(model.kind),
            "attention": .string(model.attentionKind), "layers": integer(model.layers), "hidden": integer(model.hidden),
            "heads": integer(model.heads), "kv_heads": integer(model.kvHeads),
            "head_dim": integer(model.resolvedHeadDim),
            "ffn": integer(model.ffn), "vocab": integer(model.vocab), "context": integer(model.context),
            "tied_embeddings": .boolean(model.tiedEmbeddings), "mtp_depth": integer(model.mtpDepth),
            "params": .number(counts.total), "active_params": .number(counts.active),
            "embedding_params": .number(counts.embedding), "mtp_params": .number(counts.mtp),
            "kv_bytes_per_token_bf16": .number(model.kvCacheBytesPerToken(bytesPerValue: 2)),
        ]
        if let moe = model.moe {
            fields["moe"] = .table(
                table([
                    "routed_experts": integer(moe.routedExperts), "shared_experts": integer(moe.sharedExperts),
                    "active_experts": integer(moe.activeExperts), "expert_ffn": integer(moe.expertFFN),
                    "dense_layers": integer(moe.denseLayers),
                ]))
        }
        if let mla = model.mla {
            fields["mla"] = .table(
                table([
                    "q_lora_rank": integer(mla.qLoraRank), "kv_lora_rank": integer(mla.kvLoraRank),
                    "qk_nope_head_dim": integer(mla.qkNopeHeadDim), "qk_rope_head_dim": integer(mla.qkRopeHeadDim),
                    "v_head_dim": integer(mla.vHeadDim),
                ]))
        }
        if let published = model.published {
            fields["published"] = .table(
                table([
                    "params": number(published.totalParams), "active_params": number(published.activeParams),
                    "source": .string(published.source), "note": text(published.note),
                ]))
        }
        return table(fields)
    }

    static func training(_ e: TrainingEstimate, scenario s: TrainingScenario) -> LuaTable {
        var fields: [String: LuaValue] = [
            "model": text(e.model), "gpu": .string(e.gpu), "precision": .string(e.precision.rawValue),
            "flops_method": .string(e.flopsMethod.rawValue), "params": number(e.parameters),
            "active_params": number(e.activeParameters), "tokens": number(e.tokens),
            "flops_per_token": number(e.flopsPerToken), "flops": number(e.flops), "gpu_hours": .number(e.gpuHours),
            "days": number(e.days), "gpus": integer(e.gpus), "cost_usd": number(e.costUSD), "mfu": number(e.mfu),
            "goodput": .number(e.goodput), "effective_tflops": number(e.effectiveTflops),
            "peak_tflops": .number(e.peakTflops), "gpu_hours_per_trillion_tokens": number(e.gpuHoursPerTrillionTokens),
            "energy_kwh": number(e.energyKWh), "co2_t": number(e.co2Tonnes), "explain": .string(e.explain),
            "price_per_gpu_hour": number(s.pricePerGPUHour), "pue": .number(s.pue), "load": .number(s.load),
            "grid_kg_co2_per_kwh": number(s.gridKgCO2PerKWh),
        ]
        if let memory = e.memory {
            fields["memory_per_gpu_gb"] = .number(memory.totalGB)
            fields["min_gpus"] = integer(memory.minimumGPUs)
            let p = memory.parallelism
            fields["memory"] = .table(
                table([
                    "weights_gb": .number(memory.weightsGB), "gradients_gb": .number(memory.gradientsGB),
                    "optimizer_gb": .number(memory.optimizerGB), "activations_gb": .number(memory.activationsGB),
                    "total_gb": .number(memory.totalGB), "available_gb": .number(memory.availableGB),
                    "fits": .boolean(memory.fits), "tp": integer(p.tensor), "pp": integer(p.pipeline),
                    "ep": integer(p.expert), "zero": integer(p.zeroStage), "micro_batch": integer(p.microBatch),
                    "recompute": .string(p.recomputation.rawValue),
                ]))
        }
        fields["stages"] = .table(
            LuaTable(
                array: e.stages.map { stage in
                    .table(
                        table([
                            "name": .string(stage.name), "tokens": number(stage.tokens), "flops": number(stage.flops),
                            "gpu_hours": .number(stage.gpuHours), "reported": .boolean(stage.gpuHoursReported),
                            "mfu": number(stage.mfu), "effective_tflops": number(stage.effectiveTflops),
                            "cost_usd": number(stage.costUSD),
                        ]))
                }))
        return table(fields)
    }

    static func inference(_ e: InferenceEstimate, scenario s: InferenceScenario) -> LuaTable {
        var fields: [String: LuaValue] = [
            "model": .string(e.model), "gpu": .string(e.gpu), "attention": .string(e.attention),
            "precision": .string(s.precision.rawValue), "gpus_per_node": integer(s.gpusPerNode),
            "batch": integer(s.batch), "context": integer(s.context), "mfu": .number(s.prefillMFU),
            "bandwidth_efficiency": .number(s.bandwidthEfficiency), "kv_bytes_per_token": .number(e.kvBytesPerToken),
            "prefill_flops_per_token": .number(e.prefillFLOPsPerToken),
            "prefill_tokens_per_s_per_gpu": .number(e.prefillTokensPerSecondPerGPU),
            "prefill_tokens_per_s_per_node": .number(e.prefillTokensPerSecondPerNode),
            "decode_bytes_per_step": .number(e.decodeBytesPerStep), "decode_step_s": .number(e.decodeStepSeconds),
            "decode_bound": .string(e.decodeBound),
            "decode_tokens_per_s_per_gpu": .number(e.decodeTokensPerSecondPerGPU),
            "decode_tokens_per_s_per_node": .number(e.decodeTokensPerSecondPerNode),
            "tokens_per_s_per_sequence": .number(e.tokensPerSecondPerSequence),
            "cost_per_m_input_usd": number(e.costPerMillionInputUSD),
            "cost_per_m_output_usd": number(e.costPerMillionOutputUSD),
            "price_per_gpu_hour": number(s.pricePerGPUHour), "explain": .string(e.explain),
        ]
        if let day = e.economics {
            fields["node_seconds"] = .number(day.nodeSeconds)
            fields["required_nodes"] = .number(day.requiredNodes)
            fields["nodes"] = .number(day.pricedNodes)
            fields["cost_usd"] = number(day.costUSD)
            fields["revenue_usd"] = number(day.revenueUSD)
            fields["margin"] = number(day.margin)
        }
        return table(fields)
    }

    /// A sweep as a table of columns plus `n`: `r.cost_usd[i]` is row i.
    static func push(_ result: TrainingSweep.Result, to call: LuaCall) {
        pushColumns(
            to: call, count: result.count, scalar: ("flops", result.flops), gpu: result.gpu,
            columns: [
                ("gpus", result.gpus), ("mfu", result.mfu), ("price", result.price),
                ("gpu_hours", result.gpuHours), ("days", result.days), ("cost_usd", result.costUSD),
            ])
    }

    /// A table of columns: `n`, one scalar, the `gpu` names, and number columns.
    static func pushColumns(
        to call: LuaCall, count: Int, scalar: (String, Double), gpu: [String], columns: [(String, [Double])]
    ) {
        call.newTable(fieldCount: columns.count + 3)
        call.push(count)
        call.setField("n")
        call.push(scalar.1)
        call.setField(scalar.0)
        call.push(strings: gpu)
        call.setField("gpu")
        for (key, column) in columns {
            call.push(numbers: column)
            call.setField(key)
        }
    }
}
