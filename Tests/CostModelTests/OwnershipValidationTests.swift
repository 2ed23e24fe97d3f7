import CostModel
import HardwareCatalog
import Testing

/// Epoch AI's amortized hardware CapEx + energy figures (Cottier et al. 2024, arXiv 2405.21015 v2) derived from their
/// inputs. Inputs per run: chip-hours, chips, dates and organisation from Epoch's database snapshot
/// (training-cost-trends, data/All ML Systems - full view.csv); prices from the paper's Table 4; the method's
/// parameters from the bundled catalog (shared/reference/ownership-cost.md).
@Suite struct OwnershipValidationTests {
    let gpus = HardwareCatalog.bundled

    /// A chip the bundled catalog does not carry (the paper's older parts), with only what the method reads.
    static func chip(_ name: String, tdpW: Double, source: String) -> Accelerator {
        var figures = AcceleratorFigures()
        figures.bf16Tflops = Figure(312, evidence: .primary, source: source)
        figures.tdpW = Figure(tdpW, evidence: .primary, source: source)
        return Accelerator(name: name, vendor: "test", figures: figures)
    }

    /// GPT-4: 25,000 A100 SXM4 40 GB, 57M chip-hours (2,280 h), training ended 2022-08-15 so it started 2022-05-12;
    /// A100 $15,000 (Table 4, 2020) × 1.66; available 2020-05-14 + 90 days; OpenAI → PUE 1.25; energy at the 2023
    /// (publication year) price. Paper: "about $40M", acquisition "about $800M".
    @Test func gpt4() throws {
        let estimate = try OwnershipEstimator.estimate(
            OwnershipScenario(
                accelerator: Self.chip("A100 SXM4 40GB", tdpW: 400, source: "NVIDIA A100 datasheet"), chips: 25_000,
                chipHours: 57e6, price: 15_000, acquired: "2020-08-12", start: "2022-05-12", energyPrice: 0.0806))
        #expect(abs(estimate.totalUSD / 40e6 - 1) < 0.03, "GPT-4 \(estimate.totalUSD)")
        #expect(abs(try #require(estimate.clusterAcquisitionUSD) / 800e6 - 1) < 0.05)
        // A100 → chip-to-server power 6.5 kW / 8 / 0.4 kW, cost factor 1.66.
        #expect(abs(estimate.powerMultiplier - 2.03125) < 1e-9 && estimate.serverFactor == 1.66)
        let parts = estimate.chipsUSD + estimate.serverUSD + estimate.interconnectUSD + estimate.energyUSD
        #expect(abs(parts - estimate.totalUSD) < 1e-6 * estimate.totalUSD)
    }

    /// Gemini 1.0 Ultra: TPU v4 ($5,167 equivalent price × 1.64, available at announcement 2021-05-20), 132M
    /// chip-hours, training start 2023-05-10 (Epoch's code), Google → PUE 1.1, TPU load 0.43 and power multiplier
    /// 1.56. TDP: Epoch's code uses 373 W when its chip data has none (as when the paper was written). Paper: "about
    /// $30M". With the 170 W of Epoch's current chip data the total is $28.3M (−5.6%).
    @Test func geminiUltra() throws {
        func run(_ tdp: Double) throws -> Double {
            try OwnershipEstimator.estimate(
                OwnershipScenario(
                    accelerator: Self.chip("TPU v4", tdpW: tdp, source: "Epoch AI"), chips: 57_000, chipHours: 132e6,
                    price: 5_167, acquired: "2021-05-20", start: "2023-05-10", pue: 1.1, energyPrice: 0.0806)
            ).totalUSD
        }
        let paperEra = try run(373)
        // Appendix C: Gemini Ultra's cluster about 35 MW (57,000 × 373 W × 1.56 × PUE 1.1 = 36.5 MW).
        let power = try OwnershipEstimator.estimate(
            OwnershipScenario(
                accelerator: Self.chip("TPU v4", tdpW: 373, source: "Epoch AI"), chips: 57_000, chipHours: 1,
                price: 5_167, acquired: "2021-05-20", pue: 1.1, energyPrice: 0.0806)
        ).powerMW
        #expect(abs(try #require(power) / 35 - 1) < 0.05)
        let current = try run(170)
        #expect(abs(paperEra / 30e6 - 1) < 0.03, "Gemini Ultra \(paperEra)")
        #expect(abs(current / 28.3e6 - 1) < 0.01, "Gemini Ultra at 170 W \(current)")
    }

