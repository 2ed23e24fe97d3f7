// The scale run of the market benchmark: the same steps at 1/10 of the symbols and at all of them, in one run,
// beside DuckDB and polars, and how each step's cost grows with the rows:
//   swift run -c release aikit-bench market --scale [--symbols 3000] [--days 10000]   (3M and 30M bars)
// The 30M-bar CSV is about 2 GB; it stays in --workdir for the next run (delete it when done).
import Foundation
import Frames
import MarketData

extension MarketBenchmark {
    /// One size's figures: wall and CPU (user + system, all threads) seconds per step, the minor page faults of one
    /// load, the peaks and the peers'. On a shared machine the wall time also holds the waits for a core, so the CPU
    /// time is the steadier measure of how a step's own cost grows.
    struct ScaleFigures {
        var rows = 0
        var importSeconds = 0.0
        var importCPU = 0.0
        var loadSeconds = 0.0
        var loadCPU = 0.0
        var loadSystemCPU = 0.0
        var loadFaults = 0
        var pipelineSeconds = 0.0
        var pipelineCPU = 0.0
        var peakRSS: Int?
        var peers: [String: Any] = [:]

        func peer(_ key: String) -> Double? { (peers[key] as? NSNumber)?.doubleValue }
    }

    /// The same benchmark at `symbols / 10` symbols (the small end of the growth figures).
    var tenth: MarketBenchmark {
        MarketBenchmark(
            symbols: max(1, symbols / 10), days: days, workdir: workdir, peersScript: peersScript, python: python)
    }

    /// Load + the expression pipeline, as the scale run's peak-memory child runs it (its timings, in a fresh
    /// process, are printed for runs by hand: `aikit-bench market scale-pipeline --symbols … --days … --workdir …`).
    func scalePipeline() throws {
        let faults = minorFaults()
        var start = now()
        let bars = try SQLiteMarketStore(path: store).bars(BarQuery())
        let load = now() - start
        let loadFaults = minorFaults() - faults
        start = now()
        let groups = try Self.expressionPipeline(bars).count
        print(
            String(
                format: "%d bars: load %.3f s (%d minor faults), expression pipeline %.3f s (%d groups)",
                bars.count, load, loadFaults, now() - start, groups))
    }

