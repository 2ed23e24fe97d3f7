import FoundationEssentials
import TextMatching

/// The one catalog of accelerators, shared by the cost model and the compliance engine.
///
/// The bundled facts (Resources/gpus.json, transcribed from shared/reference/gpus.md with a source and an evidence
/// level per figure) load on first use; scripts and plugins add their own through `define`.
public struct HardwareCatalog: Sendable {
    private var catalog: NamedCatalog<Accelerator>

    public init(accelerators: [Accelerator]) {
        catalog = NamedCatalog(kind: "GPU", entries: accelerators)
    }

    public var accelerators: [Accelerator] { catalog.entries }

    /// The bundled catalog (decoded once, on first use).
    public static var bundled: HardwareCatalog { bundledCatalog }

    private static let bundledCatalog: HardwareCatalog = {
        struct File: Decodable { let chips: [Accelerator] }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(PackageResources.gpus_json))
            return HardwareCatalog(accelerators: file.chips)
        } catch {
            fatalError("aikit's bundled gpus.json does not decode (a bug in aikit): \(error)")
        }
    }()

    /// Looks a chip up by any spelling ("h800", "H800 SXM", "nvidia h800"); unknown names get a suggestion.
    public func accelerator(named name: String) throws -> Accelerator { try catalog.lookup(name) }

    /// Adds (or replaces) a chip after validating it: a name, a vendor, at least one peak, memory and memory
    /// bandwidth, and every figure finite and positive.
    public mutating func define(_ accelerator: Accelerator, by origin: CatalogOrigin = .script) throws {
        try HardwareCatalog.validate(accelerator)
        try catalog.insert(accelerator, by: origin)
    }

    /// Who defined the chip answering to `name` (nil if none does).
    public func origin(ofChip name: String) -> CatalogOrigin? { catalog.origin(of: name) }

    static func validate(_ accelerator: Accelerator) throws {
        let name = accelerator.name
        guard !name.isEmpty else { throw CatalogError.badDefinition("a GPU needs a name") }
        guard !NameMatching.normalize(name).isEmpty else {
            throw CatalogError.badDefinition("GPU name '\(name)' needs at least one letter or digit")
        }
        for (key, figure) in accelerator.figures.all {
            guard figure.value.isFinite, figure.value > 0 else {
                throw CatalogError.badDefinition("GPU '\(name)': \(key) must be a positive number, got \(figure.value)")
            }
        }
        guard !accelerator.precisions.isEmpty else {
            throw CatalogError.badDefinition(
                "GPU '\(name)': give at least one peak throughput (bf16_tflops, fp16_tflops, fp8_tflops, ...)")
        }
        guard accelerator.figures.memoryGB != nil else {
            throw CatalogError.badDefinition("GPU '\(name)': memory_gb is missing")
        }
        guard accelerator.figures.memoryBandwidthTBs != nil else {
            throw CatalogError.badDefinition("GPU '\(name)': memory_bandwidth_tbs is missing")
        }
    }
}
