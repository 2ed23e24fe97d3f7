import FoundationEssentials
public import HardwareCatalog

/// What owning hardware costs, as data (Resources/ownership.json, from shared/reference/ownership-cost.md): Epoch
/// AI's method parameters, chip-to-server cost and power factors, US industrial electricity prices by year, and per
/// chip a release date and dated purchase prices, each with its source and evidence level.
public struct OwnershipCatalog: Sendable, Decodable {
    /// Epoch AI's parameters (Cottier et al. 2024, arXiv 2405.21015 v2, and its code).
    public struct Method: Sendable, Decodable {
        public var source: String
        public var evidence: Evidence
        public var depreciationPerYear: Double
        public var depreciationLow: Double
        public var depreciationHigh: Double
        public var hoursPerYear: Double
        public var interconnectShare: Double
        public var medianUtilization: Double
        public var gpuLoad: Double
        public var tpuLoad: Double
        public var pueHyperscaler: Double
        public var pueOther: Double
        public var availabilityDelayDays: Int
        public var developmentLow: Double
        public var developmentMedian: Double
        public var developmentHigh: Double
        public var staffShareLow: Double
        public var staffShareHigh: Double
    }

    /// A factor that applies to chips whose name contains `match` (the first match wins, as in Epoch's code).
    public struct Factor: Sendable, Decodable {
        public var match: String
        public var value: Double
        public var note: String?
    }

    /// A purchase price per GPU: a card's (`chip`) or a server's divided by its GPUs (`server`).
    public struct Price: Sendable, Decodable, Equatable {
        public var usd: Double
        public var date: String
        public var basis: PriceBasis
        public var evidence: Evidence
        public var source: String
    }

    public struct Chip: Sendable, Decodable {
        public var chip: String
        public var released: String?
        public var releasedSource: String?
        public var releasedEvidence: Evidence?
        public var prices: [Price]
    }

    public struct EnergyPrices: Sendable, Decodable {
        public var source: String
        public var evidence: Evidence
        public var byYear: [String: Double]
    }

    public var method: Method
    public var serverFactors: [Factor]
    public var defaultServerFactor: Double
    public var powerMultipliers: [Factor]
    public var defaultPowerMultiplier: Double
    public var energyPrices: EnergyPrices
    public var chips: [Chip]

    public static var bundled: OwnershipCatalog { bundledCatalog }

    private static let bundledCatalog: OwnershipCatalog = {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(OwnershipCatalog.self, from: Data(PackageResources.ownership_json))
        } catch {
            fatalError("aikit's bundled ownership.json does not decode (a bug in aikit): \(error)")
        }
    }()

    /// The ownership facts of a catalog chip (matched by its catalog name), or nil.
    public func chip(_ accelerator: Accelerator) -> Chip? { chips.first { $0.chip == accelerator.name } }

    /// The price the method uses when none is given: the earliest dated one (Epoch's code takes the earliest price,
    /// preferring a server's; on the same date a server's price wins).
    public func defaultPrice(_ accelerator: Accelerator) -> Price? {
        chip(accelerator)?.prices.min { a, b in
            a.date != b.date ? a.date < b.date : (a.basis == .server && b.basis != .server)
        }
    }

    static func factor(_ factors: [Factor], _ name: String, default value: Double) -> (value: Double, note: String?) {
        let lowered = name.lowercased()
        if let hit = factors.first(where: { lowered.contains($0.match.lowercased()) }) { return (hit.value, hit.note) }
        return (value, nil)
    }

    public func serverFactor(_ name: String) -> (value: Double, note: String?) {
        Self.factor(serverFactors, name, default: defaultServerFactor)
    }

    public func powerMultiplier(_ name: String) -> (value: Double, note: String?) {
        Self.factor(powerMultipliers, name, default: defaultPowerMultiplier)
    }

    /// US average industrial electricity price in `year`, USD/kWh, or nil outside the table.
    public func energyPrice(year: Int) -> Double? { energyPrices.byYear[String(year)] }
}

/// Whether a purchase price is a single card's or a server's share per GPU.
public enum PriceBasis: String, Sendable, Decodable, CaseIterable {
    case chip, server
}
