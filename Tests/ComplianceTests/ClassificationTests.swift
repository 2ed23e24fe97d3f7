import Compliance
import HardwareCatalog
import PartyScreening
import Testing

@Suite struct ClassificationTests {
    let engine = ComplianceEngine()

    /// TPP = dense TOPS × bit length, highest over precisions (reference examples, exact arithmetic).
    @Test(arguments: [
        ("H100", 15_832.0), ("A100", 4_992.0), ("H20", 2_368.0), ("L40S", 5_864.0),
        ("RTX 4090", 5_284.8), ("B200", 36_000.0), ("MI300X", 20_920.0),
    ])
    func totalProcessingPerformance(_ chip: String, _ tpp: Double) throws {
        #expect(try engine.item(chip: chip).tpp == tpp)
    }

    @Test func missingDieAreaIsSaidNotGuessed() throws {
        var figures = AcceleratorFigures()
        figures.bf16Tflops = Figure(150, evidence: .estimate, source: "test")  // TPP 2400: needs PD to decide
        figures.memoryGB = Figure(64, evidence: .estimate, source: "test")
        figures.memoryBandwidthTBs = Figure(2, evidence: .estimate, source: "test")
        var engine = self.engine
        try engine.hardware.define(Accelerator(name: "Mystery X", vendor: "Acme", figures: figures))
        let result = engine.classify(try engine.item(chip: "Mystery X"), on: try CalendarDay("2024-01-01"))
        #expect(!result.determined)
        #expect(result.eccn == nil)
        let text = result.missing.joined(separator: "\n")
        #expect(text.contains("unknown pd"))
        #expect(text.contains("die_area_mm2"))
        #expect(text.contains("PD ≥ 5.92 means a die of at most 405.4 mm²"))
        let determination = engine.check(
            ExportQuestion(
                item: try engine.item(chip: "Mystery X"), destination: try engine.countries.country("CN"),
                date: try CalendarDay("2024-01-01")))
        #expect(determination.status == "undetermined")
    }

    @Test func modelWeightsUnder4E091() throws {
        let weights = try engine.item(modelTrainingOperations: 2.1e26)
        let inForce = engine.classify(weights, on: try CalendarDay("2025-03-01"))
        #expect(inForce.eccn == "4E091")
        let small = engine.classify(try engine.item(modelTrainingOperations: 5e25), on: try CalendarDay("2025-03-01"))
        #expect(small.eccn == nil)
        let published = engine.classify(
            try engine.item(modelTrainingOperations: 2.1e26, publishedWeights: true),
            on: try CalendarDay("2025-03-01"))
        #expect(published.eccn == nil)
        let before = engine.classify(weights, on: try CalendarDay("2024-12-01"))
        #expect(before.eccn == nil)
        let check = engine.check(
            ExportQuestion(
                item: weights, destination: try engine.countries.country("India"),
                date: try CalendarDay("2025-06-01")))
        #expect(!check.licenseRequired && check.status == "not enforced")
    }

    @Test func badInputsAreErrorsWithSuggestions() throws {
        let unknownChip = #expect(throws: CatalogError.self) { try engine.item(chip: "H2O") }
        #expect(unknownChip.map { "\($0)" }?.hasPrefix("unknown GPU 'H2O'; did you mean") == true)
        let unknownCountry = #expect(throws: CatalogError.self) { try engine.countries.country("Chinaa") }
        #expect(unknownCountry.map { "\($0)" } == "unknown country 'Chinaa'; did you mean China?")
        #expect(throws: CalendarDayError.self) { try CalendarDay("2025-02-30") }
        #expect(throws: CalendarDayError.self) { try CalendarDay("yesterday") }
        #expect(throws: ComplianceError.self) { try engine.item(modelTrainingOperations: -1) }
    }
}
