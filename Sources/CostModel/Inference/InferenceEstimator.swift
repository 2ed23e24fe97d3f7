import HardwareCatalog

/// Serving throughput from a roofline: prefill is compute-bound (2·N_active FLOPs per token plus attention over the
/// prompt); a decode step reads the weights the batch touches and every sequence's KV cache, bounded by memory
/// bandwidth (or by compute at large batches). Costs per million tokens follow from the price per GPU-hour.
/// With traffic, node-seconds = input / prefill rate + output / decode rate — the calculation of DeepSeek's
/// V3/R1 serving-day disclosure (deepseek-ai/open-infra-index, 2025-03-01).
public enum InferenceEstimator {
    public static func estimate(_ s: InferenceScenario) throws -> InferenceEstimate {
        try validate(s)
        let model = s.model
        let gpu = s.accelerator
        let peak = try gpu.peak(s.precision).value * 1e12
        guard let bandwidthFigure = gpu.figures.memoryBandwidthTBs else {
            throw CostModelError("no memory_bandwidth_tbs for \(gpu.name) in the catalog; decode throughput needs it")
        }
        let bandwidth = bandwidthFigure.value * 1e12
        let gpus = Double(s.gpusPerNode)
        let counts = model.parameters
        let weightBytes = s.precision.bytes
        let kvPerToken = model.kvCacheBytesPerToken(bytesPerValue: s.kvBytesPerValue)

        // Prefill: average attention span over a prompt of `context` tokens is context / 2 (causal).
        let prefillFLOPs = 2 * counts.activeCompute + model.attentionForwardFLOPsPerToken(context: s.context)
        let prefillPerGPU = peak * s.prefillMFU / prefillFLOPs
        // Decode: weights read once per step for the whole batch; MoE steps read the experts the batch touches.
        let touchedWeights = decodeWeightsRead(model, counts: counts, batch: Double(s.batch))
        let bytesPerStep = touchedWeights * weightBytes + Double(s.batch) * Double(s.context) * kvPerToken
        let memorySeconds = bytesPerStep / (bandwidth * s.bandwidthEfficiency * gpus)
        let decodeFLOPs =
            Double(s.batch) * (2 * counts.activeCompute + 2 * model.attentionForwardFLOPsPerToken(context: s.context))
        let computeSeconds = decodeFLOPs / (peak * s.prefillMFU * gpus)
        let step = max(memorySeconds, computeSeconds)
        let decodePerNode = Double(s.batch) / step

        var lines: [String] = []
        lines.append(
            "KV cache = \(NumberText.sig(kvPerToken)) bytes/token (\(model.attentionKind), "
                + "\(NumberText.sig(s.kvBytesPerValue)) bytes per value)")
        lines.append(
            "Prefill = peak × MFU / FLOPs per token = \(Figure.format(peak / 1e12)) TFLOP/s "
                + "\(s.precision.rawValue) × \(NumberText.sig(s.prefillMFU)) / \(NumberText.sig(prefillFLOPs)) = "
                + "\(NumberText.short(prefillPerGPU)) tokens/s per GPU, \(NumberText.short(prefillPerGPU * gpus)) per node"
        )
        lines.append(
            "Decode step = max(bytes / bandwidth, FLOPs / compute) = max(\(NumberText.sig(bytesPerStep)) B / "
                + "(\(Figure.format(bandwidthFigure.value)) TB/s × \(NumberText.sig(s.bandwidthEfficiency)) × \(s.gpusPerNode)), "
                + "\(NumberText.sig(decodeFLOPs)) / compute) = \(NumberText.sig(step * 1000)) ms for \(s.batch) sequences → "
                + "\(NumberText.short(decodePerNode)) tokens/s per node (\(memorySeconds >= computeSeconds ? "bandwidth" : "compute")-bound)"
        )
        lines.append(
            "  peak \(gpu.figures.peak(s.precision)!.cited(unit: "TFLOP/s")); bandwidth \(bandwidthFigure.cited(unit: "TB/s"))"
        )

        var estimate = InferenceEstimate(
            model: model.name, gpu: gpu.name, attention: model.attentionKind, kvBytesPerToken: kvPerToken,
            prefillFLOPsPerToken: prefillFLOPs, prefillTokensPerSecondPerGPU: prefillPerGPU,
            prefillTokensPerSecondPerNode: prefillPerGPU * gpus, decodeBytesPerStep: bytesPerStep,
            decodeStepSeconds: step, decodeBound: memorySeconds >= computeSeconds ? "bandwidth" : "compute",
            decodeTokensPerSecondPerGPU: decodePerNode / gpus, decodeTokensPerSecondPerNode: decodePerNode,
            tokensPerSecondPerSequence: 1 / step, costPerMillionInputUSD: nil, costPerMillionOutputUSD: nil,
            economics: nil, explain: "")
        let prefillNode = s.measuredPrefillTokensPerSecondPerNode ?? estimate.prefillTokensPerSecondPerNode
        let decodeNode = s.measuredDecodeTokensPerSecondPerNode ?? decodePerNode
        if let price = s.pricePerGPUHour {
            let nodeHour = price * gpus
            estimate.costPerMillionInputUSD = nodeHour / (prefillNode * 3600) * 1e6
            estimate.costPerMillionOutputUSD = nodeHour / (decodeNode * 3600) * 1e6
            lines.append(
                "Cost per million tokens at $\(NumberText.sig(price))/GPU-hour: input "
                    + "$\(NumberText.sig(estimate.costPerMillionInputUSD!)), output $\(NumberText.sig(estimate.costPerMillionOutputUSD!))"
                    + (s.measuredPrefillTokensPerSecondPerNode != nil || s.measuredDecodeTokensPerSecondPerNode != nil
                        ? " (measured throughputs)" : ""))
        }
        if let traffic = s.traffic {
            estimate.economics = economics(
                traffic, scenario: s, prefillNode: prefillNode, decodeNode: decodeNode,
                lines: &lines)
        }
        estimate.explain = lines.joined(separator: "\n")
        return estimate
    }

