import CostModel
import HardwareCatalog
import LuaRuntime

extension CostTables {
    static func assumptions(_ list: [OwnershipEstimate.Assumption]) -> LuaValue {
        .table(
            LuaTable(
                array: list.map { a in
                    .table(
                        table([
                            "name": .string(a.name), "value": .string(a.value), "source": .string(a.source),
                            "evidence": text(a.evidence?.rawValue),
                        ]))
                }))
    }

    static func ownership(_ e: OwnershipEstimate) -> LuaTable {
        table([
            "gpu": .string(e.gpu), "chips": integer(e.chips), "chip_hours": .number(e.chipHours),
            "price": .number(e.price), "price_basis": .string(e.priceBasis.rawValue),
            "server_price_usd": .number(e.serverPrice), "server_factor": .number(e.serverFactor),
            "acquired": .string(e.acquired), "start": .string(e.start),
            "years": .number(e.years), "depreciation": .number(e.depreciation),
            "start_value_usd": .number(e.startValueUSD), "chips_usd": .number(e.chipsUSD),
            "server_usd": .number(e.serverUSD), "interconnect_usd": .number(e.interconnectUSD),
            "energy_usd": .number(e.energyUSD), "total_usd": .number(e.totalUSD),
            "per_chip_hour_usd": .number(e.chipHours > 0 ? e.totalUSD / e.chipHours : 0),
            "cluster_acquisition_usd": number(e.clusterAcquisitionUSD), "energy_mwh": .number(e.energyMWh),
            "power_mw": number(e.powerMW), "annual_energy_gwh": number(e.annualEnergyGWh), "tdp_kw": .number(e.tdpKW),
            "power_multiplier": .number(e.powerMultiplier),
            "load": .number(e.load), "pue": .number(e.pue), "energy_price": .number(e.energyPrice),
            "development_usd": .table(
                table([
                    "low": .number(e.development.low), "median": .number(e.development.median),
                    "high": .number(e.development.high),
                    "with_staff_low": .number(e.developmentWithStaff.low),
                    "with_staff_high": .number(e.developmentWithStaff.high),
                ])),
            "assumptions": assumptions(e.assumptions), "explain": .string(e.explain),
        ])
    }

    static func gpuHour(_ c: GPUHourCost) -> LuaTable {
        table([
            "gpu": .string(c.gpu), "hardware_usd": .number(c.hardwareUSD), "energy_usd": .number(c.energyUSD),
            "datacenter_usd": number(c.datacenterUSD), "total_usd": .number(c.totalUSD),
            "utilization": .number(c.utilization), "start_value_usd": .number(c.ownership.startValueUSD),
            "rentals": .table(
                LuaTable(
                    array: c.rentals.map { r in
                        .table(table(["low": .number(r.low), "high": .number(r.high), "label": .string(r.label)]))
                    })),
            "assumptions": assumptions(c.ownership.assumptions), "explain": .string(c.explain),
        ])
    }

    /// An ownership sweep as a table of columns plus `n`.
    static func push(_ result: OwnershipSweep.Result, to call: LuaCall) {
        pushColumns(
            to: call, count: result.count, scalar: ("chip_hours", result.chipHours), gpu: result.gpu,
            columns: [
                ("price", result.price), ("depreciation", result.depreciation), ("years", result.years),
                ("energy_price", result.energyPrice), ("hardware_usd", result.hardwareUSD),
                ("energy_usd", result.energyUSD), ("total_usd", result.totalUSD),
            ])
    }
}
