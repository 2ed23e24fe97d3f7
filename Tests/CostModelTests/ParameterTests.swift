import CostModel
import HardwareCatalog
import Testing

/// Parameter counts derived from the architecture against the published totals.
@Suite struct ParameterTests {
    let catalog = ModelCatalog.bundled

    /// Tolerances: 1% for DeepSeek-V3 (671B is quoted to three digits), 2% for active parameters (37B quoted to two),
    /// 2% for Llama 3.1 (the model cards round to the nearest billion), 4% for Llama 2 7B (6.74B is called 7B).
    @Test(arguments: [
        ("DeepSeek-V3", 0.01, 0.02), ("DeepSeek-R1", 0.01, 0.02), ("Llama 3.1 8B", 0.02, 0.02),
        ("Llama 3.1 70B", 0.02, 0.02), ("Llama 3.1 405B", 0.02, 0.02), ("Llama 2 7B", 0.04, 0.04),
        ("Llama 2 13B", 0.02, 0.02), ("Llama 2 70B", 0.02, 0.02),
    ])
    func derivedCountsMatchPublished(_ name: String, _ totalTolerance: Double, _ activeTolerance: Double) throws {
        let model = try catalog.model(named: name)
        let published = try #require(model.published)
        let counts = model.parameters
        let total = try #require(published.totalParams)
        let active = try #require(published.activeParams)
        #expect(abs(counts.total / total - 1) <= totalTolerance, "\(name): total \(counts.total) vs \(total)")
        #expect(abs(counts.active / active - 1) <= activeTolerance, "\(name): active \(counts.active) vs \(active)")
    }

    @Test func deepSeekV3Details() throws {
        let v3 = try catalog.model(named: "deepseek-v3")
        let counts = v3.parameters
        #expect(v3.kind == "moe" && v3.attentionKind == "MLA")
        // The multi-token-prediction module brings the checkpoint to ~685B (Hugging Face), within 1%.
        #expect(abs((counts.total + counts.mtp) / 685e9 - 1) <= 0.01)
        // MLA caches 512 + 64 values per layer per token: 61 × 576 × 2 bytes = 70,272 bytes in BF16.
        #expect(v3.kvCacheBytesPerToken(bytesPerValue: 2) == 70_272)
        let llama = try catalog.model(named: "Llama 3.1 405B")
        #expect(llama.attentionKind == "GQA")
        // GQA: 2 × 126 layers × 8 KV heads × 128 dims × 2 bytes.
        #expect(llama.kvCacheBytesPerToken(bytesPerValue: 2) == 516_096)
    }

    @Test func definitionsAreValidated() throws {
        var catalog = self.catalog
        try catalog.define(ModelArchitecture(name: "Tiny", layers: 2, hidden: 64, heads: 4, ffn: 256, vocab: 1000))
        #expect(try catalog.model(named: "tiny").parameters.total > 0)
        #expect(throws: (any Error).self) {
            try catalog.define(ModelArchitecture(name: "Bad", layers: 0, hidden: 64, heads: 4, ffn: 256, vocab: 1000))
        }
        #expect(throws: (any Error).self) {
            try catalog.define(
                ModelArchitecture(
                    name: "BadGQA", layers: 2, hidden: 64, heads: 6, kvHeads: 4, ffn: 256,
                    vocab: 1000))
        }
        let unknown = #expect(throws: CatalogError.self) { try catalog.model(named: "Lama 3.1 405B") }
        #expect(unknown.map { "\($0)" } == "unknown model 'Lama 3.1 405B'; did you mean Llama 3.1 405B?")
    }
}
