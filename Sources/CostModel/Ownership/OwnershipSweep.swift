public import HardwareCatalog

/// Many owner's-cost scenarios of one run at once — every combination of chip × purchase price × depreciation rate ×
/// years from acquisition to start × electricity price — as columns, by the method of `OwnershipEstimator` (each
/// chip's factors, power and default price resolved once, then one multiply-add chain per row).
public struct OwnershipSweep: Sendable {
    /// The run (chip-hours or hours with chips) and every other input; its chip, price, depreciation, dates and
    /// electricity price are replaced by the grid's.
    public var base: OwnershipScenario
    public var accelerators: [Accelerator]
    /// Purchase prices per GPU (basis as in `base`); empty: each chip's catalogued price.
    public var prices: [Double]
    /// OOM per year; empty: the method's 0.14.
    public var depreciations: [Double]
    /// Years from acquisition to the training start; empty: 0.
    public var years: [Double]
    /// USD per kWh; empty: the catalog's price for the acquisition year.
    public var energyPrices: [Double]

    public init(
        base: OwnershipScenario, accelerators: [Accelerator], prices: [Double], depreciations: [Double],
        years: [Double], energyPrices: [Double]
    ) {
        self.base = base
        self.accelerators = accelerators
        self.prices = prices
        self.depreciations = depreciations
        self.years = years
        self.energyPrices = energyPrices
    }

    public struct Result: Sendable {
        public var chipHours: Double
        public var gpu: [String]
        public var price: [Double]
        public var depreciation: [Double]
        public var years: [Double]
        public var energyPrice: [Double]
        public var hardwareUSD: [Double]
        public var energyUSD: [Double]
        public var totalUSD: [Double]
        public var count: Int { gpu.count }
    }

    public static func run(_ sweep: OwnershipSweep, catalog: OwnershipCatalog = .bundled) throws -> Result {
        let sizes = [
            sweep.accelerators.count, max(sweep.prices.count, 1), max(sweep.depreciations.count, 1),
            max(sweep.years.count, 1), max(sweep.energyPrices.count, 1),
        ]
        guard !sweep.accelerators.isEmpty else { throw CostModelError("an ownership sweep needs at least one gpu") }
        var n = 1
        for size in sizes {
            let (product, overflow) = n.multipliedReportingOverflow(by: size)
            guard !overflow, product <= CostLimits.sweepRows else {
                throw CostModelError(
                    "an ownership sweep of \(sizes.map(String.init).joined(separator: " × ")) combinations is more than "
                        + "the \(CostLimits.sweepRows) one sweep makes; split it (e.g. one per gpu)")
            }
            n = product
        }
        for (name, values) in [
            ("price", sweep.prices), ("depreciation", sweep.depreciations), ("energy_price", sweep.energyPrices),
        ] {
            for value in values {
                if let message = CostLimits.violation(name, value) { throw CostModelError(message) }
            }
        }
        for value in sweep.years where !(value >= 0 && value <= 100) {
            throw CostModelError(
                "years must be in 0…100 (from acquisition to the training start), got \(NumberText.sig(value))")
        }

        var result = Result(
            chipHours: 0, gpu: [], price: [], depreciation: [], years: [], energyPrice: [], hardwareUSD: [],
            energyUSD: [], totalUSD: [])
        result.gpu.reserveCapacity(n)
        for column in [\Result.price, \.depreciation, \.years, \.energyPrice, \.hardwareUSD, \.energyUSD, \.totalUSD]
            as [WritableKeyPath<Result, [Double]>]
        {
            result[keyPath: column].reserveCapacity(n)
        }
        let method = catalog.method
        let ln10 = 2.302_585_092_994_046
        let cluster = 1 / (1 - method.interconnectShare)
        for accelerator in sweep.accelerators {
            // One estimate per chip resolves its factors, power, chip-hours and (if none given) its price.
            var one = sweep.base
            one.accelerator = accelerator
            one.price = sweep.prices.first ?? sweep.base.price
            one.depreciation = sweep.depreciations.first ?? sweep.base.depreciation
            one.energyPrice = sweep.energyPrices.first ?? sweep.base.energyPrice
            one.start = nil
            let e = try OwnershipEstimator.estimate(one, catalog: catalog)
            result.chipHours = e.chipHours
            let kWh = e.energyMWh * 1000
            let toServer = e.priceBasis == .chip ? e.serverFactor : 1
            let prices = sweep.prices.isEmpty ? [e.price] : sweep.prices
            let depreciations = sweep.depreciations.isEmpty ? [e.depreciation] : sweep.depreciations
            let years = sweep.years.isEmpty ? [0] : sweep.years
            let energyPrices = sweep.energyPrices.isEmpty ? [e.energyPrice] : sweep.energyPrices
            let perHour = e.chipHours / method.hoursPerYear * ln10 * cluster
            for price in prices {
                let server = price * toServer
                for r in depreciations {
                    for y in years {
                        let hardware = server * tenToThe(-r * y) * r * perHour
                        for energyPrice in energyPrices {
                            let energy = kWh * energyPrice
                            result.gpu.append(accelerator.name)
                            result.price.append(price)
                            result.depreciation.append(r)
                            result.years.append(y)
                            result.energyPrice.append(energyPrice)
                            result.hardwareUSD.append(hardware)
                            result.energyUSD.append(energy)
                            result.totalUSD.append(hardware + energy)
                        }
                    }
                }
            }
        }
        return result
    }
}
