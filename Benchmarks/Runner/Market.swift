// The market store against pandas, polars, DuckDB and the sqlite3 CLI on the same synthetic file and pipeline:
//   swift run -c release aikit-bench market [--symbols 1000] [--days 10000] [--workdir /tmp/aikit-bench-market]
// The data and the 1M as-of probes are generated once by Benchmarks/peers/market_peers.py (numpy) and reused.
// The peers run from the Python given by --python or AIKIT_BENCH_PYTHON (a venv with peers/requirements.txt).
// `aikit-bench market --postgres CONNINFO` measures the PostgreSQL backend instead (import, load, one symbol);
// `aikit-bench market --scale` the scale run at 1/10 and all of --symbols, with the cost growth (MarketScale.swift).
import AIKitTesting
import Foundation
import Frames
import MarketData

struct MarketBenchmark {
    let symbols: Int
    let days: Int
    let workdir: String
    let peersScript: String
    /// The Python with the peers installed (`--python`, `AIKIT_BENCH_PYTHON`, else python3 on the PATH).
    let python: String

    var csv: String { "\(workdir)/bars_\(symbols)x\(days).csv" }
    var probes: String { "\(workdir)/probes_\(symbols)x\(days).csv" }
    var store: String { "\(workdir)/aikit.sqlite" }

