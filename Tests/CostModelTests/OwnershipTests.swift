import HardwareCatalog
import Testing

@testable import CostModel

/// Ownership cost defaults, DeepSeek-V3 as an owner, the owner's GPU-hour, and bad inputs.
@Suite struct OwnershipTests {
    let gpus = HardwareCatalog.bundled

    func h800(_ edit: (inout OwnershipScenario) -> Void = { _ in }) throws -> OwnershipScenario {
        var scenario = OwnershipScenario(
            accelerator: try gpus.accelerator(named: "H800"), chips: 2048, chipHours: 2.788e6)
        edit(&scenario)
        return scenario
    }

    /// DeepSeek-V3's 2.788M H800 GPU-hours valued from the catalog: the DGX H800 price per GPU ($44,750, 2025-02-21),
    /// not depreciated (the price is dated after the run), energy at PUE 1.25 and 2025's price.
    @Test func deepSeekV3AsAnOwner() throws {
        let e = try OwnershipEstimator.estimate(try h800())
        #expect(e.price == 44_750 && e.priceBasis == .server && e.acquired == "2025-02-21")
        // 44,750 × 2.788M × 0.14·ln 10 / 8,766 / 0.81 = $5.665M of hardware.
        let hardware: Double = 44_750 * 2.788e6 * 0.14 * 2.302585093 / 8766 / 0.81
        #expect(abs(e.chipsUSD + e.serverUSD + e.interconnectUSD - hardware) < 1)
        // 2.788M × 0.7 kW × 1.8214 × 0.75 × 1.25 = 3,333 MWh.
        let mwh: Double = 2.788e6 * 0.7 * 1.8214 * 0.75 * 1.25 / 1000
        #expect(abs(e.energyMWh - mwh) < 0.01)
        // 2,048 × 0.7 kW × 1.8214 × 1.25 = 3.26 MW; acquisition 2,048 × 44,750 / 0.81 = $113M.
        #expect(abs(try #require(e.powerMW) - 3.264) < 0.001)
        // × 0.75 load × 8,766 h = 21.5 GWh a year.
        #expect(abs(try #require(e.annualEnergyGWh) - 3.2639 * 0.75 * 8.766) < 0.01)
        let acquisition: Double = 2048 * 44_750 / 0.81
        #expect(abs(try #require(e.clusterAcquisitionUSD) - acquisition) < 1)
        #expect(e.assumptions.contains { $0.name == "price" && $0.evidence == .secondary })
        #expect(e.development.low < e.development.median && e.development.median < e.development.high)
    }

    /// A start after acquisition depreciates; a start before a derived acquisition date is valued at it.
    @Test func startDates() throws {
        let later = try OwnershipEstimator.estimate(
            try h800 {
                $0.start = "2026-02-21"
                $0.energyPrice = 0.08
            })
        #expect(abs(later.startValueUSD / 44_750 - 0.7244) < 0.001)
        let before = try OwnershipEstimator.estimate(try h800 { $0.start = "2024-09-01" })
        #expect(before.start == "2025-02-21" && before.years == 0)
        #expect(before.assumptions.contains { $0.name == "start" && $0.source.contains("no depreciation") })
        // Energy is priced in the year the run used it (2024), not the valuation date's.
        #expect(before.energyPrice == 0.0771)
    }

