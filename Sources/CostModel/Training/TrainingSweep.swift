public import HardwareCatalog

/// Many training scenarios at once — every combination of chip × GPU count × MFU × price over one workload —
/// computed over whole columns (the what-if grid analysts build by hand in spreadsheets).
public struct TrainingSweep: Sendable {
    /// The workload (model or params, tokens or FLOPs, method, context); its chip is ignored.
    public var base: TrainingScenario
    public var accelerators: [Accelerator]
    public var gpuCounts: [Int]
    public var mfus: [Double]
    public var prices: [Double]

    public init(base: TrainingScenario, accelerators: [Accelerator], gpuCounts: [Int], mfus: [Double], prices: [Double])
    {
        self.base = base
        self.accelerators = accelerators
        self.gpuCounts = gpuCounts
        self.mfus = mfus
        self.prices = prices
    }

    /// One row per scenario, as columns.
    public struct Result: Sendable {
        public var flops: Double
        public var gpu: [String]
        public var gpus: [Double]
        public var mfu: [Double]
        public var price: [Double]
        public var gpuHours: [Double]
        public var days: [Double]
        public var costUSD: [Double]
        public var count: Int { gpu.count }
    }

    /// Runs the grid. Each value is checked once (MFU in (0, 1], counts and prices positive) before any row is made.
    public static func run(_ sweep: TrainingSweep) throws -> Result {
        try checkSize(sweep)
        guard let flops = try TrainingEstimator.flops(sweep.base) else {
            throw CostModelError("a sweep needs the workload: tokens with a model or params, or flops")
        }
        guard !sweep.accelerators.isEmpty, !sweep.gpuCounts.isEmpty, !sweep.mfus.isEmpty, !sweep.prices.isEmpty else {
            throw CostModelError("a sweep needs at least one gpu, one gpus count, one mfu and one price")
        }
        for mfu in sweep.mfus where !(mfu > 0 && mfu <= 1) {
            throw CostModelError("mfu must be in (0, 1] (a fraction of the peak), got \(NumberText.sig(mfu))")
        }
        for count in sweep.gpuCounts where count <= 0 { throw CostModelError("gpus must be positive, got \(count)") }
        for price in sweep.prices where !(price >= 0) { throw CostModelError("prices must not be negative") }
        try CostLimits.check(sweep.gpuCounts.map { ("gpus", $0) })
        try CostLimits.check(sweep.prices.map { ("price", $0) })
        let peaks = try sweep.accelerators.map { try $0.peak(sweep.base.precision).value * 1e12 }

        let n = sweep.accelerators.count * sweep.gpuCounts.count * sweep.mfus.count * sweep.prices.count  // checked
        var result = Result(flops: flops, gpu: [], gpus: [], mfu: [], price: [], gpuHours: [], days: [], costUSD: [])
        result.gpu.reserveCapacity(n)
        for column in [\Result.gpus, \.mfu, \.price, \.gpuHours, \.days, \.costUSD]
            as [WritableKeyPath<Result, [Double]>]
        {
            result[keyPath: column].reserveCapacity(n)
        }
        let goodput = sweep.base.goodput
        for (accelerator, peak) in zip(sweep.accelerators, peaks) {
            for count in sweep.gpuCounts {
                let gpus = Double(count)
                for mfu in sweep.mfus {
                    let hours = flops / (peak * mfu * goodput * 3600)
                    let days = hours / (gpus * 24)
                    for price in sweep.prices {
                        result.gpu.append(accelerator.name)
                        result.gpus.append(gpus)
                        result.mfu.append(mfu)
                        result.price.append(price)
                        result.gpuHours.append(hours)
                        result.days.append(days)
                        result.costUSD.append(hours * price)
                    }
                }
            }
        }
        return result
    }

    /// Refuses grids of more than `CostLimits.sweepRows` rows before anything is allocated, saying how to split them.
    static func checkSize(_ sweep: TrainingSweep) throws {
        let sizes = [sweep.accelerators.count, sweep.gpuCounts.count, sweep.mfus.count, sweep.prices.count]
        var rows = 1
        var overflow = false
        for size in sizes where !overflow {
            (rows, overflow) = rows.multipliedReportingOverflow(by: size)
        }
        guard overflow || rows > CostLimits.sweepRows else { return }
        let shape = sizes.map(String.init).joined(separator: " × ")
        throw CostModelError(
            "a sweep of \(shape) = \(overflow ? "more than \(Int.max)" : String(rows)) combinations is more than the "
                + "\(CostLimits.sweepRows) one sweep makes; split it into several sweeps "
                + "(e.g. one per gpu or per price list)")
    }
}