    /// Weights one decode step reads: all of a dense model; for MoE the always-on part plus the routed experts the
    /// batch touches, E·(1 − (1 − k/E)^B) per MoE layer.
    static func decodeWeightsRead(_ model: ModelArchitecture, counts: ParameterCount, batch: Double) -> Double {
        guard let moe = model.moe else { return counts.total - counts.embedding }
        let experts = Double(moe.routedExperts)
        let touched = experts * (1 - pow(1 - Double(moe.activeExperts) / experts, batch))
        let moeLayers = Double(model.layers) - Double(min(moe.denseLayers, model.layers))
        let expertSize = 3 * Double(model.hidden) * Double(moe.expertFFN)
        let routed = moeLayers * experts * expertSize
        let alwaysOn = counts.total - counts.embedding - routed
        return alwaysOn + moeLayers * touched * expertSize
    }

    private static func pow(_ base: Double, _ exponent: Double) -> Double {
        // exp(exponent · ln base) by repeated squaring on the integer part (batch sizes are integers here).
        var result = 1.0
        var factor = base
        var n = Int(exponent)
        while n > 0 {
            if n & 1 == 1 { result *= factor }
            factor *= factor
            n >>= 1
        }
        return result
    }

    private static func economics(
        _ t: InferenceScenario.Traffic, scenario s: InferenceScenario, prefillNode: Double, decodeNode: Double,
        lines: inout [String]
    ) -> InferenceEstimate.Economics {
        let nodeSeconds = t.inputTokens / prefillNode + t.outputTokens / decodeNode
        let required = nodeSeconds / (t.hours * 3600)
        let priced = t.averageNodes ?? required
        let gpus = Double(s.gpusPerNode)
        let cost = s.pricePerGPUHour.map { priced * gpus * $0 * t.hours }
        var revenue: Double? = nil
        if let hit = t.priceCacheHitInput, let miss = t.priceCacheMissInput, let out = t.priceOutput {
            let hitTokens = t.inputTokens * t.cacheHitShare
            let missTokens = t.inputTokens - hitTokens
            revenue = (hitTokens * hit + missTokens * miss + t.outputTokens * out) / 1e6
            lines.append(
                "Revenue = \(NumberText.short(hitTokens)) cache-hit input × $\(NumberText.sig(hit))/M + "
                    + "\(NumberText.short(missTokens)) cache-miss input × $\(NumberText.sig(miss))/M + "
                    + "\(NumberText.short(t.outputTokens)) output × $\(NumberText.sig(out))/M = \(NumberText.dollars(revenue!))"
            )
        }
        lines.insert(
            "Node-seconds = input / prefill rate + output / decode rate = \(NumberText.short(t.inputTokens)) / "
                + "\(NumberText.short(prefillNode)) + \(NumberText.short(t.outputTokens)) / \(NumberText.short(decodeNode)) = "
                + "\(NumberText.short(nodeSeconds)) → \(NumberText.sig(required, 4)) nodes over \(NumberText.sig(t.hours)) h",
            at: lines.count - (revenue == nil ? 0 : 1))
        if let cost, let price = s.pricePerGPUHour {
            lines.append(
                "Cost = \(NumberText.sig(priced, 5)) nodes × \(s.gpusPerNode) GPUs × $\(NumberText.sig(price))/GPU-hour × "
                    + "\(NumberText.sig(t.hours)) h = \(NumberText.dollars(cost))"
                    + (t.averageNodes == nil ? " (nodes required by the throughput)" : " (nodes deployed)"))
        }
        let margin = (revenue != nil && cost != nil && cost! > 0) ? (revenue! - cost!) / cost! : nil
        if let margin { lines.append("Margin = (revenue − cost) / cost = \(NumberText.percent(margin, 0))") }
        return InferenceEstimate.Economics(
            nodeSeconds: nodeSeconds, requiredNodes: required, pricedNodes: priced, costUSD: cost, revenueUSD: revenue,
            margin: margin, prefillTokensPerSecondPerNodeUsed: prefillNode, decodeTokensPerSecondPerNodeUsed: decodeNode
        )
    }

