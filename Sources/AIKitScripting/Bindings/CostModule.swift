import CostModel
import HardwareCatalog
import LuaRuntime

/// The `cost` Lua module: hardware and model catalogs, training and inference estimates, scenario sweeps.
enum CostModule {
    static let module = ScriptModule(name: "cost") { context in
        ModuleDefinition(
            name: "cost",
            functions: [
                "gpu": { call in
                    let name = try call.string(1)
                    try call.push(
                        .table(CostTables.gpu(try rethrowing { try context.hardware.accelerator(named: name) })))
                    return 1
                },
                "gpus": { call in
                    try call.push(
                        .table(LuaTable(array: context.hardware.accelerators.map { .table(CostTables.gpu($0)) })))
                    return 1
                },
                "define_gpu": { call in
                    let accelerator = try CostInputs.accelerator(try call.table(1))
                    try rethrowing { try context.hardware.define(accelerator, by: call.state.catalogOrigin) }
                    try call.push(.table(CostTables.gpu(accelerator)))
                    return 1
                },
                "model": { call in
                    let name = try call.string(1)
                    try call.push(.table(CostTables.model(try rethrowing { try context.models.model(named: name) })))
                    return 1
                },
                "models": { call in
                    try call.push(.table(LuaTable(array: context.models.models.map { .table(CostTables.model($0)) })))
                    return 1
                },
                "define_model": { call in
                    let model = try CostInputs.model(try call.table(1))
                    try rethrowing { try context.models.define(model, by: call.state.catalogOrigin) }
                    try call.push(.table(CostTables.model(model)))
                    return 1
                },
                "training": { call in
                    let scenario = try CostInputs.training(try call.table(1), context: context)
                    let estimate = try rethrowing { try TrainingEstimator.estimate(scenario) }
                    try call.push(.table(CostTables.training(estimate, scenario: scenario)))
                    return 1
                },
                "inference": { call in
                    let scenario = try CostInputs.inference(try call.table(1), context: context)
                    let estimate = try rethrowing { try InferenceEstimator.estimate(scenario) }
                    try call.push(.table(CostTables.inference(estimate, scenario: scenario)))
                    return 1
                },
                "ownership": { call in
                    let scenario = try CostInputs.ownership(try call.table(1), context: context)
                    let estimate = try rethrowing { try OwnershipEstimator.estimate(scenario) }
                    try call.push(.table(CostTables.ownership(estimate)))
                    return 1
                },
                "ownership_sweep": { call in
                    let sweep = try CostInputs.ownershipSweep(try call.table(1), context: context)
                    // About 200 bytes a scenario, as for `sweep`.
                    let scenarios =
                        Double(sweep.accelerators.count) * Double(max(sweep.prices.count, 1))
                        * Double(max(sweep.depreciations.count, 1)) * Double(max(sweep.years.count, 1))
                        * Double(max(sweep.energyPrices.count, 1))
                    try call.state.reserveMemory(
                        scenarios * 200, for: "an ownership sweep of \(Int64(min(scenarios, 9e18))) scenarios")
                    let result = try rethrowing { try OwnershipSweep.run(sweep) }
                    CostTables.push(result, to: call)
                    return 1
                },
                "gpu_hour": { call in
                    let scenario = try CostInputs.gpuHour(try call.table(1), context: context)
                    let cost = try rethrowing { try GPUHourCost.estimate(scenario) }
                    try call.push(.table(CostTables.gpuHour(cost)))
                    return 1
                },
                "sweep": { call in
                    let sweep = try CostInputs.sweep(try call.table(1), context: context)
                    // About 200 bytes a scenario: seven Swift columns and the Lua table columns they become.
                    let scenarios =
                        Double(sweep.accelerators.count) * Double(sweep.gpuCounts.count)
                        * Double(sweep.mfus.count) * Double(sweep.prices.count)
                    try call.state.reserveMemory(
                        scenarios * 200, for: "a sweep of \(Int64(min(scenarios, 9e18))) scenarios")
                    let result = try rethrowing { try TrainingSweep.run(sweep) }
                    CostTables.push(result, to: call)
                    return 1
                },
            ]
        )
    }
}
