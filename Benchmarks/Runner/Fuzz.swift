// The Lua fuzzer for longer than the tests run it (the same generator and runner: the LuaFuzzing target):
//   swift run -c release aikit-bench fuzz [--seed N] [--seconds 300] [--calls-per-child 120] [--workers 2]
//                                       [--binary PATH]   (another aikit build, e.g. an older one)
//   aikit-bench fuzz --seed N --script BATCH > b.lua; aikit script b.lua /tmp/scratch   (one batch, by hand)
// Every function and method in Scripts/types/aikit.lua is called with hostile arguments, many calls per `aikit`
// child; prints calls/s and each call that trapped, hung or ran past its limit (re-run alone to name it).
import AIKitTesting
import Foundation
import LuaFuzzing

enum FuzzBenchmark {
    static func main(_ arguments: [String]) throws -> Int32 {
        func value(_ flag: String) -> String? {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        let seed = value("--seed").flatMap { UInt64($0) } ?? UInt64(Date().timeIntervalSince1970)
        let seconds = value("--seconds").flatMap { Double($0) } ?? 300
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let binary = value("--binary").map { URL(fileURLWithPath: $0) } ?? here.appendingPathComponent("aikit")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("fuzz: \(binary.path) not found; build it first (swift build -c release)")
            return 2
        }
        let annotations = URL(fileURLWithPath: try SourceCheckout.path("Scripts/types/aikit.lua"))
        var runner = FuzzRunner(
            binary: binary, annotations: try String(contentsOf: annotations, encoding: .utf8), seed: seed)
        runner.callsPerChild = value("--calls-per-child").flatMap { Int($0) } ?? runner.callsPerChild
        runner.workers = value("--workers").flatMap { Int($0) } ?? runner.workers
        if let batch = value("--script").flatMap({ Int($0) }) {  // the Lua of one batch, to reproduce by hand
            print(FuzzScript.text(runner.calls(batch: batch)))
            return 0
        }
        print(
            "fuzz: seed \(seed), \(CallGenerator(surface: runner.surface, seed: seed).functions.count) functions, "
                + "\(runner.callsPerChild) calls per child, \(runner.workers) workers, \(Int(seconds)) s")
        let report = try runner.run(batches: Int.max, seconds: seconds)
        print(
            String(
                format: "fuzz: %d calls (%d returned a result) in %d children, %.1f s: %.0f calls/s; %d failures",
                report.calls, report.returned, report.children, report.seconds,
                Double(report.calls) / report.seconds, report.failures.count))
        for failure in report.failures { print("FAIL \(failure)") }
        return report.failures.isEmpty ? 0 : 1
    }
}
