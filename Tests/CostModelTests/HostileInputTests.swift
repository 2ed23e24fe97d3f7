import CostModel
import HardwareCatalog
import Testing

/// Inputs that used to trap (integer overflow, a non-finite `Double` converted to an integer) or loop for minutes,
/// given straight to the engine: each is now a `CostModelError` (or a `CatalogError` from the catalog) that says
/// which input and what range.
@Suite struct HostileInputTests {
    let gpus = HardwareCatalog.bundled
    let models = ModelCatalog.bundled

    func training(_ change: (inout TrainingScenario) -> Void) throws -> TrainingScenario {
        var scenario = TrainingScenario(
            model: try models.model(named: "DeepSeek-V3"), tokens: 1e12,
            accelerator: try gpus.accelerator(named: "H800"),
            gpus: 2048, mfu: 0.4)
        change(&scenario)
        return scenario
    }

    /// `tp × pp` overflowed `Int` in TrainingMemory; huge token counts made `NumberText` loop on an infinite FLOPs.
    static func hostile(_ input: String, _ s: inout TrainingScenario) {
        switch input {
        case "tp=pp=2^32": (s.parallelism.tensor, s.parallelism.pipeline) = (1 << 32, 1 << 32)
        case "tp=Int.max": (s.parallelism.tensor, s.parallelism.pipeline) = (.max, 2)
        case "tokens=1e300": s.tokens = 1e300
        case "gpus=Int.max": s.gpus = .max
        case "context=2^62": s.context = 1 << 62
        case "price=1e300": s.pricePerGPUHour = 1e300
        case "stage tokens=1e300": s.stages = [TrainingStage(name: "s", tokens: 1e300, mfu: 0.4)]
        case "layers=2^62": s.model?.layers = 1 << 62
        case "routed_experts=Int.max":
            s.model?.moe?.routedExperts = .max
            s.model?.moe?.sharedExperts = 1
        default: Issue.record("no hostile input \(input)")
        }
    }

    @Test(arguments: [
        ("tp=pp=2^32", "tp: 4294967296 is out of range 1…65536"),
        ("tp=Int.max", "tp: 9223372036854775807 is out of range 1…65536"),
        ("tokens=1e300", "tokens: 1.00e300 is out of range 0…1.00e18"),
        ("gpus=Int.max", "gpus: 9223372036854775807 is out of range 1…10000000"),
        ("context=2^62", "context: 4611686018427387904 is out of range 1…100000000"),
        ("price=1e300", "price_per_gpu_hour: 1.00e300 is out of range 0…1.00e9"),
        ("stage tokens=1e300", "stage 's': tokens: 1.00e300 is out of range 0…1.00e18"),
        ("layers=2^62", "model 'DeepSeek-V3': layers: 4611686018427387904 is out of range 1…100000"),
        (
            "routed_experts=Int.max",
            "model 'DeepSeek-V3': routed_experts: 9223372036854775807 is out of range 1…1000000"
        ),
    ])
    func trainingInputsOutOfRangeAreErrors(input: String, message: String) throws {
        let scenario = try training { Self.hostile(input, &$0) }
        #expect(throws: CostModelError(message)) { try TrainingEstimator.estimate(scenario) }
    }

    /// tp × pp beyond the GPUs given: refused before the memory search multiplies it by 2^20.
    @Test func modelParallelismBeyondTheGPUsIsAnError() throws {
        let scenario = try training {
            $0.parallelism.tensor = 65_536
            $0.parallelism.pipeline = 65_536
        }
        let error = #expect(throws: CostModelError.self) { try TrainingEstimator.estimate(scenario) }
        #expect(
            error?.message.hasPrefix("tensor × pipeline parallelism (65536 × 65536) needs more GPUs than the 2048")
                == true)
    }

    static func hostile(_ input: String, _ s: inout InferenceScenario) {
        switch input {
        case "batch=Int.max": s.batch = .max
        case "context=2^40": s.context = 1 << 40
        case "gpus_per_node=2^20": s.gpusPerNode = 1 << 20
        case "input_tokens=1e300": s.traffic = .init(inputTokens: 1e300, outputTokens: 1)
        case "kv_lora_rank=Int.max":
            s.model.mla?.kvLoraRank = .max
            s.model.mla?.qkRopeHeadDim = 64
        default: Issue.record("no hostile input \(input)")
        }
    }

    @Test(arguments: [
        ("batch=Int.max", "batch: 9223372036854775807 is out of range 1…10000000"),
        ("context=2^40", "context: 1099511627776 is out of range 1…100000000"),
        ("gpus_per_node=2^20", "gpus_per_node: 1048576 is out of range 1…65536"),
        ("input_tokens=1e300", "input_tokens: 1.00e300 is out of range 0…1.00e18"),
        ("kv_lora_rank=Int.max", "model 'DeepSeek-V3': kv_lora_rank: 9223372036854775807 is out of range 1…10000000"),
    ])
    func inferenceInputsOutOfRangeAreErrors(input: String, message: String) throws {
        var scenario = InferenceScenario(
            model: try models.model(named: "DeepSeek-V3"), accelerator: try gpus.accelerator(named: "H800"))
        Self.hostile(input, &scenario)
        #expect(throws: CostModelError(message)) { try InferenceEstimator.estimate(scenario) }
    }

    /// Sums of hyper-parameters overflowed `Int` in the parameter count of an unchecked architecture.
    @Test func parameterCountsOfHugeArchitecturesDoNotTrap() {
        var model = ModelArchitecture(
            name: "huge", layers: Int.max, hidden: Int.max, heads: 1, ffn: Int.max, vocab: Int.max,
            moe: .init(
                routedExperts: Int.max, sharedExperts: Int.max, activeExperts: Int.max,
                expertFFN: Int.max, denseLayers: Int.min))
        model.mla = .init(
            qLoraRank: Int.max, kvLoraRank: Int.max, qkNopeHeadDim: Int.max, qkRopeHeadDim: Int.max, vHeadDim: Int.max)
        #expect(model.parameters.total > 1e50)
        #expect(model.kvCacheBytesPerToken(bytesPerValue: 2) > 1e30)
        #expect(throws: CatalogError.self) {
            var catalog = ModelCatalog(models: [])
            try catalog.define(model)
        }
    }

    /// A grid too large for memory is refused up front with its size and how to split it; 10^6 rows still run.
    @Test func sweepsBeyondTheRowLimitAreRefused() throws {
        let base = try training { $0.gpus = nil }
        let h800 = try gpus.accelerator(named: "H800")
        let huge = TrainingSweep(
            base: base, accelerators: [h800], gpuCounts: Array(1...1000), mfus: Array(repeating: 0.4, count: 1000),
            prices: Array(repeating: 2, count: 1000))
        let error = #expect(throws: CostModelError.self) { try TrainingSweep.run(huge) }
        #expect(
            error?.message.hasPrefix(
                "a sweep of 1 × 1000 × 1000 × 1000 = 1000000000 combinations is more than the 10000000") == true)
        let million = TrainingSweep(
            base: base, accelerators: [h800], gpuCounts: Array(1...1000), mfus: [0.3, 0.4],
            prices: Array(repeating: 2, count: 500))
        #expect(try TrainingSweep.run(million).count == 1_000_000)
    }
}
