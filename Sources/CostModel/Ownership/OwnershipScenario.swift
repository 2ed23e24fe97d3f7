public import HardwareCatalog

/// A training run (or a period of a cluster's use) valued as its owner pays for it, by Epoch AI's amortized
/// hardware CapEx + energy method. Every input is optional except the chip; what is not given comes from
/// `OwnershipCatalog` and the estimate lists each value it used and where it came from.
public struct OwnershipScenario: Sendable {
    public var accelerator: Accelerator
    /// Chips in the cluster (for its acquisition cost and power, and chip-hours from `hours`).
    public var chips: Int?
    /// Training chip-hours, as reported.
    public var chipHours: Double?
    /// Wall-clock hours (× `chips` gives chip-hours).
    public var hours: Double?
    /// Training FLOPs: chip-hours = FLOPs / (peak at `precision` × `utilization` × 3600).
    public var flops: Double?
    public var utilization: Double?
    public var precision: Precision
    /// Purchase price per GPU, USD, with its basis (a card's price is multiplied by the server factor).
    public var price: Double?
    public var priceBasis: PriceBasis?
    /// Where a given price comes from, and how solid it is (kept in the assumptions).
    public var priceSource: String?
    public var priceEvidence: Evidence?
    public var serverFactor: Double?
    /// When the hardware was available to its owner ("YYYY-MM-DD"); default: release + 90 days, or the price's date
    /// if later.
    public var acquired: String?
    /// When training started ("YYYY-MM-DD"); default: the acquisition date (no depreciation).
    public var start: String?
    public var tdpKW: Double?
    public var powerMultiplier: Double?
    /// Average power as a share of TDP (0.75 GPUs, 0.43 TPUs).
    public var load: Double?
    public var pue: Double?
    /// USD/kWh; default: the US industrial price in the training start's year.
    public var energyPrice: Double?
    /// Orders of magnitude of value lost per year (0.14).
    public var depreciation: Double?
    /// Total development compute / final-run compute (Epoch: 1.2–4×, median 2.2×).
    public var developmentMultiplier: Double?

    public init(
        accelerator: Accelerator, chips: Int? = nil, chipHours: Double? = nil, hours: Double? = nil,
        flops: Double? = nil, utilization: Double? = nil, precision: Precision = .bf16, price: Double? = nil,
        priceBasis: PriceBasis? = nil, priceSource: String? = nil, priceEvidence: Evidence? = nil,
        serverFactor: Double? = nil, acquired: String? = nil, start: String? = nil, tdpKW: Double? = nil,
        powerMultiplier: Double? = nil, load: Double? = nil, pue: Double? = nil, energyPrice: Double? = nil,
        depreciation: Double? = nil, developmentMultiplier: Double? = nil
    ) {
        self.accelerator = accelerator
        self.chips = chips
        self.chipHours = chipHours
        self.hours = hours
        self.flops = flops
        self.utilization = utilization
        self.precision = precision
        self.price = price
        self.priceBasis = priceBasis
        self.priceSource = priceSource
        self.priceEvidence = priceEvidence
        self.serverFactor = serverFactor
        self.acquired = acquired
        self.start = start
        self.tdpKW = tdpKW
        self.powerMultiplier = powerMultiplier
        self.load = load
        self.pue = pue
        self.energyPrice = energyPrice
        self.depreciation = depreciation
        self.developmentMultiplier = developmentMultiplier
    }
}

/// An owner's cost of a run: the parts, the total, and every assumption with its source.
public struct OwnershipEstimate: Sendable {
    /// One value the estimate used, where it came from ("given", "catalog: …", "method: …") and its evidence.
    public struct Assumption: Sendable, Equatable {
        public var name: String
        public var value: String
        public var source: String
        public var evidence: Evidence?
    }

    public var gpu: String
    public var chips: Int?
    public var chipHours: Double
    /// Purchase price per GPU as given or catalogued, and the server price per GPU it implies.
    public var price: Double
    public var priceBasis: PriceBasis
    public var serverPrice: Double
    public var serverFactor: Double
    /// "YYYY-MM-DD".
    public var acquired: String
    public var start: String
    public var years: Double
    public var depreciation: Double
    /// Server value per GPU at the training start.
    public var startValueUSD: Double
    public var chipsUSD: Double
    public var serverUSD: Double
    public var interconnectUSD: Double
    public var energyUSD: Double
    public var totalUSD: Double
    /// Chips × server price per GPU / (1 − interconnect share), undepreciated.
    public var clusterAcquisitionUSD: Double?
    public var energyMWh: Double
    /// Cluster power at full TDP, with server overhead and PUE.
    public var powerMW: Double?
    /// What the cluster draws in a year (8,766 h) at the average load: chips × TDP × multiplier × load × PUE.
    public var annualEnergyGWh: Double?
    public var tdpKW: Double
    public var powerMultiplier: Double
    public var load: Double
    public var pue: Double
    public var energyPrice: Double
    /// Total development compute cost at Epoch's low, median (or given) and high multipliers, and with R&D staff
    /// at 29–49% of the development cost.
    public var development: (low: Double, median: Double, high: Double)
    public var developmentWithStaff: (low: Double, high: Double)
    public var assumptions: [Assumption]
    public var explain: String
}
