import HardwareCatalog

/// What one GPU-hour costs its owner, beside the rental price: the ownership method of `OwnershipEstimator` for one
/// chip and one hour, with the hardware (and data-centre capacity) spread over the hours actually used.
///
/// - hardware per used hour = (amortized server + interconnect per hour) / utilization;
/// - energy per used hour = TDP × power multiplier × load × PUE × $/kWh;
/// - data centre per used hour = $/kW-year × TDP × power multiplier × PUE / 8,766 / utilization (only when given:
///   aikit has no sourced default for it).
public struct GPUHourScenario: Sendable {
    /// The ownership inputs (chip, price, dates, power); its run-size fields are ignored.
    public var ownership: OwnershipScenario
    /// Share of the owner's hours the GPU is busy (1 = always).
    public var utilization: Double
    public var datacenterUSDPerKWYear: Double?
    /// A rental price to compare with, USD per GPU-hour; default: the catalog's rental prices for the chip.
    public var rental: Double?

    public init(
        ownership: OwnershipScenario, utilization: Double = 1, datacenterUSDPerKWYear: Double? = nil,
        rental: Double? = nil
    ) {
        self.ownership = ownership
        self.utilization = utilization
        self.datacenterUSDPerKWYear = datacenterUSDPerKWYear
        self.rental = rental
    }
}

public struct GPUHourCost: Sendable {
    public var gpu: String
    public var hardwareUSD: Double
    public var energyUSD: Double
    public var datacenterUSD: Double?
    public var totalUSD: Double
    public var utilization: Double
    /// Rental prices to compare with (given, or the catalog's), each with its note and source.
    public var rentals: [(low: Double, high: Double, label: String)]
    public var ownership: OwnershipEstimate
    public var explain: String

    public static func estimate(_ s: GPUHourScenario, catalog: OwnershipCatalog = .bundled) throws -> GPUHourCost {
        guard s.utilization > 0 && s.utilization <= 1 else {
            throw CostModelError("utilization must be in (0, 1], got \(NumberText.sig(s.utilization))")
        }
        try CostLimits.check([("datacenter_usd_per_kw_year", s.datacenterUSDPerKWYear), ("rental", s.rental)])
        var scenario = s.ownership
        scenario.chips = 1
        scenario.chipHours = 1
        scenario.hours = nil
        scenario.flops = nil
        var one = try OwnershipEstimator.estimate(scenario, catalog: catalog)
        one.chips = nil
        one.clusterAcquisitionUSD = nil
        let hardware = (one.chipsUSD + one.serverUSD + one.interconnectUSD) / s.utilization
        let kW = one.tdpKW * one.powerMultiplier * one.pue
        let datacenter = s.datacenterUSDPerKWYear.map { $0 * kW / catalog.method.hoursPerYear / s.utilization }
        let total = hardware + one.energyUSD + (datacenter ?? 0)
        let rentals: [(low: Double, high: Double, label: String)] =
            s.rental.map { [($0, $0, "given")] }
            ?? s.ownership.accelerator.prices.filter { $0.kind == .rental }.map {
                ($0.low, $0.high, "\($0.note ?? "rental"), \($0.date) (\($0.evidence.rawValue): \($0.source))")
            }
        var lines = [
            "Hardware = (amortized server + interconnect) / utilization = "
                + "\(NumberText.dollars(one.chipsUSD + one.serverUSD + one.interconnectUSD)) / "
                + "\(NumberText.sig(s.utilization)) = \(NumberText.dollars(hardware)) per used GPU-hour",
            "Energy = \(NumberText.sig(one.energyMWh * 1000, 4)) kWh × $\(NumberText.sig(one.energyPrice))/kWh = "
                + NumberText.dollars(one.energyUSD),
        ]
        if let datacenter, let rate = s.datacenterUSDPerKWYear {
            lines.append(
                "Data centre = $\(NumberText.sig(rate))/kW-year × \(NumberText.sig(kW, 4)) kW / "
                    + "\(Figure.format(catalog.method.hoursPerYear)) h / \(NumberText.sig(s.utilization)) = "
                    + NumberText.dollars(datacenter))
        } else {
            lines.append("Data centre: not included (give datacenter_usd_per_kw_year)")
        }
        lines.append("Owner's GPU-hour = \(NumberText.dollars(total))")
        if rentals.isEmpty {
            lines.append(
                "Rental: no rental price for \(one.gpu) in aikit's catalog; give rental = <USD per GPU-hour> to compare"
            )
        }
        for rental in rentals {
            lines.append(
                "Rental: $\(NumberText.sig(rental.low))"
                    + (rental.high != rental.low ? "–\(NumberText.sig(rental.high))" : "") + " (\(rental.label))")
        }
        return GPUHourCost(
            gpu: one.gpu, hardwareUSD: hardware, energyUSD: one.energyUSD, datacenterUSD: datacenter, totalUSD: total,
            utilization: s.utilization, rentals: rentals, ownership: one, explain: lines.joined(separator: "\n"))
    }
}
