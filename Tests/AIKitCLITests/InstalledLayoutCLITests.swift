import Foundation
import Testing

/// The built binary copied out of the checkout finds its files relative to itself (issue 27: never through the source
/// path compiled into it).
@Suite struct InstalledLayoutCLITests {
    static let listSymbols = "for row in market.sample():symbols():rows() do print(row.symbol) end"

    /// A prefix like the tarball's: `bin/aikit` (a copy of the debug binary) and nothing else yet.
    static func prefix() throws -> URL {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-prefix-\(UUID().uuidString)")
        let bin = prefix.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: AikitProcess.binary, to: bin.appendingPathComponent("aikit"))
        return prefix
    }

    /// Fails before the fix: the binary looked in the checkout through #filePath and printed the checkout's 32
    /// symbols, not the one in `share/aikit/sample` beside it.
    @Test func copiedBinaryReadsTheSampleInShareBesideIt() throws {
        let prefix = try Self.prefix()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let sample = prefix.appendingPathComponent("share/aikit/sample")
        try FileManager.default.createDirectory(at: sample, withIntermediateDirectories: true)
        let nvda = try String(contentsOfFile: AikitProcess.sampleFolder + "/NVDA.csv", encoding: .utf8)
        try nvda.write(to: sample.appendingPathComponent("NVDA.csv"), atomically: true, encoding: .utf8)
        let result = try AikitProcess.run(
            ["-e", Self.listSymbols], environment: ["AIKIT_SAMPLE_DIR": ""], directory: prefix.path,
            executable: prefix.appendingPathComponent("bin/aikit"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "NVDA\n")
    }

    /// With no share/aikit beside it (and no package installed), the error says where it looked and what to do.
    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/usr/share/aikit/sample/NVDA.csv")))
    func copiedBinaryWithoutItsFilesSaysWhereItLooked() throws {
        let prefix = try Self.prefix()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let result = try AikitProcess.run(
            ["-e", Self.listSymbols], environment: ["AIKIT_SAMPLE_DIR": ""], directory: prefix.path,
            executable: prefix.appendingPathComponent("bin/aikit"))
        #expect(result.status != 0)
        #expect(result.stderr.contains(prefix.path + "/share/aikit/sample"), "\(result.stderr)")
        #expect(result.stderr.contains("/usr/share/aikit/sample"))
        #expect(result.stderr.contains("NVDA.csv") && result.stderr.contains("reinstall aikit"))
    }
}

extension AikitProcess {
    /// The checkout's bundled sample (Sources/MarketData/Resources/sample).
    static var sampleFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MarketData/Resources/sample").path
    }
}
