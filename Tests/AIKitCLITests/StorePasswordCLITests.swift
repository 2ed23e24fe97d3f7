import AIKitTesting
import Foundation
import Testing

/// A PostgreSQL password given in `--db` never reaches the output: `aikit import`'s summary, `aikit compliance list`
/// and the `data_sets` of every answer name the store without it. (The test server trusts local connections, so
/// the password is accepted and ignored.)
@Suite(.enabled(if: PostgresServer.shared.conninfo != nil, "needs a PostgreSQL server (Scripts/setup.sh --for-tests)"))
struct StorePasswordCLITests {
    @Test func thePasswordInDbIsPrintedNowhere() throws {
        let folder = NSTemporaryDirectory() + "aikit-cli-pgpw-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "pg:" + (try #require(try PostgresServer.shared.freshDatabase())) + " password=S3cretPW"
        let shown = db.replacingOccurrences(of: " password=S3cretPW", with: "")
        try "Date,Open,High,Low,Close,Volume\n2025-01-24,147.98,148.58,141.51,142.24,234657600\n".write(
            toFile: folder + "/NVDA.csv", atomically: true, encoding: .utf8)
        try ComplianceFixtures.rulePack.write(toFile: folder + "/pack.json", atomically: true, encoding: .utf8)
        let runs = [
            try AikitProcess.run(["import", "--db", db, folder + "/NVDA.csv"]),
            try AikitProcess.run(["compliance", "update", "--db", db, folder + "/pack.json"]),
            try AikitProcess.run(["compliance", "list", "--db", db, "--format", "csv"]),
            try AikitProcess.run([
                "script", "--db", db, "-e",
                "local r = compliance.check{chip='H20', destination='China', date='2026-12-01', exported_from='US'} "
                    + "print(r.data_sets[#r.data_sets]) print(market.open():path())",
            ]),
        ]
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!(run.stdout + run.stderr).contains("S3cretPW"), "\(run.stdout)\(run.stderr)")
        }
        #expect(runs[0].stderr.contains("1 rows into \(shown): 1 new"), "\(runs[0].stderr)")
        #expect(runs[2].stdout.contains("stored in \(shown)"), "\(runs[2].stdout)")
        #expect(runs[3].stdout.contains("stored in \(shown)"), "\(runs[3].stdout)")
    }
}
