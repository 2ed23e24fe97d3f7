import HardwareCatalog
import Testing

@Suite struct HardwareCatalogTests {
    let catalog = HardwareCatalog.bundled

    @Test func everyReferenceChipIsThere() throws {
        let names = [
            "A100", "A800", "H100", "H800", "H20", "H200", "B200", "L40S", "L20", "RTX 4090", "RTX 4090D",
            "MI300X", "Gaudi 3", "Ascend 910B", "Ascend 910C",
        ]
        for name in names { _ = try catalog.accelerator(named: name) }
        #expect(catalog.accelerators.count == names.count)
    }

    @Test(arguments: ["h800", "H800 SXM", "h800-sxm", "NVIDIA H800", "H800SXM5"])
    func lookupIgnoresCaseAndPunctuation(_ spelling: String) throws {
        #expect(try catalog.accelerator(named: spelling).name == "H800 SXM")
    }

    @Test func unknownNamesSuggestTheClosest() {
        let close = #expect(throws: CatalogError.self) { try catalog.accelerator(named: "H8000") }
        #expect(close.map { "\($0)" } == "unknown GPU 'H8000'; did you mean H800?")
        #expect(close?.kind == .unknownName && close?.suggestion == "H800")
        let far = #expect(throws: CatalogError.self) { try catalog.accelerator(named: "TPU v5p") }
        #expect(far.map { "\($0)" }?.hasPrefix("unknown GPU 'TPU v5p'; known: A100 SXM 80GB, ") == true)
        #expect(far?.kind == .unknownName && far?.suggestion == nil)
    }

    @Test func figuresKeepSourceAndEvidence() throws {
        let h100 = try catalog.accelerator(named: "H100")
        #expect(h100.figures.bf16Tflops == Figure(989, evidence: .primary, source: "NVIDIA H100 datasheet"))
        let b200 = try catalog.accelerator(named: "B200")
        #expect(b200.figures.dieAreaMM2?.evidence == .estimate)
        let ascend = try catalog.accelerator(named: "910B")
        #expect(ascend.figures.bf16Tflops?.low == 320 && ascend.figures.bf16Tflops?.high == 376)
        // Unknown facts stay unknown.
        #expect(ascend.figures.fp8Tflops == nil && ascend.figures.dieAreaMM2 == nil)
        #expect((#expect(throws: CatalogError.self) { try ascend.peak(.fp8) })?.kind == .missingFigure)
        let h800 = try catalog.accelerator(named: "H800")
        #expect(h800.prices.contains { $0.kind == .rental && $0.low == 2 && $0.evidence == .primary })
    }

    @Test func definitionsAreValidated() throws {
        var catalog = self.catalog
        var figures = AcceleratorFigures()
        figures.bf16Tflops = Figure(500, evidence: .estimate, source: "plugin")
        figures.memoryGB = Figure(96, evidence: .estimate, source: "plugin")
        figures.memoryBandwidthTBs = Figure(3, evidence: .estimate, source: "plugin")
        try catalog.define(Accelerator(name: "Future X1", vendor: "Acme", figures: figures))
        #expect(try catalog.accelerator(named: "future-x1").vendor == "Acme")

        var negative = figures
        negative.tdpW = Figure(-5, evidence: .estimate, source: "plugin")
        #expect(throws: CatalogError.badDefinition("GPU 'Bad': tdp_w must be a positive number, got -5.0")) {
            try catalog.define(Accelerator(name: "Bad", vendor: "Acme", figures: negative))
        }
        var noPeak = figures
        noPeak.bf16Tflops = nil
        #expect(throws: CatalogError.self) {
            try catalog.define(Accelerator(name: "NoPeak", vendor: "Acme", figures: noPeak))
        }
        var noMemory = figures
        noMemory.memoryGB = nil
        #expect(throws: CatalogError.badDefinition("GPU 'NoMem': memory_gb is missing")) {
            try catalog.define(Accelerator(name: "NoMem", vendor: "Acme", figures: noMemory))
        }
    }
}
