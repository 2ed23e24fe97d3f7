public import HardwareCatalog

/// Serving one model on one kind of GPU: the throughput model's knobs and, optionally, a day of traffic to price.
public struct InferenceScenario: Sendable {
    public var model: ModelArchitecture
    public var accelerator: Accelerator
    /// GPUs per serving node (one model replica spread over them).
    public var gpusPerNode: Int
    /// Precision of weights and the compute peak used for prefill.
    public var precision: Precision
    /// Bytes per KV-cache value (2 for BF16, 1 for FP8 caches).
    public var kvBytesPerValue: Double
    /// Concurrent sequences per node in decode.
    public var batch: Int
    /// Average KV length per sequence while decoding (DeepSeek's serving day: 4,989).
    public var context: Int
    /// Share of peak FLOP/s prefill reaches.
    public var prefillMFU: Double
    /// Share of peak memory bandwidth decode reaches.
    public var bandwidthEfficiency: Double
    public var pricePerGPUHour: Double?

    /// Measured per-node throughputs, which replace the estimates in the economics when given.
    public var measuredPrefillTokensPerSecondPerNode: Double?
    public var measuredDecodeTokensPerSecondPerNode: Double?

    /// A period of traffic (DeepSeek's "one day" disclosure).
    public var traffic: Traffic?

    public struct Traffic: Sendable {
        public var inputTokens: Double
        public var outputTokens: Double
        /// Share of input tokens served from the KV cache on disk.
        public var cacheHitShare: Double
        public var hours: Double
        /// Nodes actually deployed on average, if known (otherwise the nodes the throughput requires).
        public var averageNodes: Double?
        /// USD per million tokens.
        public var priceCacheHitInput: Double?
        public var priceCacheMissInput: Double?
        public var priceOutput: Double?

        public init(
            inputTokens: Double, outputTokens: Double, cacheHitShare: Double = 0, hours: Double = 24,
            averageNodes: Double? = nil, priceCacheHitInput: Double? = nil, priceCacheMissInput: Double? = nil,
            priceOutput: Double? = nil
        ) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.cacheHitShare = cacheHitShare
            self.hours = hours
            self.averageNodes = averageNodes
            self.priceCacheHitInput = priceCacheHitInput
            self.priceCacheMissInput = priceCacheMissInput
            self.priceOutput = priceOutput
        }
    }

    public init(
        model: ModelArchitecture, accelerator: Accelerator, gpusPerNode: Int = 8, precision: Precision = .bf16,
        kvBytesPerValue: Double? = nil, batch: Int = 64, context: Int = 4096, prefillMFU: Double = 0.4,
        bandwidthEfficiency: Double = 0.7, pricePerGPUHour: Double? = nil,
        measuredPrefillTokensPerSecondPerNode: Double? = nil,
        measuredDecodeTokensPerSecondPerNode: Double? = nil, traffic: Traffic? = nil
    ) {
        self.model = model
        self.accelerator = accelerator
        self.gpusPerNode = gpusPerNode
        self.precision = precision
        self.kvBytesPerValue = kvBytesPerValue ?? min(2, precision.bytes)
        self.batch = batch
        self.context = context
        self.prefillMFU = prefillMFU
        self.bandwidthEfficiency = bandwidthEfficiency
        self.pricePerGPUHour = pricePerGPUHour
        self.measuredPrefillTokensPerSecondPerNode = measuredPrefillTokensPerSecondPerNode
        self.measuredDecodeTokensPerSecondPerNode = measuredDecodeTokensPerSecondPerNode
        self.traffic = traffic
    }
}

/// Throughput, unit costs and (with traffic) the economics of a serving period.
public struct InferenceEstimate: Sendable {
    public var model: String
    public var gpu: String
    public var attention: String
    public var kvBytesPerToken: Double
    public var prefillFLOPsPerToken: Double
    public var prefillTokensPerSecondPerGPU: Double
    public var prefillTokensPerSecondPerNode: Double
    public var decodeBytesPerStep: Double
    public var decodeStepSeconds: Double
    /// "bandwidth" or "compute": what bounds a decode step.
    public var decodeBound: String
    public var decodeTokensPerSecondPerGPU: Double
    public var decodeTokensPerSecondPerNode: Double
    /// Decode tokens per second seen by one sequence.
    public var tokensPerSecondPerSequence: Double
    public var costPerMillionInputUSD: Double?
    public var costPerMillionOutputUSD: Double?
    public var economics: Economics?
    public var explain: String

    public struct Economics: Sendable {
        public var nodeSeconds: Double
        /// Nodes needed on average to serve the traffic at the per-node throughputs used.
        public var requiredNodes: Double
        /// Nodes priced: the deployed average when given, else the required nodes.
        public var pricedNodes: Double
        public var costUSD: Double?
        public var revenueUSD: Double?
        /// (revenue − cost) / cost, DeepSeek's "cost profit margin".
        public var margin: Double?
        public var prefillTokensPerSecondPerNodeUsed: Double
        public var decodeTokensPerSecondPerNodeUsed: Double
    }
}
