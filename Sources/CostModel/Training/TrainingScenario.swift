public import HardwareCatalog

/// How training FLOPs are counted.
public enum FLOPsMethod: String, Sendable, CaseIterable {
    /// 6·N·D with N the active (non-embedding) parameters (Kaplan et al. 2020).
    case sixND = "6nd"
    /// 6·N·D plus the attention score/value products, 3 × 2·layers·context·heads·(d_qk + d_v)/2 per token.
    case sixNDAttention = "6nd+attention"
    /// Megatron-LM's per-iteration count, 72·B·s·l·h²·(1 + s/(6h) + V/(12·l·h)) (Narayanan et al. 2021; 96 with full
    /// recomputation). Assumes a dense GPT layout.
    case megatron
}

/// Activation recomputation (Korthikanti et al. 2022).
public enum Recomputation: String, Sendable, CaseIterable {
    case none, selective, full
}

/// How a training job is split across GPUs, for the memory estimate.
public struct Parallelism: Sendable, Equatable {
    public var tensor: Int
    public var pipeline: Int
    public var expert: Int
    /// ZeRO stage 0–3 over the data-parallel degree (default 3: everything sharded, so a GPU count that fits
    /// in aggregate fits unless activations alone overflow).
    public var zeroStage: Int
    public var microBatch: Int
    public var recomputation: Recomputation

    public init(
        tensor: Int = 1, pipeline: Int = 1, expert: Int = 1, zeroStage: Int = 3, microBatch: Int = 1,
        recomputation: Recomputation = .selective
    ) {
        self.tensor = tensor
        self.pipeline = pipeline
        self.expert = expert
        self.zeroStage = zeroStage
        self.microBatch = microBatch
        self.recomputation = recomputation
    }
}

/// One stage of a training run (pre-training, context extension, post-training): its own tokens, FLOPs or
/// reported GPU-hours, and optionally its own MFU and context length.
public struct TrainingStage: Sendable, Equatable {
    public var name: String
    public var tokens: Double?
    public var flops: Double?
    public var gpuHours: Double?
    public var mfu: Double?
    public var context: Int?

    public init(
        name: String, tokens: Double? = nil, flops: Double? = nil, gpuHours: Double? = nil,
        mfu: Double? = nil, context: Int? = nil
    ) {
        self.name = name
        self.tokens = tokens
        self.flops = flops
        self.gpuHours = gpuHours
        self.mfu = mfu
        self.context = context
    }
}

/// Everything a training estimate needs. Give the model (or parameter counts), the tokens (or FLOPs), the chip,
/// and either an MFU (to estimate GPU-hours) or reported GPU-hours (to infer the MFU).
public struct TrainingScenario: Sendable {
    public var model: ModelArchitecture?
    public var parameters: Double?
    public var activeParameters: Double?
    public var tokens: Double?
    public var flops: Double?
    public var flopsMethod: FLOPsMethod
    public var context: Int?
    public var accelerator: Accelerator
    public var gpus: Int?
    public var precision: Precision
    public var mfu: Double?
    public var gpuHours: Double?
    /// Share of GPU time that does useful work (restarts and failures excluded); MFU is the steady-state figure.
    public var goodput: Double
    public var pricePerGPUHour: Double?
    public var pue: Double
    public var load: Double
    public var gridKgCO2PerKWh: Double?
    public var parallelism: Parallelism
    public var stages: [TrainingStage]

    public init(
        model: ModelArchitecture? = nil, parameters: Double? = nil, activeParameters: Double? = nil,
        tokens: Double? = nil, flops: Double? = nil, flopsMethod: FLOPsMethod = .sixNDAttention, context: Int? = nil,
        accelerator: Accelerator, gpus: Int? = nil, precision: Precision = .bf16, mfu: Double? = nil,
        gpuHours: Double? = nil, goodput: Double = 1, pricePerGPUHour: Double? = nil, pue: Double = 1.2,
        load: Double = 0.75, gridKgCO2PerKWh: Double? = nil, parallelism: Parallelism = Parallelism(),
        stages: [TrainingStage] = []
    ) {
        self.model = model
        self.parameters = parameters
        self.activeParameters = activeParameters
        self.tokens = tokens
        self.flops = flops
        self.flopsMethod = flopsMethod
        self.context = context
        self.accelerator = accelerator
        self.gpus = gpus
        self.precision = precision
        self.mfu = mfu
        self.gpuHours = gpuHours
        self.goodput = goodput
        self.pricePerGPUHour = pricePerGPUHour
        self.pue = pue
        self.load = load
        self.gridKgCO2PerKWh = gridKgCO2PerKWh
        self.parallelism = parallelism
        self.stages = stages
    }
}

/// Why a scenario cannot be estimated: what is wrong and what to give instead.
public struct CostModelError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
