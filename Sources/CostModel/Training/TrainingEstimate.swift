public import HardwareCatalog

/// The result of a training estimate: every figure with its unit in the name, the assumptions echoed, and an
/// explanation an analyst can paste into a report.
public struct TrainingEstimate: Sendable {
    public struct Stage: Sendable {
        public var name: String
        public var tokens: Double?
        public var flops: Double?
        public var gpuHours: Double
        /// GPU-hours were reported (true) or derived from FLOPs and MFU (false).
        public var gpuHoursReported: Bool
        public var mfu: Double?
        public var effectiveTflops: Double?
        public var costUSD: Double?
    }

    public var model: String?
    public var gpu: String
    public var precision: Precision
    public var flopsMethod: FLOPsMethod
    public var parameters: Double?
    public var activeParameters: Double?
    public var tokens: Double?
    public var flopsPerToken: Double?
    public var flops: Double?
    public var gpuHours: Double
    /// Wall-clock days on `gpus` GPUs.
    public var days: Double?
    public var gpus: Int?
    public var costUSD: Double?
    /// Steady-state MFU: given, or implied by reported GPU-hours (against the peak at `precision`).
    public var mfu: Double?
    public var goodput: Double
    /// Achieved FLOP/s per GPU averaged over all GPU-hours, in TFLOP/s.
    public var effectiveTflops: Double?
    public var peakTflops: Double
    public var gpuHoursPerTrillionTokens: Double?
    public var energyKWh: Double?
    public var co2Tonnes: Double?
    public var memory: TrainingMemory?
    public var stages: [Stage]
    public var explain: String
}