    static func main(_ arguments: [String]) throws {
        func value(_ flag: String, _ fallback: String) -> String {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return fallback }
            return arguments[index + 1]
        }
        let here = URL(fileURLWithPath: try SourceCheckout.path("Benchmarks"))
        let bench = MarketBenchmark(
            symbols: Int(value("--symbols", "1000")) ?? 1000, days: Int(value("--days", "10000")) ?? 10000,
            workdir: value("--workdir", "/tmp/aikit-bench-market"),
            peersScript: here.appendingPathComponent("peers/market_peers.py").path,
            python: value("--python", ProcessInfo.processInfo.environment["AIKIT_BENCH_PYTHON"] ?? "python3"))
        if let conninfo = arguments.firstIndex(of: "--postgres").flatMap({
            $0 + 1 < arguments.count ? arguments[$0 + 1] : nil
        }) {
            try bench.postgres(conninfo)
            return
        }
        if arguments.contains("pipeline") {
            try bench.pipeline(probesPath: value("--probes", bench.probes))
            return
        }
        if arguments.contains("scale-pipeline") {
            try bench.scalePipeline()
            return
        }
        if arguments.contains("--scale") {
            try bench.scaleRun(skipPeers: arguments.contains("--no-peers"))
            return
        }
        try bench.run(skipPeers: arguments.contains("--no-peers"))
    }

    func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, peersScript] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreError.badArgument(
                "market_peers.py \(arguments.first ?? "") failed (exit \(process.terminationStatus))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func prepare() throws {
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: csv) {
            print("generating \(symbols * days) bars in \(csv) …")
            _ = try python(["generate", "--symbols", "\(symbols)", "--days", "\(days)", "--out", csv])
        }
        if !FileManager.default.fileExists(atPath: probes) {
            print("generating 1,000,000 as-of probes in \(probes) …")
            _ = try python(["generate-probes", "--csv", csv, "--count", "1000000", "--out", probes])
        }
    }

    /// Durable import into a new store: seconds to the commit (WAL fsynced, synchronous=FULL) and to the end of a
    /// WAL checkpoint into the database file (what DuckDB's CHECKPOINT compares with).
    func importStore() throws -> (committed: Double, checkpointed: Double, rows: Int) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        let start = now()
        let target = try SQLiteMarketStore(path: store)
        let report = try MarketImporter(store: target).importFiles([csv])
        let committed = now() - start
        try target.checkpoint()
        return (committed, now() - start, report.rows)
    }

    static func probesFrame(_ path: String) throws -> Frame {
        let raw = try CSVFrameReader.read(path)
        return try Frame([("symbol", raw.column("Symbol")), ("time", raw.column("Time"))])
    }

    /// Load + returns/rolling + as-of join, as the peak-memory child runs it.
    func pipeline(probesPath: String) throws {
        let target = try SQLiteMarketStore(path: store)
        let bars = try target.bars(BarQuery())
        let rolled = try bars.returns().rolling(window: 20, statistic: .std, column: "return")
        let joined = try Self.probesFrame(probesPath).asofJoin(bars, columns: ["close"])
        print(rolled.count, joined.count)
    }

    /// The expression pipeline (as market_peers.py's): returns by shift, a mask and `where`, a 20-row rolling
    /// correlation of every symbol with the first one, then mean correlation and summed up-moves per symbol.
    static func expressionPipeline(_ bars: Frame) throws -> Frame {
        let close = try bars.column("adj_close")
        let previous = try bars.window(close, name: "adj_close", .shift(1))
        let ratio = try Column.arithmetic(.column(close, name: "adj_close"), .divide, .column(previous, name: "shift"))
        let ret = try Column.arithmetic(.column(ratio, name: "ratio"), .subtract, .number(1))
        let up = try Column.choose(
            try Column.compare(.column(ret, name: "ret"), .gt, .number(0)), .column(ret, name: "ret"), .number(0))
        var frame = try bars.adding("ret", ret).adding("up", up)
        let bench = try frame.filter(symbols: [String(format: "S%04d", 0)]).selecting(["time", "ret"]).renamed([
            "ret": "bench"
        ])
        frame = try frame.join(bench, on: ["time"], columns: ["bench"])
        let corr = try frame.window(
            ret, name: "ret", .rollingPair(window: 20, .corr, other: try frame.column("bench"), otherName: "bench"))
        return try frame.adding("corr", corr).aggregate(
            by: ["symbol"], named: [("corr_mean", "corr", .builtin(.mean)), ("up_sum", "up", .builtin(.sum))])
    }

    func run(skipPeers: Bool) throws {
        try prepare()
        let rowsExpected = symbols * days
        print("aikit: durable import of \(rowsExpected) rows …")
        let (committedSeconds, importSeconds, rows) = try importStore()
        let target = try SQLiteMarketStore(path: store)
        // The merge path: the same file again finds every row unchanged and writes nothing.
        let reimportStart = now()
        let again = try MarketImporter(store: target).importFiles([csv])
        let reimportSeconds = now() - reimportStart
        guard again.counts.unchanged == rows else {
            throw StoreError.badArgument("re-import changed rows: \(again.counts)")
        }
        var loadSamples: [Double] = []
        var bars = Frame()
        for _ in 0..<3 {
            let start = now()
            bars = try target.bars(BarQuery())
            loadSamples.append(now() - start)
        }
        var rollingSamples: [Double] = []
        var checksum = 0.0
        for _ in 0..<3 {
            let start = now()
            let rolled = try bars.returns().rolling(window: 20, statistic: .std, column: "return", name: "std20")
            rollingSamples.append(now() - start)
            checksum = try rolled.doubles("std20").reduce(0) { $1.isNaN ? $0 : $0 + $1 }
        }
        let probeFrame = try Self.probesFrame(probes)
        var asofSamples: [Double] = []
        var matched = 0
        for _ in 0..<3 {
            let start = now()
            let joined = try probeFrame.asofJoin(bars, columns: ["close"])
            asofSamples.append(now() - start)
            matched = try joined.doubles("close").filter { !$0.isNaN }.count
        }
        var expressionSamples: [Double] = []
        var expressionChecksum = 0.0
        for _ in 0..<3 {
            let start = now()
            let summary = try Self.expressionPipeline(bars)
            expressionSamples.append(now() - start)
            expressionChecksum = try summary.doubles("corr_mean").reduce(0) { $1.isNaN ? $0 : $0 + $1 }
        }
        bars = Frame()
        let symbol = String(format: "S%04d", symbols / 2)
        var oneSamples: [Double] = []
        for _ in 0..<20 {
            let start = now()
            _ = try target.bars(BarQuery(symbols: [symbol]))
            oneSamples.append(now() - start)
        }
        let peakRSS = childPeakRSS(mode: "pipeline")

        var peers: [String: Any] = [:]
        if !skipPeers {
            print("peers: pandas, polars, DuckDB, sqlite3 CLI on the same file (minutes) …")
            let text = try python(["run", "--csv", csv, "--probes", probes, "--workdir", workdir + "/peers"])
            peers = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        }
        func peer(_ key: String) -> Double? { (peers[key] as? NSNumber)?.doubleValue }

        let importRate = Double(rows) / importSeconds
        let committedRate = Double(rows) / committedSeconds
        let load = median(loadSamples)
        let rolling = median(rollingSamples)
        let asof = median(asofSamples)
        let asofRate = Double(probeFrame.count) / asof
        let one = median(oneSamples)
        var table: [[String]] = [["measure", "aikit", "peers (same run)", "aikit vs best peer", "target", "met"]]
        func add(_ name: String, _ value: String, _ peerText: String, _ ratio: String, _ target: String, _ met: Bool) {
            table.append([name, value, peerText, ratio, target, met ? "yes" : "MISSED"])
        }
        func rate(_ seconds: Double?) -> Double? { seconds.map { Double(rows) / $0 } }
        let importPeers = [
            ("DuckDB", rate(peer("duckdb_import_s"))), ("sqlite3 CLI", rate(peer("sqlite_cli_import_s"))),
        ]
        .compactMap { name, value in value.map { (name, $0) } }
        add(
            "durable CSV import, to checkpoint (rows/s)", String(format: "%.2fM", importRate / 1e6),
            importPeers.map { String(format: "%@ %.2fM", $0.0, $0.1 / 1e6) }.joined(separator: ", "),
            importPeers.map { String(format: "%.2fx", importRate / $0.1) }.first ?? "-", ">= 1.5M/s",
            importRate >= 1.5e6)
        add("  … to commit (WAL fsynced) (rows/s)", String(format: "%.2fM", committedRate / 1e6), "", "-", "", true)
        add(
            "  … the same file again (all unchanged) (rows/s)",
            String(format: "%.2fM", Double(rows) / reimportSeconds / 1e6),
            "", "-", "", true)
        let readPeers = [("pandas", peer("pandas_read_csv_s")), ("polars", peer("polars_read_csv_s"))]
            .compactMap { name, value in value.map { (name, $0) } }
        add(
            "all bars into a Frame (s)", String(format: "%.3f", load),
            readPeers.map { String(format: "%@ read_csv %.2f", $0.0, $0.1) }.joined(separator: ", "),
            readPeers.map { String(format: "%.1fx faster", $0.1 / load) }.min() ?? "-", "<= 1 s", load <= 1)
        let rollingPeers = [
            ("polars", peer("polars_returns_rolling_s")), ("pandas", peer("pandas_returns_rolling_s")),
            ("DuckDB", peer("duckdb_returns_rolling_s")),
        ].compactMap { n, v in v.map { (n, $0) } }
        add(
            "returns + 20-row rolling std (s)", String(format: "%.3f", rolling),
            rollingPeers.map { String(format: "%@ %.2f", $0.0, $0.1) }.joined(separator: ", "),
            rollingPeers.map(\.1).min().map { String(format: "%.1fx faster", $0 / rolling) } ?? "-", "<= 0.5 s",
            rolling <= 0.5)
        let asofPeers = [
            ("polars", peer("polars_asof_s")), ("DuckDB", peer("duckdb_asof_s")), ("pandas", peer("pandas_asof_s")),
        ]
        .compactMap { n, v in v.map { (n, Double(probeFrame.count) / $0) } }
        add(
            "as-of join, 1M probes (probes/s)", String(format: "%.2fM", asofRate / 1e6),
            asofPeers.map { String(format: "%@ %.2fM", $0.0, $0.1 / 1e6) }.joined(separator: ", "),
            asofPeers.map(\.1).max().map { String(format: "%.1fx", asofRate / $0) } ?? "-", ">= 2M/s", asofRate >= 2e6)
        let expression = median(expressionSamples)
        let expressionPeers = [("polars", peer("polars_expression_s")), ("pandas", peer("pandas_expression_s"))]
            .compactMap { n, v in v.map { (n, $0) } }
        let polarsExpression = peer("polars_expression_s")
        add(
            "expression pipeline: returns, where, corr, agg (s)",
            String(format: "%.3f", expression),
            expressionPeers.map { String(format: "%@ %.2f", $0.0, $0.1) }.joined(separator: ", "),
            polarsExpression.map { String(format: "%.1fx faster than polars", $0 / expression) } ?? "-",
            "<= polars", polarsExpression.map { expression <= $0 } ?? false)
        let onePeers = [("DuckDB", peer("duckdb_one_symbol_s")), ("SQLite/Python", peer("sqlite_one_symbol_s"))]
            .compactMap { n, v in v.map { (n, $0) } }
        add(
            "one symbol's \(days) bars (ms)", String(format: "%.2f", one * 1000),
            onePeers.map { String(format: "%@ %.1f", $0.0, $0.1 * 1000) }.joined(separator: ", "),
            onePeers.map(\.1).min().map { String(format: "%.1fx faster", $0 / one) } ?? "-", "<= 2 ms", one <= 0.002)
        let pandasPeak = peer("pandas_peak_rss_bytes")
        add(
            "peak memory, load + analytics (GiB)",
            peakRSS.map { String(format: "%.2f", Double($0) / 1_073_741_824) } ?? "?",
            pandasPeak.map { String(format: "pandas %.2f", $0 / 1_073_741_824) } ?? "-",
            zip([peakRSS.map(Double.init)], [pandasPeak]).compactMap { a, b in
                a.flatMap { a in b.map { String(format: "%.2fx", a / $0) } }
            }.first ?? "-",
            "< pandas", (peakRSS.map(Double.init) ?? .infinity) < (pandasPeak ?? 0))
        print(
            "\nmarket store, \(rows) bars (\(symbols) symbols × \(days) days), 1M as-of probes; checks: "
                + "rolling-std sum \(String(format: "%.6f", checksum)), as-of matched \(matched), "
                + "expression corr_mean sum \(String(format: "%.6f", expressionChecksum)) (polars "
                + "\(peer("polars_expression_checksum").map { String(format: "%.6f", $0) } ?? "-"), pandas "
                + "\(peer("pandas_expression_checksum").map { String(format: "%.6f", $0) } ?? "-"))")
        if let checks = peers["checks"] { print("peer checks: \(checks)") }
        printTable(table)
    }

    /// The same import, load and one-symbol fetch on the PostgreSQL backend (an empty database named by `conninfo`).
    func postgres(_ conninfo: String) throws {
        try prepare()
        let target = try PostgresMarketStore(conninfo: conninfo)
        guard try target.symbols().count == 0 else {
            throw StoreError.badArgument("use an empty database for the benchmark")
        }
        var start = now()
        let report = try MarketImporter(store: target).importFiles([csv])
        let importSeconds = now() - start
        start = now()
        let bars = try target.bars(BarQuery())
        let load = now() - start
        var samples: [Double] = []
        for _ in 0..<20 {
            start = now()
            _ = try target.bars(BarQuery(symbols: [String(format: "S%04d", symbols / 2)]))
            samples.append(now() - start)
        }
        print(
            String(
                format:
                    "PostgreSQL backend: import %.2fM rows/s (%d rows), load all %.3f s (%d rows), one symbol %.2f ms",
                Double(report.rows) / importSeconds / 1e6, report.rows, load, bars.count, median(samples) * 1000))
    }

    /// Peak resident memory of a child running `market <mode>` (a load and a pipeline) alone.
    func childPeakRSS(mode: String) -> Int? {
        var pid: pid_t = 0
        let argv = [
            CommandLine.arguments[0], "market", mode, "--symbols", "\(symbols)", "--days", "\(days)",
            "--workdir", workdir,
        ]
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid, status == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
    }
}