    /// Import, load, pipeline and peak memory at one size, then the peers' import, read and pipeline.
    func scaleFigures(skipPeers: Bool) throws -> ScaleFigures {
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: csv) {
            print("generating \(symbols * days) bars in \(csv) …")
            _ = try python(["generate", "--symbols", "\(symbols)", "--days", "\(days)", "--out", csv])
        }
        var figures = ScaleFigures()
        print("aikit: durable import of \(symbols * days) rows …")
        let importUsage = ResourceUsage()
        let (_, importSeconds, rows) = try importStore()
        figures.rows = rows
        figures.importSeconds = importSeconds
        figures.importCPU = ResourceUsage().cpu - importUsage.cpu
        let target = try SQLiteMarketStore(path: store)
        var loads: [(seconds: Double, cpu: Double, system: Double, faults: Int)] = []
        var bars = Frame()
        for _ in 0..<3 {
            bars = Frame()  // the previous load's columns are freed first, as a script reloading would
            let usage = ResourceUsage()
            let start = now()
            bars = try target.bars(BarQuery())
            let seconds = now() - start
            let after = ResourceUsage()
            loads.append((seconds, after.cpu - usage.cpu, after.system - usage.system, after.faults - usage.faults))
        }
        let load = loads.sorted { $0.seconds < $1.seconds }[1]
        (figures.loadSeconds, figures.loadCPU, figures.loadSystemCPU, figures.loadFaults) = load
        var pipeline: [(seconds: Double, cpu: Double)] = []
        for _ in 0..<3 {
            let usage = ResourceUsage()
            let start = now()
            _ = try Self.expressionPipeline(bars)
            pipeline.append((now() - start, ResourceUsage().cpu - usage.cpu))
        }
        (figures.pipelineSeconds, figures.pipelineCPU) = pipeline.sorted { $0.seconds < $1.seconds }[1]
        bars = Frame()
        figures.peakRSS = childPeakRSS(mode: "scale-pipeline")
        if !skipPeers {
            print("peers: DuckDB import, polars read_csv and the expression pipeline on \(rows) rows …")
            let text = try python([
                "run", "--csv", csv, "--workdir", workdir + "/peers", "--only", "duckdb,polars",
                "--steps", "duckdb_import,polars_read_csv,polars_expression",
            ])
            figures.peers = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        }
        return figures
    }

    /// `--scale`: both sizes, the targets at the large one, and each step's growth from the small one.
    func scaleRun(skipPeers: Bool) throws {
        let small = try tenth.scaleFigures(skipPeers: skipPeers)
        let large = try scaleFigures(skipPeers: skipPeers)
        let growth = Double(large.rows) / Double(small.rows)
        func gib(_ bytes: Double?) -> String { bytes.map { String(format: "%.2f GiB", $0 / 1_073_741_824) } ?? "-" }
        func secondsText(_ value: Double?) -> String { value.map { String(format: "%.3f s", $0) } ?? "-" }
        var table: [[String]] = [["measure at \(large.rows) bars", "aikit", "peers (same run)", "target", "met"]]
        let importRate = Double(large.rows) / large.importSeconds
        let duckdbRate = large.peer("duckdb_import_s").map { Double(large.rows) / $0 }
        table.append([
            "durable CSV import, to checkpoint (rows/s)", String(format: "%.2fM", importRate / 1e6),
            duckdbRate.map { String(format: "DuckDB %.2fM (aikit %.2fx)", $0 / 1e6, importRate / $0) } ?? "-",
            ">= 1.5x DuckDB", duckdbRate.map { importRate >= 1.5 * $0 } ?? false ? "yes" : "MISSED",
        ])
        table.append([
            "all bars into a Frame", secondsText(large.loadSeconds),
            large.peer("polars_read_csv_s").map { String(format: "polars read_csv %.2f s", $0) } ?? "-", "", "",
        ])
        let polarsPipeline = large.peer("polars_expression_s")
        table.append([
            "expression pipeline", secondsText(large.pipelineSeconds),
            polarsPipeline.map { String(format: "polars %.2f s", $0) } ?? "-", "<= polars",
            polarsPipeline.map { large.pipelineSeconds <= $0 } ?? false ? "yes" : "MISSED",
        ])
        let polarsPeak = large.peer("polars_expression_peak_rss_bytes")
        table.append([
            "peak memory, load + pipeline", gib(large.peakRSS.map(Double.init)),
            polarsPeak.map { "polars read_csv + pipeline " + gib($0) } ?? "-", "<= polars",
            zip([large.peakRSS], [polarsPeak]).contains { a, b in a.flatMap { a in b.map { Double(a) <= $0 } } ?? false
            }
                ? "yes" : "MISSED",
        ])
        print("\nmarket scale run: \(small.rows) and \(large.rows) bars (\(days) days each), completed")
        printTable(table)

        var steps: [(String, Double, Double)] = [
            ("aikit durable import", small.importSeconds, large.importSeconds),
            ("  … CPU (user + system, all threads)", small.importCPU, large.importCPU),
            ("aikit all bars into a Frame", small.loadSeconds, large.loadSeconds),
            ("  … CPU (user + system)", small.loadCPU, large.loadCPU),
            ("  … of which system (page faults)", small.loadSystemCPU, large.loadSystemCPU),
            ("aikit expression pipeline", small.pipelineSeconds, large.pipelineSeconds),
            ("  … CPU (user + system)", small.pipelineCPU, large.pipelineCPU),
        ]
        for (name, key) in [
            ("DuckDB import", "duckdb_import_s"), ("polars read_csv", "polars_read_csv_s"),
            ("polars expression pipeline", "polars_expression_s"),
        ] {
            if let a = small.peer(key), let b = large.peer(key) { steps.append((name, a, b)) }
        }
        // Linear cost grows like the rows; more than 1.2x that (12x for 10x the rows) is flagged.
        var growthTable: [[String]] = [
            ["step", "\(small.rows) rows", "\(large.rows) rows", "time ratio", "ns/row", "ns/row", "growth"]
        ]
        for (name, a, b) in steps {
            growthTable.append([
                name, String(format: "%.3f s", a), String(format: "%.3f s", b),
                String(format: "%.1fx for %.0fx rows", b / a, growth),
                String(format: "%.0f", a / Double(small.rows) * 1e9),
                String(format: "%.0f", b / Double(large.rows) * 1e9),
                b / a > 1.2 * growth ? "NOT LINEAR" : "linear",
            ])
        }
        growthTable.append([
            "aikit minor page faults of one load", "\(small.loadFaults)", "\(large.loadFaults)",
            String(format: "%.1fx", Double(large.loadFaults) / Double(max(small.loadFaults, 1))),
            String(format: "%.3f", Double(small.loadFaults) / Double(small.rows)),
            String(format: "%.3f", Double(large.loadFaults) / Double(large.rows)), "(faults/row)",
        ])
        print("\ncost growth from \(small.rows) to \(large.rows) bars")
        printTable(growthTable)
    }
}

/// This process's CPU seconds and minor page faults so far (`getrusage`, all threads).
struct ResourceUsage {
    var user = 0.0
    var system = 0.0
    var faults = 0

    init() {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        faults = usage.ru_minflt
    }

    var cpu: Double { user + system }
}

/// This process's minor page faults so far.
func minorFaults() -> Int { ResourceUsage().faults }

/// A table with padded columns and a rule under the header.
func printTable(_ table: [[String]]) {
    let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    for (index, row) in table.enumerated() {
        print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        if index == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
    }
}
