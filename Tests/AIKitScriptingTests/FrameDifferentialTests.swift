import AIKitScripting
import Foundation
import LuaRuntime
import Testing

/// Every frame verb against pandas: Differential/frames.lua builds random frames (missing values, ties, symbols of
/// uneven length in shuffled rows, magnitudes from 1e-150 to 1e150) and runs each verb in aikit;
/// Differential/pandas_check.py recomputes them with pandas (installed by `Scripts/setup.sh --for-tests`) and
/// compares.
@Suite struct FrameDifferentialTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Differential")

    @Test(arguments: [(1, 1.0), (2, 1e-6), (3, 1e8), (4, 1.0), (5, 1e150), (6, 1e-150), (7, 1.0), (8, 1000.0)])
    func everyVerbAgreesWithPandas(seed: Int, scale: Double) throws {
        let script = try String(contentsOf: Self.folder.appendingPathComponent("frames.lua"), encoding: .utf8)
            .replacing("local seed, scale = ...", with: "local seed, scale = \(seed), \(scale)")
        let results = try ScriptEnvironment().lua.run(script, name: "=frames.lua")
        guard case .table(let outputs)? = results.first else {
            Issue.record("frames.lua returned \(results)")
            return
        }
        let output = try Self.check("pandas_check.py", outputs, tag: "\(seed)", arguments: ["\(scale)"])
        #expect(output == nil, "seed \(seed), scale \(scale): aikit and pandas differ:\n\(output ?? "")")
    }

    /// The one-liners of docs/market.md (Frames as expressions), run on the bundled sample and checked against pandas.
    static let readmeOneLiners = [
        #"b:with{dd = b.close / b.close:cummax() - 1}:groupby("symbol"):agg{dd = {"dd", "last"}}:sort("dd")"#,
        #"w:with{CEG_corr = r:rolling(20, "corr", w.CEG:pct_change()), VST_corr = r:rolling(20, "corr", w.VST:pct_change())}"#,
    ]

    @Test func theReadmeOneLinersAgreeWithPandas() throws {
        let readme = try String(
            contentsOf: Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/market.md"), encoding: .utf8)
        for line in Self.readmeOneLiners { #expect(readme.contains(line), "docs/market.md does not show \(line)") }
        let results = try ScriptEnvironment().lua.run(
            """
            local s = market.sample()
            local b = s:bars{from = "2025-01-01"}
            local w = s:bars{symbols = {"NVDA", "CEG", "VST"}}:pivot{values = "close"}
            local r = w.NVDA:pct_change()
            return {bars = s:bars{}:to_csv(), ranking = \(Self.readmeOneLiners[0]):to_csv(),
              corr = \(Self.readmeOneLiners[1]):select("time", "CEG_corr", "VST_corr"):to_csv()}
            """, name: "=readme")
        guard case .table(let outputs)? = results.first else {
            Issue.record("the one-liners returned \(results)")
            return
        }
        let output = try Self.check("readme_check.py", outputs, tag: "readme", arguments: [])
        #expect(output == nil, "docs/market.md's one-liners and pandas differ:\n\(output ?? "")")
    }

    /// Writes each output CSV into a fresh folder and runs `script` over it with pandas: nil when it agrees, else
    /// what it printed.
    static func check(_ script: String, _ outputs: LuaTable, tag: String, arguments: [String]) throws -> String? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aikit-differential-\(getpid())-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (key, value) in outputs.fields {
            let name = try #require(key.stringValue)
            try #require(value.stringValue).write(
                to: directory.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
        }
        let (status, output) = try runProgram(
            ["python3", folder.appendingPathComponent(script).path, directory.path] + arguments)
        if output.contains("No module named 'pandas'") {
            return "pandas is missing: run `sh Scripts/setup.sh --for-tests`"
        }
        return status == 0 ? nil : output
    }
}
