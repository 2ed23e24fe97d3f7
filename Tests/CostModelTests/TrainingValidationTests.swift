import CostModel
import HardwareCatalog
import Testing

/// The engine's derivations checked against published training figures (shared/reference/training-runs.md).
@Suite struct TrainingValidationTests {
    let gpus = HardwareCatalog.bundled
    let models = ModelCatalog.bundled

    /// DeepSeek-V3 Table 1: stages summed, dollars at $2, GPU-hours per trillion tokens, days on 2,048 GPUs, and the
    /// effective TFLOP/s implied by ~250 GFLOPs/token.
    @Test func deepSeekV3TableOne() throws {
        let scenario = TrainingScenario(
            model: try models.model(named: "DeepSeek-V3"), accelerator: try gpus.accelerator(named: "H800"),
            gpus: 2048, precision: .bf16, pricePerGPUHour: 2,
            parallelism: Parallelism(pipeline: 16, expert: 64, zeroStage: 1),
            stages: [
                TrainingStage(name: "pre-training", tokens: 14.8e12, gpuHours: 2_664e3),
                TrainingStage(name: "context extension", gpuHours: 119e3),
                TrainingStage(name: "post-training", gpuHours: 5e3),
            ])
        let estimate = try TrainingEstimator.estimate(scenario)
        #expect(estimate.gpuHours == 2_788e3)  // exact: a sum of reported figures
        #expect(abs(try #require(estimate.costUSD) - 5.576e6) < 1)  // exact
        // 2,664K / 14.8 = 180K GPU-hours per trillion tokens (exact to rounding).
        #expect(abs(try #require(estimate.gpuHoursPerTrillionTokens) - 180e3) < 1)
        // "3.7 days on our cluster with 2048 H800 GPUs": 180K / 2048 / 24 = 3.66; tolerance 0.05 days.
        #expect(abs(180e3 / (2048 * 24) - 3.7) < 0.05)
        #expect(estimate.explain.contains("days per trillion tokens"))
        // Derived FLOPs per token at 4K context: ~250 GFLOPs (DeepSeek, arXiv 2505.09343); tolerance 3%.
        let perToken = try #require(estimate.flopsPerToken)
        #expect(abs(perToken / 250e9 - 1) < 0.03, "FLOPs/token \(perToken)")
        // → ~386 TFLOP/s effective per GPU, ~39% of the BF16 peak; tolerance 3% and 1.5 points.
        let effective = try #require(estimate.effectiveTflops)
        #expect(abs(effective / 386 - 1) < 0.03, "effective \(effective)")
        #expect(abs(try #require(estimate.mfu) - 0.39) < 0.015)
        #expect(try #require(estimate.memory).fits)
        #expect(estimate.explain.contains("H800 SXM bf16 989 TFLOP/s (P: NVIDIA H800 datasheet)"))
    }

    /// The MFU denominator: the same run has half the MFU against the FP8 peak (1979 vs 989 TFLOP/s: 0.05% off 2×).
    @Test func fp8PeakHalvesTheImpliedMFU() throws {
        func mfu(_ precision: Precision) throws -> Double {
            let scenario = TrainingScenario(
                model: try models.model(named: "DeepSeek-V3"), tokens: 14.8e12,
                accelerator: try gpus.accelerator(named: "H800"), precision: precision, gpuHours: 2_664e3)
            return try #require(try TrainingEstimator.estimate(scenario).mfu)
        }
        #expect(abs(try mfu(.fp8) * 2 / mfu(.bf16) - 1) < 0.001)
        #expect(abs(try mfu(.fp8) - 0.195) < 0.01)
    }

    /// Forward: an MFU gives GPU-hours, days and cost; the inverse of that returns the same MFU.
    @Test func forwardAndInverseAgree() throws {
        let model = try models.model(named: "DeepSeek-V3")
        let h800 = try gpus.accelerator(named: "H800")
        let forward = try TrainingEstimator.estimate(
            TrainingScenario(
                model: model, tokens: 14.8e12, accelerator: h800, gpus: 2048, mfu: 0.39, pricePerGPUHour: 2))
        let inverse = try TrainingEstimator.estimate(
            TrainingScenario(
                model: model, tokens: 14.8e12, accelerator: h800, gpuHours: forward.gpuHours))
        #expect(abs(try #require(inverse.mfu) - 0.39) < 1e-9)
        #expect(abs(try #require(forward.days) - forward.gpuHours / (2048 * 24)) < 1e-9)
        #expect(abs(forward.gpuHours / 2_664e3 - 1) < 0.03)  // the derivation lands near the reported 2,664K
    }

