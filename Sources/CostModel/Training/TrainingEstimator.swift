import HardwareCatalog

/// Training compute, time, cost, energy and memory (methods: shared/reference/training-runs.md, "Methods").
///
/// - FLOPs: 6·N·D with N the active non-embedding parameters (forward 2ND + backward 4ND; Kaplan et al. 2020),
///   plus the attention term by default, or Megatron's formula (Narayanan et al. 2021).
/// - GPU-hours = FLOPs / (peak × MFU × goodput × 3600), the peak taken at `precision` (FP8 doubles the peak of
///   Hopper parts, so the same run has half the MFU against it); days = GPU-hours / (GPUs × 24).
/// - Energy = GPU-hours × TDP × load × PUE; CO2 = energy × grid intensity (Epoch AI: load 0.75, PUE 1.1–1.25).
public enum TrainingEstimator {
    public static func estimate(_ scenario: TrainingScenario) throws -> TrainingEstimate {
        try validate(scenario)
        let peak = try scenario.accelerator.peak(scenario.precision)
        let counts = try parameterCounts(scenario)
        let context = scenario.context ?? scenario.model?.context ?? 4096
        let perToken = try flopsPerToken(scenario, counts: counts, context: context)

        let stageInputs =
            scenario.stages.isEmpty
            ? [
                TrainingStage(
                    name: "training", tokens: scenario.tokens, flops: scenario.flops,
                    gpuHours: scenario.gpuHours, mfu: scenario.mfu, context: scenario.context)
            ]
            : scenario.stages
        var stages: [TrainingEstimate.Stage] = []
        var lines: [String] = []
        for input in stageInputs {
            stages.append(
                try stage(
                    input, scenario: scenario, peak: peak.value, perToken: perToken, context: context,
                    counts: counts, lines: &lines))
        }

        let gpuHours = stages.reduce(0) { $0 + $1.gpuHours }
        let tokens = stages.allSatisfy { $0.tokens == nil } ? nil : stages.reduce(0) { $0 + ($1.tokens ?? 0) }
        let flops = stages.allSatisfy({ $0.flops == nil }) ? nil : stages.reduce(0) { $0 + ($1.flops ?? 0) }
        // MFU and effective FLOP/s over the stages whose FLOPs are known.
        let known = stages.filter { $0.flops != nil }
        let knownHours = known.reduce(0) { $0 + $1.gpuHours }
        let knownFlops = known.reduce(0) { $0 + ($1.flops ?? 0) }
        let effective = knownHours > 0 ? knownFlops / (knownHours * 3600) / 1e12 : nil
        let mfu = effective.map { $0 / peak.value / scenario.goodput }
        let tokenHours = stages.filter { $0.tokens != nil }
        let perTrillion =
            tokenHours.isEmpty
            ? nil : tokenHours.reduce(0) { $0 + $1.gpuHours } / (tokenHours.reduce(0) { $0 + $1.tokens! } / 1e12)

        var estimate = TrainingEstimate(
            model: scenario.model?.name, gpu: scenario.accelerator.name, precision: scenario.precision,
            flopsMethod: scenario.flopsMethod, parameters: counts?.total, activeParameters: counts?.active,
            tokens: tokens, flopsPerToken: perToken, flops: flops, gpuHours: gpuHours,
            days: scenario.gpus.map { gpuHours / (Double($0) * 24) }, gpus: scenario.gpus,
            costUSD: scenario.pricePerGPUHour.map { gpuHours * $0 }, mfu: mfu, goodput: scenario.goodput,
            effectiveTflops: effective, peakTflops: peak.value, gpuHoursPerTrillionTokens: perTrillion,
            energyKWh: nil, co2Tonnes: nil, memory: nil, stages: stages, explain: "")

        if stages.count > 1 {
            lines.append(
                "Total GPU-hours = " + stages.map { NumberText.short($0.gpuHours) }.joined(separator: " + ")
                    + " = \(NumberText.short(gpuHours))")
        }
        lines.append(
            "  peak: \(scenario.accelerator.name) \(scenario.precision.rawValue) \(peak.cited(unit: "TFLOP/s"))")
        if let effective, let mfu {
            lines.append(
                "Effective = FLOPs / (GPU-hours × 3600) = \(NumberText.sig(effective)) TFLOP/s per GPU = "
                    + "\(NumberText.percent(mfu)) MFU of the \(scenario.precision.rawValue) peak"
                    + (scenario.goodput < 1 ? " at goodput \(NumberText.sig(scenario.goodput))" : ""))
        }
        if let perTrillion {
            lines.append("GPU-hours per trillion tokens = \(NumberText.short(perTrillion))")
        }
        if let gpus = scenario.gpus, let days = estimate.days {
            lines.append(
                "Days = GPU-hours / (GPUs × 24) = \(NumberText.short(gpuHours)) / (\(gpus) × 24) = "
                    + "\(NumberText.sig(days)) days"
                    + (perTrillion.map { "; \(NumberText.sig($0 / (Double(gpus) * 24))) days per trillion tokens" }
                        ?? ""))
        }
        if let price = scenario.pricePerGPUHour, let cost = estimate.costUSD {
            lines.append(
                "Cost = GPU-hours × price = \(NumberText.short(gpuHours)) × $\(NumberText.sig(price))/GPU-hour = "
                    + NumberText.dollars(cost))
        }
        if scenario.pricePerGPUHour == nil {
            lines.append(missingPriceLine(scenario.accelerator))
        }
        if let tdp = scenario.accelerator.figures.tdpW {
            let energy = gpuHours * tdp.value / 1000 * scenario.load * scenario.pue
            estimate.energyKWh = energy
            var line =
                "Energy = GPU-hours × TDP × load × PUE = \(NumberText.short(gpuHours)) × \(Figure.format(tdp.value)) W"
                + " × \(NumberText.sig(scenario.load)) × \(NumberText.sig(scenario.pue)) = \(NumberText.sig(energy / 1000, 4)) MWh"
            if let grid = scenario.gridKgCO2PerKWh {
                estimate.co2Tonnes = energy * grid / 1000
                line += "; CO2 = \(NumberText.sig(grid)) kg/kWh × energy = \(NumberText.sig(energy * grid / 1000, 4)) t"
            }
            lines.append(line + "  (TDP \(tdp.cited(unit: "W")))")
        }
        if let model = scenario.model, let gpus = scenario.gpus {
            let memory = try TrainingMemory.estimate(
                model: model, accelerator: scenario.accelerator, gpus: gpus, context: context,
                parallelism: scenario.parallelism)
            estimate.memory = memory
            lines.append(memoryLine(memory))
            guard memory.fits else {
                throw CostModelError(
                    "\(model.name) does not fit on \(gpus) \(scenario.accelerator.name): it needs "
                        + "\(NumberText.sig(memory.totalGB)) GB per GPU (\(memoryParts(memory))) and each has "
                        + "\(Figure.format(memory.availableGB)) GB; "
                        + (memory.minimumGPUs.map { "use at least \($0) GPUs" }
                            ?? "no GPU count fits with this parallelism: raise the ZeRO stage, tensor/pipeline/expert "
                            + "parallelism or recomputation"))
            }
        }
        estimate.explain = lines.joined(separator: "\n")
        return estimate
    }

