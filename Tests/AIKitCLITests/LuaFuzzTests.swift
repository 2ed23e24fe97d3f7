import Foundation
import LuaFuzzing
import Testing

/// Every function and method of the annotations, called with hostile arguments from a fixed seed, many calls per
/// `aikit` child: none may trap (exit by a signal) or hang. A failing call is named as generated, so
/// `aikit script -e 'pcall(function() return CALL end)'` reproduces it (the prelude's `O.Frame` etc. aside: the
/// failure names the `aikit-bench fuzz --seed … --script BATCH` command that prints its whole batch). 60 batches of
/// 150 calls, all of them: the run has no time budget to stop it short (each child has its own time limit, so a hang
/// still ends), and a run that makes fewer calls than planned fails.
@Suite struct LuaFuzzTests {
    static var annotations: String {
        get throws {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Scripts/types/aikit.lua")
            return try String(contentsOf: path, encoding: .utf8)
        }
    }

    @Test func theAnnotationsGiveEveryFunctionAndTheFieldsOfItsTables() throws {
        let surface = APISurface(annotations: try Self.annotations)
        let names = Set(surface.functions.map(\.name))
        for name in ["cost.training", "cost.sweep", "chart.bar", "aikit.inspect", "Frame:rolling", "MarketStore:bars"] {
            #expect(names.contains(name), "\(name) not read from the annotations")
        }
        let training = try #require(surface.functions.first { $0.name == "cost.training" })
        #expect(training.parameters.map(\.type) == [.named("cost.TrainingInput")])
        #expect(
            surface.classes["cost.TrainingInput"]?.first { $0.name == "tp" }
                == AnnotatedField(name: "tp", type: .integer, optional: true))
        let bar = try #require(surface.functions.first { $0.name == "chart.bar" }?.parameters.first)
        guard case .record(let fields) = bar.type else {
            Issue.record("chart.bar's spec is not read as a table type: \(bar.type)")
            return
        }
        #expect(
            fields.first { $0.name == "values" }
                == AnnotatedField(name: "values", type: .list(.number), optional: false))
        #expect(fields.first { $0.name == "unit" } == AnnotatedField(name: "unit", type: .string, optional: true))
        let rolling = try #require(surface.functions.first { $0.name == "Frame:rolling" })
        #expect(rolling.owner == "Frame" && rolling.parameters.first?.type == .integer)
        #expect(CallGenerator(surface: surface, seed: 1).functions.count == surface.functions.count)
    }

    /// The runner itself: a child that dies (os.exit(134) leaves the status of SIGABRT) or loops is found, its
    /// call named, and the calls after it still run.
    @Test func aDyingOrLoopingCallIsNamedAndTheRestStillRun() throws {
        var runner = FuzzRunner(binary: AikitProcess.binary, annotations: try Self.annotations, seed: 1)
        runner.batchTimeout = 3
        runner.callTimeout = 1
        let report = try runner.run(calls: [
            "cost.gpu('H800')", "os.exit(134)", "chart.spark({1, 2})", "(function() while true do end end)()", "1",
        ])
        #expect(report.calls == 5)
        #expect(report.failures.map(\.call) == ["os.exit(134)", "(function() while true do end end)()"])
        #expect(report.failures.map(\.kind) == [.trap(signal: 6), .slow])
        #expect(report.failures.allSatisfy { $0.reproducesAlone })
    }

    /// A time budget that runs out is visible in the report: it planned calls it did not make.
    @Test func aRunCutShortReportsTheCallsItDidNotMake() throws {
        var runner = FuzzRunner(binary: AikitProcess.binary, annotations: try Self.annotations, seed: 1)
        runner.callsPerChild = 10
        let report = try runner.run(batches: 4, seconds: 0)
        #expect(report.planned == 40 && report.calls == 0)
    }

    /// The calls the issue listed and the fuzzer found (each trapped or hung before its fix), in one child.
    @Test func callsThatTrappedOrHungBefore() throws {
        let calls = [
            "cost.training{model='DeepSeek-V3', tokens=1e12, gpu='H800', gpus=2048, mfu=0.4, tp=1<<32, pp=1<<32}",
            "cost.training{model='DeepSeek-V3', tokens=1e300, gpu='H800', gpus=2048, mfu=0.4}",
            "cost.define_model{name='x', layers=1<<62, hidden=1<<62, heads=1, ffn=1, vocab=1}",
            "cost.sweep{model='DeepSeek-V3', tokens=1e12, gpu='H800', gpus={1e300}, mfu=0.4, price=2}",
            "chart.bar{labels={'a'}, values={1e308}}", "chart.bar{labels={'a', 'b'}, values={1e308, -1e308}}",
            "chart.line{x={'a', 'b'}, series={{values={1e308, -1e308}}}}", "chart.spark{1e308, -1e308}",
            "aikit.inspect({{1}}, {indent = 1 << 40})", "cost.model(string.rep('x', 1 << 20))",
            "compliance.country(string.rep('x', 1 << 20))", "compliance.screen(string.rep('x', 1 << 20))",
            "market.open(0)", "market.open('y')",
            // Found on the pre-fix binary by `aikit-bench fuzz --seed 3` (tiny values made NumberText trap).
            "cost.training{model='Llama 3.1 8B', gpu='H800', mfu=0.35, stages={{name='s', flops=1e-300}}}",
            "cost.inference{model='DeepSeek-V3', gpu='B200', output_tokens=168e9, hours=5e-324}",
            "cost.inference{model='Llama 2 70B', gpu='H100', mfu=5e-324, input_tokens=608e9, output_tokens=168e9}",
            "cost.sweep{gpu='H100', gpus=0/0, mfu=0.35, price={1, 2}}",
            "cost.sweep{gpu='Ascend 910B', gpus=1e19, mfu=0.35, price={[math.huge] = 1}}",
        ]
        let report = try FuzzRunner(binary: AikitProcess.binary, annotations: try Self.annotations, seed: 1).run(
            calls: calls)
        #expect(report.calls == calls.count)
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n\n"))")
        #expect(report.children == 1)
    }

    @Test func hostileCallsNeverTrapOrHang() throws {
        var runner = FuzzRunner(binary: AikitProcess.binary, annotations: try Self.annotations, seed: 20_261_204)
        runner.callsPerChild = 150
        let report = try runner.run(batches: 60)
        print(
            "fuzz: \(report.calls) of \(report.planned) calls in \(report.children) children, "
                + "\(Int(report.seconds)) s, \(report.failures.count) failures")
        #expect(report.planned == 9_000)
        #expect(
            report.calls == report.planned,
            "the fuzz run made \(report.calls) of its \(report.planned) calls in \(Int(report.seconds)) s")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n\n"))")
    }
}
