/// Calls the screening benchmark when Screening.swift provides one.
func screeningBenchmarkIfAvailable() -> (seconds: Double, names: Int, entries: Int)? {
    #if canImport(PartyScreening)
        return screeningBenchmark()
    #else
        return nil
    #endif
}
