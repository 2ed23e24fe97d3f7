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
        let results = try ScriptHost().lua.run(script, name: "=frames.lua")
        guard case .table(let outputs)? = results.first else {
            Issue.record("frames.lua returned \(results)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aikit-differential-\(getpid())-\(seed)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (key, value) in outputs.fields {
            let name = try #require(key.stringValue)
            try #require(value.stringValue).write(
                to: directory.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.folder.appendingPathComponent("pandas_check.py").path, directory.path, "\(scale)",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if output.contains("No module named 'pandas'") {
            Issue.record("pandas is missing: run `sh Scripts/setup.sh --for-tests`")
            return
        }
        #expect(process.terminationStatus == 0, "seed \(seed), scale \(scale): aikit and pandas differ:\n\(output)")
    }
}