    /// Total FLOPs of the scenario's workload (tokens × FLOPs per token, or the given FLOPs); nil without either.
    public static func flops(_ scenario: TrainingScenario) throws -> Double? {
        try validate(scenario)
        if let flops = scenario.flops { return flops }
        guard let tokens = scenario.tokens else { return nil }
        guard tokens > 0 else {
            throw CostModelError("tokens must be a positive number, got \(NumberText.sig(tokens))")
        }
        let context = scenario.context ?? scenario.model?.context ?? 4096
        return try flopsPerToken(scenario, counts: try parameterCounts(scenario), context: context).map { $0 * tokens }
    }

    /// Why there is no cost: which price is missing, how to give one, and the catalog's rental prices for the chip.
    static func missingPriceLine(_ accelerator: Accelerator) -> String {
        let rentals = accelerator.prices.filter { $0.kind == .rental }.map {
            "$\(NumberText.sig($0.low))" + ($0.high != $0.low ? "–\(NumberText.sig($0.high))" : "")
                + " (\($0.note ?? "rental"), \($0.date), \($0.evidence.rawValue))"
        }
        return "Cost: no price_per_gpu_hour given, so no cost_usd; give price_per_gpu_hour = <USD per GPU-hour> ("
            + (rentals.isEmpty
                ? "aikit's catalog has no rental price for \(accelerator.name)"
                : "the catalog's rental prices for \(accelerator.name): " + rentals.joined(separator: ", "))
            + "), or value the GPU-hours as an owner with cost.ownership"
    }

    static func memoryParts(_ memory: TrainingMemory) -> String {
        "weights \(NumberText.sig(memory.weightsGB)) + gradients \(NumberText.sig(memory.gradientsGB)) + optimizer "
            + "\(NumberText.sig(memory.optimizerGB)) + activations \(NumberText.sig(memory.activationsGB))"
    }

