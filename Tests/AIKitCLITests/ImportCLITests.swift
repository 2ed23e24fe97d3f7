import Foundation
import Frames
import Testing

/// `aikit import` as a process: concurrent writers, a reader during a write, and a kill mid-import.
@Suite(.serialized) struct ImportCLITests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "aikit-cli-import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// A synthetic daily bar file: `rows` weekdays of a smooth price path (test data, not market data).
    func barFile(_ symbol: String, rows: Int) throws -> String {
        var text = "Date,Open,High,Low,Close,Volume\n"
        text.reserveCapacity(rows * 60)
        var day: Int64 = 7305  // 1990-01-01 (a Monday), days since 1970
        for index in 0..<rows {
            if MarketTime.weekday(day * 86_400) >= 5 { day += 7 - Int64(MarketTime.weekday(day * 86_400)) }
            let date = MarketTime.format(day * 86_400)
            let close = 100 + Double(index % 100) / 10
            text += "\(date),\(close),\(close + 1),\(close - 1),\(close),\(1000 + index)\n"
            day += 1
        }
        let path = "\(folder)/\(symbol).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func count(_ db: String) throws -> (bars: Int, check: String) {
        let result = try AikitProcess.run([
            "script", "--db", db, "-e",
            "local s = market.open() local n = 0 for r in s:symbols():rows() do n = n + (r.bars or 0) end print(n) print(s:check())",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        return (Int(lines.first ?? "") ?? -1, lines.last ?? "")
    }

    @Test func importReportsAsTableCSVOrJSONAndFailsClearly() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/market.sqlite"
        let file = try barFile("AAA", rows: 10)
        let json = try AikitProcess.run(["import", "--db", db, "--format", "json", file])
        #expect(json.status == 0)
        #expect(
            json.stdout.hasPrefix(
                "[{\"file\":\"\(file)\",\"format\":\"stooq-csv\",\"kind\":\"bars\",\"rows\":10,\"inserted\":10"))
        let again = try AikitProcess.run(["import", "--db", db, "--format", "csv", file])
        #expect(again.stdout.contains(",10,0,0,10,0,AAA,"))  // rows, inserted, updated, unchanged, skipped
        let missing = try AikitProcess.run(["import", "--db", db, "\(folder)/none.csv"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr
                == "aikit: import: \(folder)/none.csv: cannot open: No such file or directory; nothing was imported\n")
    }

    /// `aikit import FOLDER` of the bundled sample: every file imported in one command (the wide sector file as the
    /// sector-ETF proxy, SOURCES.md named as not imported), then again with nothing new; the store is the same after
    /// both, and the same as `market.sample()`'s.
    @Test func theSampleFolderImportsInOneCommandTwice() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/market.sqlite"
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MarketData/Resources/sample").path
        let digest = """
            local s = (...) == 'sample' and market.sample() or market.open()
            print(s:symbols():to_csv()) print(s:sectors{}:to_csv()) print(s:events{}:to_csv())
            print(s:bars{symbols = {'NVDA', 'XLK', '^SOX'}}:to_csv())
            """
        try digest.write(toFile: "\(folder)/digest.lua", atomically: true, encoding: .utf8)
        let first = try AikitProcess.run(["import", "--db", db, "--format", "csv", sample])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("/sector_daily_pct_change.csv,sector-etf-csv,sectors,649,649,0,0,0,"))
        #expect(first.stdout.contains("/securities.csv,securities-csv,securities,32,32,0,0,0,"))
        #expect(first.stderr == "aikit: \(sample)/SOURCES.md: not imported, not a data file (.csv, .json or .txt)\n")
        let afterFirst = try AikitProcess.run(["--db", db, "\(folder)/digest.lua"])
        let second = try AikitProcess.run(["import", "--db", db, sample])
        #expect(second.status == 0)
        #expect(second.stderr.hasSuffix("2605 rows into \(db): 0 new, 0 changed, 2605 unchanged\n"), "\(second.stderr)")
        let securities = try AikitProcess.run(["import", "--db", db, sample + "/securities.csv"])
        #expect(securities.stderr.hasSuffix("32 rows into \(db): 0 new, 0 changed, 32 unchanged\n"))
        let afterSecond = try AikitProcess.run(["--db", db, "\(folder)/digest.lua"])
        let fromSample = try AikitProcess.run(["\(folder)/digest.lua", "sample"])
        #expect(afterFirst.status == 0 && afterFirst.stdout.count > 10_000, "\(afterFirst.stderr)")
        #expect(afterSecond.stdout == afterFirst.stdout)
        #expect(fromSample.stdout == afterFirst.stdout)
    }

    @Test func twoProcessesImportingIntoOneStoreBothSucceed() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try ["AAA", "BBB"].map { try barFile($0, rows: 5_000) }
        // Several rounds on new stores: both processes may also race to create the file and switch it to WAL.
        for round in 0..<4 {
            let db = "\(folder)/market\(round).sqlite"
            let group = DispatchGroup()
            nonisolated(unsafe) var results: [AikitProcess.Result?] = [nil, nil]
            for (index, file) in files.enumerated() {
                DispatchQueue.global().async(group: group) {
                    results[index] = try? AikitProcess.run(["import", "--db", db, "--format", "csv", file])
                }
            }
            group.wait()
            for result in results {
                #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
            }
            #expect(try count(db) == (10_000, "ok"))
        }
    }

    @Test func aReaderDuringAWriteSeesAConsistentSnapshot() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/market.sqlite"
        _ = try AikitProcess.run(["import", "--db", db, try barFile("AAA", rows: 1_000)])
        let big = try barFile("BBB", rows: 200_000)
        let writer = Process()
        writer.executableURL = AikitProcess.binary
        writer.arguments = ["import", "--db", db, big]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        // While the import runs, every reader sees either none or all of BBB, never part of it.
        var seen = Set<Int>()
        while writer.isRunning {
            let result = try AikitProcess.run([
                "script", "--db", db, "-e",
                "local s = market.open() local n = 0 for r in s:symbols():rows() do if r.symbol == 'BBB' then n = r.bars end end print(n)",
            ])
            if let value = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) { seen.insert(value) }
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(!seen.isEmpty, "no reader ran during the import")
        #expect(seen.isSubset(of: [0, 200_000]), "readers saw \(seen.sorted())")
        #expect(try count(db).bars == 201_000)
    }

    @Test func aProcessKilledMidImportLeavesAllOrNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = "\(folder)/market.sqlite"
        _ = try AikitProcess.run(["import", "--db", db, try barFile("AAA", rows: 1_000)])
        let big = try barFile("BBB", rows: 600_000)
        var killedMidway = 0
        for delay in [0.15, 0.4, 0.8] {
            let writer = Process()
            writer.executableURL = AikitProcess.binary
            writer.arguments = ["import", "--db", db, big]
            writer.standardOutput = FileHandle.nullDevice
            try writer.run()
            Thread.sleep(forTimeInterval: delay)
            if writer.isRunning {
                kill(writer.processIdentifier, SIGKILL)
                killedMidway += 1
            }
            writer.waitUntilExit()
            let (bars, check) = try count(db)
            #expect(check == "ok")
            #expect(bars == 1_000 || bars == 601_000, "a killed import left \(bars) bars")
            if bars == 601_000 { break }
        }
        #expect(killedMidway > 0, "every import finished before the kill; make the file larger")
    }
}
