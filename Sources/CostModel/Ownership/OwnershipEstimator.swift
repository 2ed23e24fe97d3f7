import HardwareCatalog

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The amortized hardware CapEx + energy cost of a run (Cottier et al. 2024, "The rising costs of training frontier
/// AI models", arXiv 2405.21015 v2, section 2 and appendix A; code github.com/epoch-research/training-cost-trends):
///
/// - start value per GPU = server price per GPU × 10^(−r × years from availability to training start), r = 0.14 OOM/yr;
/// - amortized server cost = start value × chip-hours × r·ln 10 / 8,766 h (replacing hardware at the rate it loses
///   value); the chips are 1 / server factor of it, the rest of the server the remainder;
/// - interconnect = amortized server cost × 0.19 / (1 − 0.19);
/// - energy = chip-hours × TDP × chip-to-server power multiplier × average load × PUE × $/kWh;
/// - cluster acquisition = chips × server price per GPU / (1 − 0.19); power = chips × TDP × multiplier × PUE.
public enum OwnershipEstimator {
    public static func estimate(_ s: OwnershipScenario, catalog: OwnershipCatalog = .bundled) throws
        -> OwnershipEstimate
    {
        try validate(s)
        let method = catalog.method
        let name = s.accelerator.name
        // As Epoch's code decides: "TPU" in the chip's name (case-sensitive, so "Output X" is not a TPU).
        let isTPU = name.contains("TPU")
        var assumptions: [OwnershipEstimate.Assumption] = []
        func note(_ name: String, _ value: String, _ source: String, _ evidence: Evidence? = nil) {
            let evidence = evidence ?? (source.hasPrefix("method: ") ? method.evidence : nil)
            assumptions.append(.init(name: name, value: value, source: source, evidence: evidence))
        }
        let methodSource = "method: " + method.source

        // Chip-hours: reported, else hours × chips, else FLOPs / (peak × utilization).
        let chipHours: Double
        if let reported = s.chipHours {
            chipHours = reported
            note("chip_hours", NumberText.short(reported), "given")
        } else if let hours = s.hours {
            guard let chips = s.chips else {
                throw CostModelError("hours needs chips (chip-hours = hours × chips), or give chip_hours instead")
            }
            chipHours = hours * Double(chips)
            note("chip_hours", NumberText.short(chipHours), "hours × chips = \(NumberText.sig(hours)) × \(chips)")
        } else if let flops = s.flops {
            let utilization = s.utilization ?? method.medianUtilization
            let peak = try s.accelerator.peak(s.precision)
            chipHours = flops / (peak.value * 1e12 * utilization * 3600)
            note(
                "chip_hours", NumberText.short(chipHours),
                "FLOPs / (\(s.precision.rawValue) peak \(Figure.format(peak.value)) TFLOP/s × utilization "
                    + "\(NumberText.sig(utilization)) × 3600)" + (s.utilization == nil ? " (median utilization)" : ""))
        } else {
            throw CostModelError(
                "give the run's size: chip_hours, or hours with chips, or flops (with utilization, default "
                    + "\(NumberText.sig(method.medianUtilization)))")
        }

        if let message = CostLimits.violation("chip_hours", chipHours) {
            throw CostModelError(
                "the run's chip-hours (from hours × chips or flops / (peak × utilization)) are out of range: \(message)"
            )
        }

        // Price per GPU and its basis.
        let released = catalog.chip(s.accelerator)?.released.flatMap(RunDate.init)
        let price: Double
        let basis: PriceBasis
        var priceDate: RunDate? = nil
        if let given = s.price {
            price = given
            basis = s.priceBasis ?? .chip
            note(
                "price", "$\(NumberText.sig(given, 6)) per GPU (\(basis.rawValue))", s.priceSource ?? "given",
                s.priceEvidence)
        } else if let catalogued = catalog.defaultPrice(s.accelerator) {
            price = catalogued.usd
            basis = catalogued.basis
            priceDate = RunDate(catalogued.date)
            note(
                "price", "$\(NumberText.sig(price, 6)) per GPU (\(basis.rawValue)), dated \(catalogued.date)",
                "catalog: " + catalogued.source, catalogued.evidence)
        } else {
            throw CostModelError(
                "no purchase price for \(name) in aikit's catalog: pass price = <USD per GPU> (a card's price; add "
                    + "price_basis = 'server' for a server's price divided by its GPUs) and acquired = 'YYYY-MM-DD'")
        }
        let serverFactor = s.serverFactor ?? catalog.serverFactor(name).value
        note(
            "server_factor", NumberText.sig(serverFactor),
            s.serverFactor != nil ? "given" : methodSource + (catalog.serverFactor(name).note.map { " (\($0))" } ?? ""))
        let serverPrice = basis == .chip ? price * serverFactor : price

        // Dates: availability and training start.
        let acquired: RunDate
        if let text = s.acquired {
            acquired = try day(text, "acquired")
            if let released, acquired < released {
                throw CostModelError(
                    "acquired \(acquired) is before the \(name) existed (released \(released)); give a date on or after it"
                )
            }
            note("acquired", acquired.description, "given")
        } else if isTPU, let released {
            acquired = released
            note("acquired", acquired.description, methodSource + " (TPUs: at announcement)")
        } else if let released {
            let available = released.adding(days: method.availabilityDelayDays)
            acquired = max(available, priceDate ?? available)
            note(
                "acquired", acquired.description,
                methodSource
                    + " (release \(released) + \(method.availabilityDelayDays) days, or the price's date if later)"
            )
        } else {
            throw CostModelError(
                "no release date for \(name) in aikit's catalog: pass acquired = 'YYYY-MM-DD' (when the owner had it)")
        }
        var start = acquired
        // The year the run used its electricity: the given start's, even when the value is taken from a later date.
        var runYear = acquired.year
        if let text = s.start {
            let given = try day(text, "start")
            runYear = given.year
            if let released, given < released, !isTPU {
                throw CostModelError(
                    "start \(given) is before the \(name) existed (released \(released)); give the training start "
                        + "on or after it")
            }
            if given < acquired {
                if s.acquired != nil {
                    throw CostModelError(
                        "start \(given) is before acquired \(acquired): training cannot start before the owner has "
                            + "the hardware")
                }
                note(
                    "start", "\(given), valued from \(acquired)",
                    "given; before the default acquisition date, so no depreciation (as Epoch's code does)")
            } else {
                start = given
                note("start", given.description, "given")
            }
        } else {
            note(
                "start", start.description, "default: the acquisition date (no depreciation); give start = 'YYYY-MM-DD'"
            )
        }

        let r = s.depreciation ?? method.depreciationPerYear
        note(
            "depreciation", "\(NumberText.sig(r)) OOM/year",
            s.depreciation != nil
                ? "given"
                : methodSource
                    + " (90% CI \(NumberText.sig(method.depreciationLow))–\(NumberText.sig(method.depreciationHigh)))",
            s.depreciation != nil ? nil : method.evidence)
        let years = Double(start.days - acquired.days) / 365.25
        let startValue = serverPrice * tenToThe(-r * years)
        let amortized = startValue * chipHours * r * log(10) / method.hoursPerYear
        let chipsPart = amortized / serverFactor
        let share = method.interconnectShare
        let interconnect = amortized * share / (1 - share)

        // Energy and power.
        let tdpKW: Double
        if let given = s.tdpKW {
            tdpKW = given
            note("tdp_kw", NumberText.sig(given), "given")
        } else if let tdp = s.accelerator.figures.tdpW {
            tdpKW = tdp.value / 1000
            note("tdp_kw", NumberText.sig(tdpKW), "catalog: " + tdp.source, tdp.evidence)
        } else {
            throw CostModelError("no TDP for \(name) in the catalog: pass tdp_kw = <kW per chip>")
        }
        let multiplier = s.powerMultiplier ?? catalog.powerMultiplier(name).value
        note(
            "power_multiplier", NumberText.sig(multiplier, 4),
            s.powerMultiplier != nil
                ? "given" : methodSource + (catalog.powerMultiplier(name).note.map { " (\($0))" } ?? ""))
        let load = s.load ?? (isTPU ? method.tpuLoad : method.gpuLoad)
        note("load", NumberText.sig(load), s.load != nil ? "given" : methodSource + (isTPU ? " (TPUs)" : " (GPUs)"))
        let pue = s.pue ?? method.pueOther
        note(
            "pue", NumberText.sig(pue),
            s.pue != nil
                ? "given"
                : methodSource + " (\(NumberText.sig(method.pueOther)) unless a hyperscaler's data centre: then "
                    + "\(NumberText.sig(method.pueHyperscaler)))")
        let energyPrice: Double
        if let given = s.energyPrice {
            energyPrice = given
            note("energy_price", "$\(NumberText.sig(given))/kWh", "given")
        } else if let byYear = catalog.energyPrice(year: runYear) {
            energyPrice = byYear
            note(
                "energy_price", "$\(NumberText.sig(byYear))/kWh (\(runYear))",
                "catalog: " + catalog.energyPrices.source, catalog.energyPrices.evidence)
        } else {
            throw CostModelError(
                "no electricity price for \(runYear) in aikit's catalog: pass energy_price = <USD per kWh>")
        }
        let kWh = chipHours * tdpKW * multiplier * load * pue
        let energy = kWh * energyPrice
        let total = amortized + interconnect + energy
        let acquisition = s.chips.map { Double($0) * serverPrice / (1 - share) }
        let power = s.chips.map { Double($0) * tdpKW * multiplier * pue / 1000 }
        let annual = power.map { $0 * load * method.hoursPerYear / 1000 }

        let median = s.developmentMultiplier ?? method.developmentMedian
        let development = (total * method.developmentLow, total * median, total * method.developmentHigh)
        let withStaff = (
            development.0 / (1 - method.staffShareLow), development.2 / (1 - method.staffShareHigh)
        )

        var lines = [
            "Start value = \(NumberText.dollars(serverPrice)) server price per GPU × 10^(−\(NumberText.sig(r)) × "
                + "\(NumberText.sig(years)) years from \(acquired) to \(start)) = \(NumberText.dollars(startValue))",
            "Amortized hardware = start value × \(NumberText.short(chipHours)) chip-hours × \(NumberText.sig(r))·ln 10 / "
                + "\(Figure.format(method.hoursPerYear)) h = \(NumberText.dollars(amortized)) (chips "
                + "\(NumberText.dollars(chipsPart)), rest of server \(NumberText.dollars(amortized - chipsPart)))",
            "Interconnect = amortized × \(NumberText.sig(share)) / (1 − \(NumberText.sig(share))) = "
                + NumberText.dollars(interconnect),
            "Energy = chip-hours × \(NumberText.sig(tdpKW)) kW × \(NumberText.sig(multiplier, 4)) × "
                + "\(NumberText.sig(load)) load × PUE \(NumberText.sig(pue)) = \(NumberText.sig(kWh / 1000, 4)) MWh × "
                + "$\(NumberText.sig(energyPrice))/kWh = \(NumberText.dollars(energy))",
            "Total = \(NumberText.dollars(total))",
        ]
        if let acquisition, let power, let chips = s.chips {
            lines.append(
                "Cluster: \(chips) GPUs cost \(NumberText.dollars(acquisition)) to acquire and draw "
                    + "\(NumberText.sig(power, 4)) MW at full TDP, "
                    + "\(NumberText.sig(power * load * method.hoursPerYear / 1000, 4)) GWh a year at the average load")
        }
        return OwnershipEstimate(
            gpu: name, chips: s.chips, chipHours: chipHours, price: price, priceBasis: basis, serverPrice: serverPrice,
            serverFactor: serverFactor, acquired: acquired.description, start: start.description, years: years,
            depreciation: r,
            startValueUSD: startValue, chipsUSD: chipsPart, serverUSD: amortized - chipsPart,
            interconnectUSD: interconnect, energyUSD: energy, totalUSD: total, clusterAcquisitionUSD: acquisition,
            energyMWh: kWh / 1000, powerMW: power, annualEnergyGWh: annual, tdpKW: tdpKW, powerMultiplier: multiplier,
            load: load, pue: pue,
            energyPrice: energyPrice, development: development, developmentWithStaff: withStaff,
            assumptions: assumptions, explain: lines.joined(separator: "\n"))
    }

    static func day(_ text: String, _ field: String) throws -> RunDate {
        guard let day = RunDate(text) else {
            throw CostModelError("\(field) must be a date 'YYYY-MM-DD' (years 1900–2200), got '\(text)'")
        }
        return day
    }

    /// Every number in range before any arithmetic (ranges from `CostLimits`; fractions in (0, 1]).
    static func validate(_ s: OwnershipScenario) throws {
        for (name, value) in [
            ("chip_hours", s.chipHours), ("hours", s.hours), ("flops", s.flops), ("price", s.price),
            ("energy_price", s.energyPrice),
        ] {
            if let value, !(value >= 0) || !value.isFinite {
                throw CostModelError(
                    "\(name) must not be negative, got \(NumberText.sig(value))"
                        + (name.hasSuffix("hours")
                            ? ": give the run's \(name == "hours" ? "wall-clock hours" : "chip-hours")" : ""))
            }
        }
        for (name, value) in [
            ("utilization", s.utilization), ("load", s.load),
        ] {
            if let value, !(value > 0 && value <= 1) {
                throw CostModelError("\(name) must be in (0, 1], got \(NumberText.sig(value))")
            }
        }
        for (name, value, low) in [
            ("server_factor", s.serverFactor, 1.0), ("power_multiplier", s.powerMultiplier, 1.0), ("pue", s.pue, 1.0),
            ("tdp_kw", s.tdpKW, 0), ("depreciation", s.depreciation, 0),
            ("development_multiplier", s.developmentMultiplier, 1.0),
        ] {
            if let value, !(value >= low) || !value.isFinite || (low == 0 && name == "tdp_kw" && value == 0) {
                throw CostModelError(
                    "\(name) must be \(name == "tdp_kw" ? "positive" : "at least \(NumberText.sig(low))"), got "
                        + NumberText.sig(value))
            }
        }
        if let chips = s.chips, chips <= 0 { throw CostModelError("chips must be a positive integer, got \(chips)") }
        try CostLimits.check([("chips", s.chips)])
        try CostLimits.check([
            ("chip_hours", s.chipHours), ("hours", s.hours), ("flops", s.flops), ("price", s.price),
            ("energy_price", s.energyPrice), ("server_factor", s.serverFactor),
            ("power_multiplier", s.powerMultiplier), ("pue", s.pue), ("tdp_kw", s.tdpKW),
            ("depreciation", s.depreciation), ("development_multiplier", s.developmentMultiplier),
        ])
    }
}

/// 10^x.
func tenToThe(_ x: Double) -> Double { pow(10, x) }
