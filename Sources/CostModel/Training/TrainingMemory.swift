import HardwareCatalog

/// Memory per GPU of mixed-precision Adam training: 2 bytes of weights, 2 of gradients and 12 of optimizer state
/// (FP32 master weights, two moments) per parameter, divided by tensor/pipeline/expert parallelism and by the
/// data-parallel degree for what ZeRO shards; activations per layer s·b·h·(34 + 5·a·s/h) bytes, /t with tensor
/// parallelism, 34·s·b·h/t with selective and 2·s·b·h with full recomputation (Korthikanti et al. 2022), for the
/// `layers` micro-batches a 1F1B pipeline's first stage holds.
public struct TrainingMemory: Sendable, Equatable {
    public var weightsGB: Double
    public var gradientsGB: Double
    public var optimizerGB: Double
    public var activationsGB: Double
    public var totalGB: Double
    public var availableGB: Double
    public var fits: Bool
    public var gpus: Int
    /// The fewest GPUs (a multiple of tensor × pipeline degree) on which it fits, or nil if no data-parallel degree
    /// makes it fit with this parallelism.
    public var minimumGPUs: Int?
    public var parallelism: Parallelism

    static let weightBytes = 2.0
    static let gradientBytes = 2.0
    static let optimizerBytes = 12.0

    static func estimate(
        model: ModelArchitecture, accelerator: Accelerator, gpus: Int, context: Int,
        parallelism p: Parallelism
    ) throws -> TrainingMemory {
        guard let memory = accelerator.figures.memoryGB?.value else {
            throw CostModelError("no memory_gb for \(accelerator.name) in the catalog; define it to estimate memory")
        }
        guard p.tensor > 0, p.pipeline > 0, p.expert > 0, p.microBatch > 0, gpus > 0 else {
            throw CostModelError("gpus, tp, pp, ep and micro_batch must be positive integers")
        }
        let (modelParallel, overflow) = p.tensor.multipliedReportingOverflow(by: p.pipeline)
        guard !overflow, modelParallel <= gpus else {
            throw CostModelError(
                "tensor × pipeline parallelism (\(p.tensor) × \(p.pipeline)) needs more GPUs than the \(gpus) given; "
                    + "lower tp or pp, or give at least that many gpus")
        }
        guard gpus % modelParallel == 0 else {
            throw CostModelError(
                "gpus (\(gpus)) must be a multiple of tensor × pipeline parallelism (\(modelParallel))")
        }
        let total = footprint(model: model, gpus: gpus, context: context, parallelism: p)
        var minimum: Int? = nil
        // The search for the fewest GPUs stops at 2^20 data-parallel replicas (or where the count would overflow).
        let replicas = min(1_048_576, Int.max / modelParallel)
        if footprint(model: model, gpus: modelParallel * replicas, context: context, parallelism: p).total <= memory {
            var low = 1
            var high = replicas
            while low < high {
                let mid = (low + high) / 2
                if footprint(model: model, gpus: modelParallel * mid, context: context, parallelism: p).total <= memory
                {
                    high = mid
                } else {
                    low = mid + 1
                }
            }
            minimum = low * modelParallel
        }
        return TrainingMemory(
            weightsGB: total.weights, gradientsGB: total.gradients, optimizerGB: total.optimizer,
            activationsGB: total.activations, totalGB: total.total, availableGB: memory, fits: total.total <= memory,
            gpus: gpus, minimumGPUs: minimum, parallelism: p)
    }

    private static func footprint(model: ModelArchitecture, gpus: Int, context: Int, parallelism p: Parallelism)
        -> (weights: Double, gradients: Double, optimizer: Double, activations: Double, total: Double)
    {
        let counts = model.parameters
        let dataParallel = Double(max(1, gpus / (p.tensor * p.pipeline)))
        let expertParallel = Double(max(1, min(p.expert, Int(dataParallel))))
        let shard = Double(p.tensor * p.pipeline)
        let dense = (counts.total - counts.experts) / shard
        let experts = counts.experts / (shard * expertParallel)
        // Expert weights are replicated across dataParallel / expertParallel groups; ZeRO shards over those.
        let denseShards = dataParallel
        let expertShards = max(1, dataParallel / expertParallel)
        func sharded(_ bytes: Double, _ stage: Int) -> Double {
            p.zeroStage >= stage ? bytes * (dense / denseShards + experts / expertShards) : bytes * (dense + experts)
        }
        let weights = sharded(weightBytes, 3) / 1e9
        let gradients = sharded(gradientBytes, 2) / 1e9
        let optimizer = sharded(optimizerBytes, 1) / 1e9
        let s = Double(context)
        let b = Double(p.microBatch)
        let h = Double(model.hidden)
        let a = Double(model.heads)
        let t = Double(p.tensor)
        let perLayer: Double
        switch p.recomputation {
        case .none: perLayer = s * b * h * (34 + 5 * a * s / h) / t
        case .selective: perLayer = 34 * s * b * h / t
        case .full: perLayer = 2 * s * b * h
        }
        let activations = perLayer * Double(model.layers) / 1e9
        return (weights, gradients, optimizer, activations, weights + gradients + optimizer + activations)
    }
}
