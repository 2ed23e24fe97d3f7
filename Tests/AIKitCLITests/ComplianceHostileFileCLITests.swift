import AIKitTesting
import Foundation
import Testing

/// The security issue's files through the built binary: a 10,000-entity ownership chain stored with `aikit compliance
/// update` crashed every later `check` (SIGSEGV, a recursion per link); a 256 KiB party name took over a minute to
/// import. (The linked companies are made up; Huawei is the bundled sample's Entity List party.)
@Suite struct ComplianceHostileFileCLITests {
    static var chain: String {
        var text = "owner,owned,percent\n\"Huawei Technologies Co., Ltd.\",Link 0,100\n"
        for index in 1..<10_000 { text += "Link \(index - 1),Link \(index),60\n" }
        return text
    }

    @Test func aStoredLongChainAnswersAndAHugeNameIsRefusedBeforeStoring() throws {
        let folder = NSTemporaryDirectory() + "aikit-cli-hostile-\(UUID().uuidString)"
        let db = folder + "/m.sqlite"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.chain.write(toFile: folder + "/chain.csv", atomically: true, encoding: .utf8)
        let stored = try AikitProcess.run([
            "compliance", "update", "--db", db, "--format", "csv", folder + "/chain.csv",
        ])
        #expect(stored.status == 0, "\(stored.stderr)")
        let check = try AikitProcess.run([
            "script", "--db", db, "-e",
            "local r = compliance.check{chip = 'H100', party = 'Link 9999', destination = 'Malaysia', "
                + "date = '2025-10-01'} print(r.rule, r.ownership.verdict)",
        ])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "EAR-744.11-AFFILIATES\tcovered\n")

        let huge = String(repeating: "A", count: 256 * 1024)
        try "name,source\n\(huge),Entity List (EL)\n".write(
            toFile: folder + "/huge.csv", atomically: true, encoding: .utf8)
        let start = Date()
        let refused = try AikitProcess.run(["compliance", "update", "--db", db, folder + "/huge.csv"])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix("aikit: compliance update: huge.csv:2: field 'name': name is 262144 characters"))
        #expect(refused.stderr.hasSuffix("; nothing was stored\n"))
        let list = try AikitProcess.run(["compliance", "list", "--db", db, "--format", "csv"])
        #expect(!list.stdout.contains("huge.csv"))
    }
}
