import HardwareCatalog
import Testing

/// "Did you mean" measured the edit distance of a megabyte-long name against every spelling (minutes per lookup,
/// found by the Lua fuzzer as a hang in cost.model and compliance.country); now a name longer than any candidate by
/// more than the accepted distance costs one pass, and the message shows the name's start and length.
@Suite struct LongNameTests {
    @Test(arguments: [1 << 20, 4096, 300])
    func hugeUnknownNamesAreQuickErrors(length: Int) {
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: CatalogError.self) {
            try HardwareCatalog.bundled.accelerator(named: String(repeating: "h800", count: length / 4))
        }
        #expect(clock.now - started < .seconds(60))  // minutes before; milliseconds now
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("unknown GPU 'h800h800"))
        #expect(message.contains("… (\(length / 4 * 4) bytes)'; known: A100 SXM 80GB"))
    }

    @Test func closeNamesStillGetASuggestion() {
        let error = #expect(throws: CatalogError.self) { try HardwareCatalog.bundled.accelerator(named: "H8OO SXM") }
        #expect(error.map { "\($0)" } == "unknown GPU 'H8OO SXM'; did you mean H800 SXM?")
    }
}
