/// Numeric precisions a peak throughput is quoted at.
public enum Precision: String, Codable, Sendable, CaseIterable {
    case fp64, tf32, bf16, fp16, fp8, int8

    /// Bits per operand (export-control TPP multiplies dense TOPS by this).
    public var bitLength: Int {
        switch self {
        case .fp64: 64
        case .tf32: 32  // TPP counts TF32 at 32 bits (the operand format's storage width)
        case .bf16, .fp16: 16
        case .fp8, .int8: 8
        }
    }

    /// Bytes per stored value (weights, KV cache).
    public var bytes: Double { Double(bitLength) / 8 }

    /// Accepts "bf16", "BF16", "fp8", "FP8 " ...
    public init?(name: String) {
        self.init(rawValue: name.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

/// Datacenter parts versus consumer cards (export rules treat them differently).
public enum Market: String, Codable, Sendable {
    case datacenter, consumer
}

/// A rental or purchase price with its date and source.
public struct PricePoint: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case rental, purchase }
    public var kind: Kind
    /// USD per GPU-hour (rental) or USD per unit (purchase).
    public var low: Double
    public var high: Double
    /// "2025-03".
    public var date: String
    public var evidence: Evidence
    public var source: String
    public var note: String?
}

/// The figures of one accelerator; any of them may be unknown (nil), never guessed.
public struct AcceleratorFigures: Codable, Sendable, Equatable {
    public var fp64Tflops: Figure?
    public var tf32Tflops: Figure?
    public var bf16Tflops: Figure?
    public var fp16Tflops: Figure?
    public var fp8Tflops: Figure?
    public var int8Tops: Figure?
    public var memoryGB: Figure?
    public var memoryBandwidthTBs: Figure?
    /// Chip-to-chip I/O, bidirectional, GB/s.
    public var interconnectGBs: Figure?
    public var tdpW: Figure?
    /// Logic die area (mm²), for performance density.
    public var dieAreaMM2: Figure?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case fp64Tflops = "fp64_tflops", tf32Tflops = "tf32_tflops", bf16Tflops = "bf16_tflops"
        case fp16Tflops = "fp16_tflops", fp8Tflops = "fp8_tflops", int8Tops = "int8_tops"
        case memoryGB = "memory_gb", memoryBandwidthTBs = "memory_bandwidth_tbs", interconnectGBs = "interconnect_gbs"
        case tdpW = "tdp_w", dieAreaMM2 = "die_area_mm2"
    }

    /// Dense peak at a precision (TFLOPS, or TOPS for int8).
    public func peak(_ precision: Precision) -> Figure? {
        switch precision {
        case .fp64: fp64Tflops
        case .tf32: tf32Tflops
        case .bf16: bf16Tflops
        case .fp16: fp16Tflops
        case .fp8: fp8Tflops
        case .int8: int8Tops
        }
    }

    public mutating func setPeak(_ precision: Precision, _ figure: Figure?) {
        switch precision {
        case .fp64: fp64Tflops = figure
        case .tf32: tf32Tflops = figure
        case .bf16: bf16Tflops = figure
        case .fp16: fp16Tflops = figure
        case .fp8: fp8Tflops = figure
        case .int8: int8Tops = figure
        }
    }

    /// Every figure with its key, for validation and display.
    public var all: [(key: String, figure: Figure)] {
        let pairs: [(String, Figure?)] = [
            ("fp64_tflops", fp64Tflops), ("tf32_tflops", tf32Tflops), ("bf16_tflops", bf16Tflops),
            ("fp16_tflops", fp16Tflops), ("fp8_tflops", fp8Tflops), ("int8_tops", int8Tops),
            ("memory_gb", memoryGB), ("memory_bandwidth_tbs", memoryBandwidthTBs),
            ("interconnect_gbs", interconnectGBs), ("tdp_w", tdpW), ("die_area_mm2", dieAreaMM2),
        ]
        return pairs.compactMap { key, figure in figure.map { (key, $0) } }
    }
}

/// An AI accelerator (GPU or similar) in the catalog.
public struct Accelerator: Codable, Sendable, Equatable, CatalogEntry {
    public var name: String
    public var vendor: String
    public var aliases: [String]
    public var market: Market
    /// Launch year.
    public var launched: Int?
    public var figures: AcceleratorFigures
    /// The chip-to-chip link as its vendor describes it ("NVLink 400 GB/s").
    public var interconnect: String?
    public var prices: [PricePoint]
    public var notes: String?

    public init(
        name: String, vendor: String, aliases: [String] = [], market: Market = .datacenter,
        launched: Int? = nil, figures: AcceleratorFigures, interconnect: String? = nil,
        prices: [PricePoint] = [], notes: String? = nil
    ) {
        self.name = name
        self.vendor = vendor
        self.aliases = aliases
        self.market = market
        self.launched = launched
        self.figures = figures
        self.interconnect = interconnect
        self.prices = prices
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case name, vendor, aliases, market, launched, figures, interconnect, prices, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        vendor = try c.decode(String.self, forKey: .vendor)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        market = try c.decode(Market.self, forKey: .market)
        launched = try c.decodeIfPresent(Int.self, forKey: .launched)
        figures = try c.decode(AcceleratorFigures.self, forKey: .figures)
        interconnect = try c.decodeIfPresent(String.self, forKey: .interconnect)
        prices = try c.decodeIfPresent([PricePoint].self, forKey: .prices) ?? []
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    /// Dense peak at a precision, or an error naming what the catalog does have.
    public func peak(_ precision: Precision) throws -> Figure {
        if let figure = figures.peak(precision) { return figure }
        let known = Precision.allCases.filter { figures.peak($0) != nil }.map(\.rawValue)
        throw CatalogError.missingFigure(
            "no \(precision.rawValue) peak for \(name) in the catalog"
                + (known.isEmpty ? "" : " (it has \(known.joined(separator: ", ")))"))
    }

    /// Name and aliases, each also with the vendor in front ("NVIDIA H800").
    public var spellings: [String] { ([name] + aliases).flatMap { [$0, vendor + " " + $0] } }

    /// The precisions the catalog has a peak for.
    public var precisions: [Precision] { Precision.allCases.filter { figures.peak($0) != nil } }
}