    static func memoryLine(_ memory: TrainingMemory) -> String {
        let p = memory.parallelism
        return "Memory per GPU = \(memoryParts(memory)) = \(NumberText.sig(memory.totalGB)) GB of "
            + "\(Figure.format(memory.availableGB)) GB (TP\(p.tensor) PP\(p.pipeline) EP\(p.expert) ZeRO-\(p.zeroStage), "
            + "micro-batch \(p.microBatch), \(p.recomputation.rawValue) recomputation)"
            + (memory.minimumGPUs.map { "; fits from \($0) GPUs" } ?? "")
    }

    /// Checks every input of `s` (and its model) before any arithmetic: ranges from `CostLimits`.
    static func validate(_ s: TrainingScenario) throws {
        func check(_ value: Double?, _ name: String, allowZero: Bool = false) throws {
            guard let value else { return }
            guard value.isFinite, allowZero ? value >= 0 : value > 0 else {
                throw CostModelError("\(name) must be a positive number, got \(NumberText.sig(value))")
            }
        }
        if let mfu = s.mfu, !(mfu > 0 && mfu <= 1) {
            throw CostModelError("mfu must be in (0, 1] (a fraction of the peak), got \(NumberText.sig(mfu))")
        }
        guard s.goodput > 0 && s.goodput <= 1 else {
            throw CostModelError("goodput must be in (0, 1], got \(NumberText.sig(s.goodput))")
        }
        guard s.load > 0 && s.load <= 1 else {
            throw CostModelError("load must be in (0, 1], got \(NumberText.sig(s.load))")
        }
        guard s.pue >= 1 && s.pue.isFinite else {
            throw CostModelError("pue must be at least 1, got \(NumberText.sig(s.pue))")
        }
        try check(s.tokens, "tokens")
        try check(s.flops, "flops")
        try check(s.gpuHours, "gpu_hours")
        try check(s.parameters, "params")
        try check(s.activeParameters, "active_params")
        try check(s.pricePerGPUHour, "price_per_gpu_hour", allowZero: true)
        try check(s.gridKgCO2PerKWh, "grid_kg_co2_per_kwh", allowZero: true)
        if let gpus = s.gpus, gpus <= 0 { throw CostModelError("gpus must be a positive integer, got \(gpus)") }
        if let context = s.context, context <= 0 { throw CostModelError("context must be positive, got \(context)") }
        let p = s.parallelism
        guard p.tensor > 0, p.pipeline > 0, p.expert > 0, p.microBatch > 0 else {
            throw CostModelError("tp, pp, ep and micro_batch must be positive integers")
        }
        guard (0...3).contains(p.zeroStage) else {
            throw CostModelError("zero must be 0, 1, 2 or 3, got \(p.zeroStage)")
        }
        try CostLimits.check([
            ("gpus", s.gpus), ("context", s.context), ("tp", p.tensor), ("pp", p.pipeline), ("ep", p.expert),
            ("micro_batch", p.microBatch),
        ])
        try CostLimits.check([
            ("tokens", s.tokens), ("flops", s.flops), ("gpu_hours", s.gpuHours), ("params", s.parameters),
            ("active_params", s.activeParameters), ("price_per_gpu_hour", s.pricePerGPUHour),
            ("grid_kg_co2_per_kwh", s.gridKgCO2PerKWh), ("pue", s.pue),
        ])
        for stage in s.stages {
            try check(stage.tokens, "stage '\(stage.name)': tokens")
            try check(stage.flops, "stage '\(stage.name)': flops")
            try check(stage.gpuHours, "stage '\(stage.name)': gpu_hours")
            if let mfu = stage.mfu, !(mfu > 0 && mfu <= 1) {
                throw CostModelError("stage '\(stage.name)': mfu must be in (0, 1], got \(NumberText.sig(mfu))")
            }
            let prefix = "stage '\(stage.name)': "
            try CostLimits.check([("context", stage.context)], prefix: prefix)
            try CostLimits.check(
                [("tokens", stage.tokens), ("flops", stage.flops), ("gpu_hours", stage.gpuHours)], prefix: prefix)
        }
        if let model = s.model { try ModelCatalog.checked(model) }
    }

    private static func parameterCounts(_ s: TrainingScenario) throws -> ParameterCount? {
        if let model = s.model {
            var counts = model.parameters
            if let total = s.parameters { counts.total = total }
            if let active = s.activeParameters { counts.active = active }
            return counts
        }
        guard let total = s.parameters ?? s.activeParameters else { return nil }
        let active = s.activeParameters ?? total
        return ParameterCount(total: total, active: active, embedding: 0, outputHead: 0, experts: 0, mtp: 0)
    }