    @Test func badInputsSayWhatIsWrong() throws {
        let cases: [((inout OwnershipScenario) -> Void, String)] = [
            ({ $0.chipHours = -5 }, "chip_hours must not be negative, got -5"),
            (
                {
                    $0.chipHours = nil
                    $0.hours = -1
                }, "hours must not be negative, got -1"
            ),
            ({ $0.start = "2021-01-01" }, "start 2021-01-01 is before the H800 SXM existed"),
            ({ $0.acquired = "2022-12-01" }, "acquired 2022-12-01 is before the H800 SXM"),
            (
                {
                    $0.acquired = "2024-01-01"
                    $0.start = "2023-12-01"
                }, "start 2023-12-01 is before acquired 2024-01-01"
            ),
            ({ $0.start = "2024-02-30" }, "start must be a date 'YYYY-MM-DD'"),
            ({ $0.pue = 0.9 }, "pue must be at least 1"),
            ({ $0.load = 0 }, "load must be in (0, 1]"),
            ({ $0.chipHours = .nan }, "chip_hours must not be negative"),
            ({ $0.chipHours = nil }, "give the run's size: chip_hours"),
            (
                {
                    $0.chipHours = nil
                    $0.flops = 1e40
                    $0.utilization = 1e-300
                },
                "the run's chip-hours (from hours × chips or flops / (peak × utilization)) are out of range: "
                    + "chip_hours: "
            ),
        ]
        for (edit, message) in cases {
            let scenario = try h800(edit)
            #expect(
                throws: CostModelError.self, "\(message)",
                performing: { try OwnershipEstimator.estimate(scenario) })
            do {
                _ = try OwnershipEstimator.estimate(scenario)
            } catch let error as CostModelError {
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }

    /// A chip with no sourced price is an error naming the chip and how to pass one, never a silent nil.
    @Test func missingPriceIsAnError() throws {
        let scenario = OwnershipScenario(accelerator: try gpus.accelerator(named: "A800"), chips: 8, chipHours: 100)
        #expect {
            try OwnershipEstimator.estimate(scenario)
        } throws: {
            ($0 as? CostModelError)?.message.hasPrefix(
                "no purchase price for A800 SXM 80GB in aikit's catalog: pass price = ")
                == true
        }
        var given = scenario
        given.price = 20_000
        #expect(try OwnershipEstimator.estimate(given).totalUSD > 0)
    }

    /// Every catalogued chip with a price names a bundled chip, and B200 and H20 have one.
    @Test func catalogPricesNameCatalogChips() throws {
        let catalog = OwnershipCatalog.bundled
        for chip in catalog.chips {
            #expect(gpus.accelerators.contains { $0.name == chip.chip }, "\(chip.chip)")
            #expect(chip.released.flatMap(RunDate.init) != nil)
            for price in chip.prices { #expect(RunDate(price.date) != nil && !price.source.isEmpty) }
        }
        for name in ["B200", "H20", "H100", "H800", "H200"] {
            #expect(catalog.defaultPrice(try gpus.accelerator(named: name)) != nil, "\(name)")
        }
    }

    /// What an H800 hour costs DeepSeek as an owner versus the $2 rental assumption.
    @Test func ownersGPUHour() throws {
        let base = OwnershipScenario(accelerator: try gpus.accelerator(named: "H800"))
        let full = try GPUHourCost.estimate(GPUHourScenario(ownership: base))
        // 44,750 × 0.3224 / 8,766 / 0.81 = $2.03 of hardware; 0.7 × 1.8214 × 0.75 × 1.25 kWh × $0.0826.
        let hardware: Double = 44_750 * 0.14 * 2.302585093 / 8766 / 0.81
        let energy: Double = 0.7 * 1.8214 * 0.75 * 1.25 * 0.0826
        #expect(abs(full.hardwareUSD - hardware) < 1e-6)
        #expect(abs(full.energyUSD - energy) < 1e-9)
        #expect(full.datacenterUSD == nil && full.explain.contains("not included"))
        #expect(full.rentals.contains { $0.low == 2 })
        let half = try GPUHourCost.estimate(
            GPUHourScenario(ownership: base, utilization: 0.5, datacenterUSDPerKWYear: 1000))
        #expect(abs(half.hardwareUSD - 2 * full.hardwareUSD) < 1e-9)
        let datacenter = try #require(half.datacenterUSD)
        let expected: Double = 1000 * 0.7 * 1.8214 * 1.25 / 8766 / 0.5
        #expect(abs(datacenter - expected) < 1e-9)
        #expect {
            try GPUHourCost.estimate(GPUHourScenario(ownership: base, utilization: 0))
        } throws: { ($0 as? CostModelError)?.message == "utilization must be in (0, 1], got 0" }
    }