    /// OPT-175B: 1,024 A100 80 GB, 812,544 chip-hours (793.5 h), published 2022-05-02 → start = publication − 793.5 h
    /// − 60 days = 2022-01-29; A100 $15,000 × 1.66 (Table 4); the 80 GB part available 2020-11-16 + 90 days; Meta →
    /// PUE 1.1; 2022 energy price. Paper: "about $700K".
    @Test func opt175B() throws {
        let estimate = try OwnershipEstimator.estimate(
            OwnershipScenario(
                accelerator: try gpus.accelerator(named: "A100"), chips: 1024, chipHours: 812_544, price: 15_000,
                start: "2022-01-29", pue: 1.1, energyPrice: 0.0832))
        #expect(estimate.acquired == "2021-02-14")
        #expect(abs(estimate.totalUSD / 700e3 - 1) < 0.05, "OPT-175B \(estimate.totalUSD)")
    }

    /// BLOOM-176B: 384 A100 80 GB, 1,078,272 chip-hours (2,808 h), published 2022-07-11 → start 2022-01-15; Hugging
    /// Face → PUE 1.25. The paper prints "$0.8–0.9M"; these inputs give $0.975M, as Epoch's current code does
    /// ($0.996M in its model_costs.csv): the gap is in the paper's older inputs, not the method.
    @Test func bloom176B() throws {
        let estimate = try OwnershipEstimator.estimate(
            OwnershipScenario(
                accelerator: try gpus.accelerator(named: "A100"), chips: 384, chipHours: 1_078_272, price: 15_000,
                start: "2022-01-15", energyPrice: 0.0832))
        #expect(abs(estimate.totalUSD / 0.9e6 - 1) < 0.10, "BLOOM \(estimate.totalUSD)")
        #expect(abs(estimate.totalUSD / 995_819 - 1) < 0.03)
    }

    /// Llama 3.1 405B from the catalog's defaults (the DGX H100 price per GPU of 2022-09-29, available from release
    /// 2022-09-20 + 90 days): 16,384 H100 × 2,142 h (Epoch's database), published 2024-07-23 → start 2024-02-24;
    /// Meta → PUE 1.1; the 2024 energy price. Epoch AI: about $51M amortized (training-runs.md; $51.04M in its
    /// repository's model_costs.csv).
    @Test func llama31405BFromCatalogDefaults() throws {
        let estimate = try OwnershipEstimator.estimate(
            OwnershipScenario(
                accelerator: try gpus.accelerator(named: "H100"), chips: 16_384, hours: 2_142, start: "2024-02-24",
                pue: 1.1, energyPrice: 0.0771))
        #expect(estimate.acquired == "2022-12-19" && estimate.price == 44_489.88)
        #expect(abs(estimate.totalUSD / 51e6 - 1) < 0.02, "Llama 3.1 405B \(estimate.totalUSD)")
    }

    /// The start-value rule the paper states: one year after acquisition the value is about 72%.
    @Test func oneYearKeepsAbout72Percent() throws {
        let estimate = try OwnershipEstimator.estimate(
            OwnershipScenario(
                accelerator: try gpus.accelerator(named: "H100"), chipHours: 1, price: 10_000, priceBasis: .server,
                acquired: "2023-01-01", start: "2024-01-01"))
        #expect(abs(estimate.startValueUSD / 10_000 - 0.72) < 0.005)
    }
}