    private static func validate(_ s: InferenceScenario) throws {
        guard s.gpusPerNode > 0 else { throw CostModelError("gpus_per_node must be positive, got \(s.gpusPerNode)") }
        guard s.batch > 0 else { throw CostModelError("batch must be positive, got \(s.batch)") }
        guard s.context > 0 else { throw CostModelError("context must be positive, got \(s.context)") }
        guard s.prefillMFU > 0 && s.prefillMFU <= 1 else {
            throw CostModelError("mfu must be in (0, 1], got \(NumberText.sig(s.prefillMFU))")
        }
        guard s.bandwidthEfficiency > 0 && s.bandwidthEfficiency <= 1 else {
            throw CostModelError("bandwidth_efficiency must be in (0, 1], got \(NumberText.sig(s.bandwidthEfficiency))")
        }
        guard s.kvBytesPerValue > 0 else { throw CostModelError("kv_bytes must be positive") }
        try CostLimits.check([("gpus_per_node", s.gpusPerNode), ("batch", s.batch), ("context", s.context)])
        try CostLimits.check([
            ("kv_bytes", s.kvBytesPerValue), ("price_per_gpu_hour", s.pricePerGPUHour),
            ("prefill_tokens_per_s_per_node", s.measuredPrefillTokensPerSecondPerNode),
            ("decode_tokens_per_s_per_node", s.measuredDecodeTokensPerSecondPerNode),
        ])
        try ModelCatalog.checked(s.model)
        if let price = s.pricePerGPUHour, !(price >= 0) { throw CostModelError("price_per_gpu_hour must be >= 0") }
        for (value, name) in [
            (s.measuredPrefillTokensPerSecondPerNode, "prefill_tokens_per_s_per_node"),
            (s.measuredDecodeTokensPerSecondPerNode, "decode_tokens_per_s_per_node"),
        ] {
            if let value, !(value > 0) { throw CostModelError("\(name) must be positive") }
        }
        if let t = s.traffic {
            guard t.inputTokens >= 0, t.outputTokens >= 0 else {
                throw CostModelError("token counts must not be negative")
            }
            guard t.cacheHitShare >= 0 && t.cacheHitShare <= 1 else {
                throw CostModelError("cache_hit must be a share in [0, 1], got \(NumberText.sig(t.cacheHitShare))")
            }
            guard t.hours > 0 else { throw CostModelError("hours must be positive") }
            if let nodes = t.averageNodes, !(nodes > 0) { throw CostModelError("nodes must be positive") }
            try CostLimits.check([
                ("input_tokens", t.inputTokens), ("output_tokens", t.outputTokens), ("hours", t.hours),
                ("nodes", t.averageNodes), ("input_cache_hit", t.priceCacheHitInput),
                ("input_cache_miss", t.priceCacheMissInput), ("output", t.priceOutput),
            ])
        }
    }
}