    /// A training estimate without a price says which price is missing and how to give one (B200 and H20 have no
    /// catalogued rental price), instead of a silent nil.
    @Test func trainingWithoutAPriceSaysWhichIsMissing() throws {
        for name in ["B200", "H20"] {
            let estimate = try TrainingEstimator.estimate(
                TrainingScenario(
                    parameters: 7e9, tokens: 1e12, accelerator: try gpus.accelerator(named: name), mfu: 0.4))
            #expect(estimate.costUSD == nil)
            #expect(
                estimate.explain.contains(
                    "give price_per_gpu_hour = <USD per GPU-hour> (aikit's catalog has no rental price for \(name))"))
        }
        let h800 = try TrainingEstimator.estimate(
            TrainingScenario(parameters: 7e9, tokens: 1e12, accelerator: try gpus.accelerator(named: "H800"), mfu: 0.4))
        #expect(h800.explain.contains("the catalog's rental prices for H800 SXM: $3.42"))
        let hour = try GPUHourCost.estimate(
            GPUHourScenario(ownership: OwnershipScenario(accelerator: try gpus.accelerator(named: "H20"))))
        #expect(hour.explain.contains("no rental price for H20 in aikit's catalog; give rental ="))
    }

    @Test func calendarDays() {
        #expect(RunDate("2024-02-29")?.description == "2024-02-29")
        #expect(RunDate("2023-02-29") == nil && RunDate("2023-1-01") == nil && RunDate("x") == nil)
        #expect(RunDate("1970-01-01")?.days == 0)
        #expect(RunDate("2022-05-12")?.adding(days: 95).description == "2022-08-15")
        #expect(RunDate("2023-12-20")?.adding(days: 90).description == "2024-03-19")
        #expect(RunDate("2022-08-15")!.days - RunDate("2022-05-12")!.days == 95)
    }
}

/// The ownership sweep's rows are the single estimates' figures.
@Suite struct OwnershipSweepTests {
    let gpus = HardwareCatalog.bundled

    @Test func rowsMatchSingleEstimates() throws {
        let base = OwnershipScenario(accelerator: try gpus.accelerator(named: "H800"), chips: 2048, chipHours: 2.788e6)
        let sweep = OwnershipSweep(
            base: base, accelerators: [try gpus.accelerator(named: "H800"), try gpus.accelerator(named: "B200")],
            prices: [], depreciations: [0.1, 0.14], years: [0, 1.5], energyPrices: [0.05, 0.08])
        let result = try OwnershipSweep.run(sweep)
        #expect(result.count == 16)
        for i in 0..<result.count {
            var one = base
            one.accelerator = try gpus.accelerator(named: result.gpu[i])
            one.depreciation = result.depreciation[i]
            one.energyPrice = result.energyPrice[i]
            let single = try OwnershipEstimator.estimate(one)
            // Years after the (catalogued) acquisition: the single estimate's start value, depreciated further.
            let hardware =
                (single.chipsUSD + single.serverUSD + single.interconnectUSD)
                * tenToThe(-result.depreciation[i] * result.years[i])
            #expect(abs(result.hardwareUSD[i] / hardware - 1) < 1e-12)
            #expect(abs(result.energyUSD[i] / single.energyUSD - 1) < 1e-12)
            #expect(result.totalUSD[i] == result.hardwareUSD[i] + result.energyUSD[i])
        }
    }

    @Test func badGridsAreErrors() throws {
        let base = OwnershipScenario(accelerator: try gpus.accelerator(named: "H800"), chipHours: 1)
        func message(_ sweep: OwnershipSweep) -> String? {
            do {
                _ = try OwnershipSweep.run(sweep)
                return nil
            } catch {
                return (error as? CostModelError)?.message
            }
        }
        let a800 = try gpus.accelerator(named: "A800")
        #expect(
            message(
                .init(base: base, accelerators: [a800], prices: [], depreciations: [], years: [], energyPrices: []))?
                .hasPrefix("no purchase price for A800 SXM 80GB") == true)
        #expect(
            message(.init(base: base, accelerators: [], prices: [], depreciations: [], years: [], energyPrices: []))
                == "an ownership sweep needs at least one gpu")
        #expect(
            message(
                .init(
                    base: base, accelerators: [base.accelerator], prices: [-1], depreciations: [], years: [],
                    energyPrices: [])) == "price: -1 is out of range 0…1.00e9")
        #expect(
            message(
                .init(
                    base: base, accelerators: [base.accelerator], prices: [], depreciations: [], years: [-2],
                    energyPrices: []))?.hasPrefix("years must be in 0…100") == true)
        let big = Array(repeating: 1.0, count: 1000)
        #expect(
            message(
                .init(
                    base: base, accelerators: [base.accelerator], prices: big, depreciations: big, years: big,
                    energyPrices: []))?.contains("is more than the 10000000 one sweep makes") == true)
    }
}