    /// Llama 3.1 405B: ~3.8e25 FLOPs (6ND over 15.6T tokens); 30.84M H100-hours imply an average MFU that, divided
    /// by a goodput of 0.9 (Meta reports >90% effective training time), falls in the 38–43% steady-state range.
    @Test func llama31_405B() throws {
        let model = try models.model(named: "Llama 3.1 405B")
        let h100 = try gpus.accelerator(named: "H100")
        let plain = try TrainingEstimator.estimate(
            TrainingScenario(
                model: model, tokens: 15.6e12, flopsMethod: .sixND, accelerator: h100, gpuHours: 30.84e6))
        let flops = try #require(plain.flops)
        #expect(abs(flops / 3.8e25 - 1) < 0.03, "flops \(flops)")  // tolerance 3%
        let average = try #require(plain.mfu)
        #expect(average > 0.33 && average < 0.37, "average MFU \(average)")
        let steady = try TrainingEstimator.estimate(
            TrainingScenario(
                model: model, tokens: 15.6e12, flopsMethod: .sixND, accelerator: h100, gpuHours: 30.84e6, goodput: 0.9))
        let steadyMFU = try #require(steady.mfu)
        #expect(steadyMFU >= 0.38 && steadyMFU <= 0.43, "steady-state MFU \(steadyMFU)")
        // The attention term adds a few percent at 8K context; Megatron's formula is the same order.
        let withAttention = try TrainingEstimator.estimate(
            TrainingScenario(
                model: model, tokens: 15.6e12, accelerator: h100, gpuHours: 30.84e6))
        #expect(try #require(withAttention.flops) > flops && withAttention.flops! < flops * 1.06)
        let megatron = try TrainingEstimator.estimate(
            TrainingScenario(
                model: model, tokens: 15.6e12, flopsMethod: .megatron, accelerator: h100, gpuHours: 30.84e6))
        #expect(abs(try #require(megatron.flops) / flops - 1) < 0.1)
        #expect(megatron.explain.contains("FLOPs (megatron)"))
    }

    /// Llama 2 70B: 1,720,320 A100-hours for 2T tokens imply a plausible MFU (30–60%).
    @Test func llama2_70BImpliedMFU() throws {
        let estimate = try TrainingEstimator.estimate(
            TrainingScenario(
                model: try models.model(named: "Llama 2 70B"), tokens: 2e12, flopsMethod: .sixND,
                accelerator: try gpus.accelerator(named: "A100"), gpuHours: 1_720_320))
        let mfu = try #require(estimate.mfu)
        #expect(mfu > 0.3 && mfu < 0.6, "MFU \(mfu)")
    }

    @Test func energyAndCarbon() throws {
        let estimate = try TrainingEstimator.estimate(
            TrainingScenario(
                parameters: 8e9, tokens: 15e12, accelerator: try gpus.accelerator(named: "H100"), gpuHours: 1.46e6,
                pue: 1.1, load: 0.75, gridKgCO2PerKWh: 0.4))
        // 1.46M h × 0.7 kW × 0.75 × 1.1 = 843,150 kWh; × 0.4 kg = 337.26 t (exact arithmetic).
        #expect(abs(try #require(estimate.energyKWh) - 843_150) < 1e-6)
        #expect(abs(try #require(estimate.co2Tonnes) - 337.26) < 1e-9)
    }

    @Test func badInputsSayWhatIsWrong() throws {
        let h800 = try gpus.accelerator(named: "H800")
        let model = try models.model(named: "DeepSeek-V3")
        func message(_ scenario: TrainingScenario) -> String {
            do {
                _ = try TrainingEstimator.estimate(scenario)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message(TrainingScenario(parameters: 1e9, tokens: 1e12, accelerator: h800, mfu: 1.5))
                == "mfu must be in (0, 1] (a fraction of the peak), got 1.5")
        #expect(
            message(TrainingScenario(parameters: 1e9, tokens: 1e12, accelerator: h800, mfu: 0))
                == "mfu must be in (0, 1] (a fraction of the peak), got 0")
        #expect(
            message(TrainingScenario(parameters: 1e9, tokens: -5, accelerator: h800, mfu: 0.4))
                == "tokens must be a positive number, got -5")
        #expect(
            message(TrainingScenario(parameters: 1e9, tokens: 1e12, accelerator: h800))
                == "give mfu (to estimate GPU-hours) or gpu_hours (to infer the MFU)")
        #expect(
            message(
                TrainingScenario(
                    parameters: 1e9, tokens: 1e12, accelerator: try gpus.accelerator(named: "910B"),
                    precision: .fp8, mfu: 0.4))
                == "no fp8 peak for Ascend 910B in the catalog (it has bf16, fp16)")
        let tooFew = message(
            TrainingScenario(
                model: model, tokens: 14.8e12, accelerator: h800, gpus: 64, mfu: 0.4,
                parallelism: Parallelism(pipeline: 16, expert: 64)))
        #expect(tooFew.hasPrefix("DeepSeek-V3 does not fit on 64 H800 SXM: it needs "))
        #expect(tooFew.contains("use at least"))
    }
}
