import CostModel
import HardwareCatalog
import LuaRuntime

extension CostInputs {
    static func priceBasis(_ fields: inout FieldReader) throws -> PriceBasis? {
        guard let basis = try fields.string("price_basis") else { return nil }
        guard let parsed = PriceBasis(rawValue: basis) else {
            throw fields.error("price_basis", "must be \"chip\" or \"server\", got '\(basis)'")
        }
        return parsed
    }

    /// The fields `cost.ownership` and `cost.gpu_hour` share: the chip, its price and dates, power and energy.
    static func ownershipBase(_ fields: inout FieldReader, context: ScriptCatalogs) throws -> OwnershipScenario {
        var s = OwnershipScenario(accelerator: try lookupGPU(&fields, context: context))
        s.price = try fields.number("price")
        s.priceBasis = try priceBasis(&fields)
        s.priceSource = try fields.string("price_source")
        if let text = try fields.string("price_evidence") {
            guard let evidence = Evidence(rawValue: text.uppercased()) else {
                throw fields.error(
                    "price_evidence", "must be \"P\" (primary), \"S\" (secondary) or \"E\" (estimate), got '\(text)'")
            }
            s.priceEvidence = evidence
        }
        s.serverFactor = try fields.number("server_factor")
        s.acquired = try fields.string("acquired")
        s.start = try fields.string("start")
        s.tdpKW = try fields.number("tdp_kw")
        s.powerMultiplier = try fields.number("power_multiplier")
        s.load = try fields.number("load")
        s.pue = try fields.number("pue")
        s.energyPrice = try fields.number("energy_price")
        s.depreciation = try fields.number("depreciation")
        return s
    }

    /// `cost.ownership_sweep{gpu={...}, chip_hours=, price={...}, depreciation={...}, years={...}, energy_price={...}}`.
    static func ownershipSweep(_ table: LuaTable, context: ScriptCatalogs) throws -> OwnershipSweep {
        var fields = reader(table)
        let accelerators = try accelerators(&fields, context: context)
        var base = OwnershipScenario(accelerator: accelerators[0])
        base.chips = try fields.integer("chips")
        base.chipHours = try fields.number("chip_hours")
        base.hours = try fields.number("hours")
        base.priceBasis = try priceBasis(&fields)
        base.acquired = try fields.string("acquired")
        base.pue = try fields.number("pue")
        base.load = try fields.number("load")
        let sweep = OwnershipSweep(
            base: base, accelerators: accelerators, prices: try numbers(&fields, "price", required: false),
            depreciations: try numbers(&fields, "depreciation", required: false),
            years: try numbers(&fields, "years", required: false),
            energyPrices: try numbers(&fields, "energy_price", required: false))
        try fields.finish()
        return sweep
    }

    /// `cost.ownership{gpu=, chips=, chip_hours= | hours= | flops= (+ utilization), price=, start=, ...}`.
    static func ownership(_ table: LuaTable, context: ScriptCatalogs) throws -> OwnershipScenario {
        var fields = reader(table)
        var s = try ownershipBase(&fields, context: context)
        s.chips = try fields.integer("chips")
        s.chipHours = try fields.number("chip_hours")
        s.hours = try fields.number("hours")
        s.flops = try fields.number("flops")
        s.utilization = try fields.number("utilization")
        s.precision = try precision(&fields)
        s.developmentMultiplier = try fields.number("development_multiplier")
        try fields.finish()
        return s
    }

    /// `cost.gpu_hour{gpu=, utilization=, datacenter_usd_per_kw_year=, rental=, price=, ...}`.
    static func gpuHour(_ table: LuaTable, context: ScriptCatalogs) throws -> GPUHourScenario {
        var fields = reader(table)
        let base = try ownershipBase(&fields, context: context)
        var s = GPUHourScenario(ownership: base)
        if let utilization = try fields.number("utilization") { s.utilization = utilization }
        s.datacenterUSDPerKWYear = try fields.number("datacenter_usd_per_kw_year")
        s.rental = try fields.number("rental")
        try fields.finish()
        return s
    }
}