    private static func flopsPerToken(_ s: TrainingScenario, counts: ParameterCount?, context: Int) throws -> Double? {
        guard let counts else { return nil }
        let dense = 6 * counts.activeCompute
        switch s.flopsMethod {
        case .sixND:
            return dense
        case .sixNDAttention:
            guard let model = s.model else { return dense }
            return dense + 3 * model.attentionForwardFLOPsPerToken(context: context)
        case .megatron:
            guard let model = s.model else {
                throw CostModelError("flops_method 'megatron' needs a model (layers, hidden, vocab), not only params")
            }
            let l = Double(model.layers)
            let h = Double(model.hidden)
            let sequence = Double(context)
            let factor = s.parallelism.recomputation == .full ? 96.0 : 72.0
            return factor * l * h * h * (1 + sequence / (6 * h) + Double(model.vocab) / (12 * l * h))
        }
    }

    private static func stage(
        _ input: TrainingStage, scenario s: TrainingScenario, peak: Double, perToken: Double?, context: Int,
        counts: ParameterCount?, lines: inout [String]
    ) throws -> TrainingEstimate.Stage {
        var perToken = perToken
        if let stageContext = input.context, stageContext != context {
            var changed = s
            changed.context = stageContext
            perToken = try flopsPerToken(changed, counts: counts, context: stageContext)
        }
        let label = s.stages.isEmpty ? "" : "[\(input.name)] "
        var flops = input.flops
        if flops == nil, let tokens = input.tokens {
            guard let perToken else {
                throw CostModelError("\(label)give a model or params to turn tokens into FLOPs, or give flops directly")
            }
            flops = perToken * tokens
            lines.append(
                label
                    + flopsLine(
                        s, counts: counts, perToken: perToken, tokens: tokens, context: input.context ?? context))
        } else if let flops {
            lines.append(label + "FLOPs = \(NumberText.sig(flops)) (given)")
        }
        let mfu = input.mfu ?? s.mfu
        let gpuHours: Double
        let reported: Bool
        if let given = input.gpuHours {
            gpuHours = given
            reported = true
            lines.append(label + "GPU-hours = \(NumberText.short(given)) (reported)")
        } else if let flops, let mfu {
            gpuHours = flops / (peak * 1e12 * mfu * s.goodput * 3600)
            reported = false
            lines.append(
                label + "GPU-hours = FLOPs / (peak × MFU × goodput × 3600) = \(NumberText.sig(flops)) / "
                    + "(\(Figure.format(peak)) TFLOP/s × \(NumberText.sig(mfu)) × \(NumberText.sig(s.goodput)) × 3600) = "
                    + NumberText.short(gpuHours))
        } else if flops != nil {
            throw CostModelError("\(label)give mfu (to estimate GPU-hours) or gpu_hours (to infer the MFU)")
        } else {
            throw CostModelError("\(label)give tokens (with a model or params), flops, or gpu_hours")
        }
        let effective = flops.map { $0 / (gpuHours * 3600) / 1e12 }
        return TrainingEstimate.Stage(
            name: input.name, tokens: input.tokens, flops: flops, gpuHours: gpuHours, gpuHoursReported: reported,
            mfu: reported ? effective.map { $0 / peak / s.goodput } : mfu, effectiveTflops: effective,
            costUSD: s.pricePerGPUHour.map { gpuHours * $0 })
    }

    private static func flopsLine(
        _ s: TrainingScenario, counts: ParameterCount?, perToken: Double, tokens: Double,
        context: Int
    ) -> String {
        let n = counts.map { NumberText.sig($0.activeCompute) } ?? "?"
        let head = "FLOPs (\(s.flopsMethod.rawValue)) = "
        switch s.flopsMethod {
        case .sixND:
            return head + "6 × N × D = 6 × \(n) active non-embedding params × \(NumberText.sig(tokens)) tokens = "
                + NumberText.sig(perToken * tokens)
        case .sixNDAttention:
            let attention = perToken - 6 * (counts?.activeCompute ?? 0)
            guard let model = s.model else {
                return head + "6 × N × D = 6 × \(n) × \(NumberText.sig(tokens)) = \(NumberText.sig(perToken * tokens))"
                    + " (no architecture given, so no attention term)"
            }
            return head + "(6 × \(n) active non-embedding params + \(NumberText.sig(attention)) attention FLOPs/token "
                + "[\(model.layers) layers, context \(context), \(model.attentionKind)]) × \(NumberText.sig(tokens)) tokens"
                + " = \(NumberText.sig(perToken)) FLOPs/token × D = \(NumberText.sig(perToken * tokens))"
        case .megatron:
            return head + "\(s.parallelism.recomputation == .full ? 96 : 72)·l·h²·(1 + s/6h + V/12lh) per token = "
                + "\(NumberText.sig(perToken)) FLOPs/token × \(NumberText.sig(tokens)) tokens = \(NumberText.sig(perToken * tokens))"
        }
    }
}
