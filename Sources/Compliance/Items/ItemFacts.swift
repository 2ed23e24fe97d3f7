public import HardwareCatalog

/// What is being exported, reduced to the facts export rules test.
public struct ItemFacts: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// An integrated circuit (GPU or accelerator).
        case chip
        /// Model weights (ECCN 4E091).
        case modelWeights = "model weights"
        /// High-bandwidth memory (3A090.c).
        case hbm
        /// Any other item subject to the EAR (entity-list checks).
        case other
    }

    public var kind: Kind
    public var name: String
    /// Who defined the chip when it is not aikit's reference data nor the user's script ("plugin 'x'").
    public var definedBy: String?
    public var vendor: String?
    /// Total processing performance: dense TOPS × bit length, highest over precisions (Technical Note to 3A090).
    public var tpp: Double?
    /// Which precision gave the TPP ("fp8: 1979 × 8").
    public var tppBasis: String?
    /// TPP / applicable logic die area (mm²).
    public var performanceDensity: Double?
    public var dieArea: Double?
    /// Aggregate bidirectional chip-to-chip I/O, GB/s.
    public var ioBandwidth: Double?
    /// Total DRAM bandwidth, GB/s.
    public var memoryBandwidth: Double?
    public var datacenter: Bool?
    public var trainingOperations: Double?
    public var publishedWeights: Bool?
    /// HBM memory bandwidth density, GB/s/mm².
    public var hbmBandwidthDensity: Double?

    public init(
        kind: Kind, name: String, vendor: String? = nil, tpp: Double? = nil, tppBasis: String? = nil,
        performanceDensity: Double? = nil, dieArea: Double? = nil, ioBandwidth: Double? = nil,
        memoryBandwidth: Double? = nil, datacenter: Bool? = nil, trainingOperations: Double? = nil,
        publishedWeights: Bool? = nil, hbmBandwidthDensity: Double? = nil
    ) {
        self.kind = kind
        self.name = name
        self.vendor = vendor
        self.tpp = tpp
        self.tppBasis = tppBasis
        self.performanceDensity = performanceDensity
        self.dieArea = dieArea
        self.ioBandwidth = ioBandwidth
        self.memoryBandwidth = memoryBandwidth
        self.datacenter = datacenter
        self.trainingOperations = trainingOperations
        self.publishedWeights = publishedWeights
        self.hbmBandwidthDensity = hbmBandwidthDensity
    }

    /// Facts of a catalog chip: TPP = max over the precisions the catalog has of dense T(FL)OPS × bit length;
    /// PD = TPP / die area. Missing figures stay nil (and determinations say so).
    public init(chip: Accelerator) {
        var peak: (tpp: Double, precision: Precision, value: Double)? = nil
        for precision in Precision.allCases {
            guard let figure = chip.figures.peak(precision) else { continue }
            let tpp = figure.value * Double(precision.bitLength)
            if peak == nil || tpp > peak!.tpp { peak = (tpp, precision, figure.value) }
        }
        // The basis is written once, for the precision that won.
        let best = peak.map { p in
            (tpp: p.tpp, basis: "\(p.precision.rawValue) \(Figure.format(p.value)) × \(p.precision.bitLength) bits")
        }
        let area = chip.figures.dieAreaMM2?.value
        self.init(
            kind: .chip, name: chip.name, vendor: chip.vendor, tpp: best?.tpp, tppBasis: best?.basis,
            performanceDensity: best.flatMap { b in area.map { b.tpp / $0 } }, dieArea: area,
            ioBandwidth: chip.figures.interconnectGBs?.value,
            memoryBandwidth: chip.figures.memoryBandwidthTBs.map { $0.value * 1000 },
            datacenter: chip.market == .datacenter)
    }
}
