import AIKitScripting
import LuaRuntime
import Testing

/// `cost.ownership` and `cost.gpu_hour` through Lua: defaults from the catalogs, overrides, and errors that say
/// what is wrong and how to fix it.
@Suite struct CostOwnershipTests {
    @Test func deepSeekV3ThreeWaysInputs() throws {
        let results = try run(
            """
            local r = cost.ownership{ gpu = 'H800', chips = 2048, chip_hours = 2.788e6, start = '2024-09-01' }
            local parts = r.chips_usd + r.server_usd + r.interconnect_usd + r.energy_usd
            local price
            for _, a in ipairs(r.assumptions) do if a.name == 'price' then price = a.evidence end end
            return math.abs(parts - r.total_usd) < 1e-6 * r.total_usd, r.price_basis, r.acquired, r.energy_price,
              math.floor(r.power_mw * 1000 + 0.5), price, r.development_usd.low < r.development_usd.high,
              type(r.explain)
            """)
        #expect(results == [true, "server", "2025-02-21", 0.0771, 3264, "S", true, "string"])
    }

    /// Every input is overridable, and a given price's source and evidence are carried into the assumptions.
    @Test func overridesAreUsedAndListed() throws {
        let results = try run(
            """
            local r = cost.ownership{ gpu = 'H100', chips = 50000, hours = 8766, price = 32000, price_basis = 'server',
              price_source = 'SemiAnalysis 2025-01-31 ($1.6B / 50,000)', price_evidence = 'S', acquired = '2024-01-01',
              start = '2025-01-01', tdp_kw = 0.7, power_multiplier = 1.8, load = 0.6, pue = 1.3, energy_price = 0.08,
              depreciation = 0.1, server_factor = 1.5 }
            local a = {}
            for _, x in ipairs(r.assumptions) do a[x.name] = x end
            return r.chip_hours, r.server_price_usd, a.price.source, a.price.evidence, a.pue.source, r.depreciation,
              r.load
            """)
        #expect(
            results == [
                438_300_000.0, 32_000.0, "SemiAnalysis 2025-01-31 ($1.6B / 50,000)", "S", "given", 0.1, 0.6,
            ])
    }

    /// The ownership catalog's dated prices and release dates are visible on the chip, with sources and evidence.
    @Test func chipsShowTheirOwnerPrices() throws {
        let results = try run(
            """
            local b = cost.gpu('B200')
            return b.released, b.owner_prices[1].usd, b.owner_prices[1].basis, b.owner_prices[1].evidence,
              cost.gpu('H20').owner_prices[1].date, #cost.gpu('Gaudi 3').prices
            """)
        #expect(results == ["2024-03-18", 47_409.13, "server", "S", "2023-11-09", 0])
    }

    @Test func ownershipSweepFromLua() throws {
        let results = try run(
            """
            local s = cost.ownership_sweep{ gpu = {'H800', 'H100'}, chips = 2048, chip_hours = 2.788e6,
              depreciation = {0.1, 0.14, 0.18}, years = {0, 1}, energy_price = 0.08 }
            local one = cost.ownership{ gpu = 'H800', chips = 2048, chip_hours = 2.788e6, energy_price = 0.08 }
            return s.n, s.gpu[3], s.years[4], math.abs(s.total_usd[3] - one.total_usd) < 1e-6 * one.total_usd
            """)
        #expect(results == [12, "H800 SXM", 1.0, true])
        #expect(
            error("cost.ownership_sweep{gpu = 'H800', chip_hours = 1, years = {'soon'}}")
                == "(test):1: bad argument #1 to 'cost.ownership_sweep' (field 'years' must hold finite numbers, got string)"
        )
    }

    @Test func ownersGPUHourBesideRental() throws {
        let results = try run(
            """
            local h = cost.gpu_hour{ gpu = 'H800', utilization = 0.8, datacenter_usd_per_kw_year = 1000 }
            local dollars = false
            for _, r in ipairs(h.rentals) do if r.low == 2 then dollars = true end end
            return h.total_usd > h.hardware_usd, dollars, h.datacenter_usd > 0, h.utilization
            """)
        #expect(results == [true, true, true, 0.8])
    }

    @Test(arguments: [
        (
            "cost.ownership{gpu = 'H800', chips = 8, hours = -5}",
            "hours must not be negative, got -5: give the run's wall-clock hours"
        ),
        (
            "cost.ownership{gpu = 'H100', chips = 8, hours = 10, start = '2021-06-01'}",
            "start 2021-06-01 is before the H100 SXM existed (released 2022-09-20); give the training start on or after it"
        ),
        (
            "cost.ownership{gpu = 'Gaudi 3', chips = 8, hours = 10}",
            "no purchase price for Gaudi 3 in aikit's catalog: pass price = <USD per GPU> (a card's price; add "
                + "price_basis = 'server' for a server's price divided by its GPUs) and acquired = 'YYYY-MM-DD'"
        ),
        (
            "cost.ownership{gpu = 'Gaudi 3', chips = 8, hours = 10, price = 15000}",
            "no release date for Gaudi 3 in aikit's catalog: pass acquired = 'YYYY-MM-DD' (when the owner had it)"
        ),
        (
            "cost.ownership{gpu = 'H800', chips = 8, hours = 10, start = 'last year'}",
            "start must be a date 'YYYY-MM-DD' (years 1900–2200), got 'last year'"
        ),
        (
            "cost.ownership{gpu = 'H800', chips = 8, hours = 10, price_basis = 'rack'}",
            "field 'price_basis' must be \"chip\" or \"server\", got 'rack'"
        ),
        ("cost.ownership{gpu = 'H800', chips = 8, hourz = 10}", "unknown field 'hourz'; did you mean hours?"),
        (
            "cost.ownership{gpu = 'H800', hours = 10}",
            "hours needs chips (chip-hours = hours × chips), or give chip_hours instead"
        ),
        ("cost.gpu_hour{gpu = 'H800', utilization = 0}", "utilization must be in (0, 1], got 0"),
        ("cost.gpu_hour{gpu = 'H800', chips = 8}", "unknown field 'chips'"),
    ])
    func badInputsAreClearErrors(_ code: String, _ expected: String) {
        let function = code.hasPrefix("cost.gpu_hour") ? "cost.gpu_hour" : "cost.ownership"
        #expect(error(code) == "(test):1: bad argument #1 to '\(function)' (\(expected))")
    }
}
