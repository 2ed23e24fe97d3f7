import Foundation
import Testing

/// Store and file faults seen from the command line: each is a clear error (or works), never a crash or a silent loss.
@Suite struct StoreFaultCLITests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "aikit-cli-faults-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    @Test(arguments: ["a", "ab", "./a"])
    func aStoreNamedByAShortRelativePathOpens(name: String) throws {
        defer { remove() }
        let result = try AikitProcess.run(
            ["script", "-e", "local s = market.open('\(name)') print(s:path(), s:check())"],
            directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(name)\tok\n")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name)"))
    }
}

/// Files a script writes: a failed write is an error naming the file and the reason, and never leaves half a file.
@Suite struct FileWriteCLITests {
    static let frame = "local f = market.frame{time = {1, 2, 3}, value = {1.5, 2.5, 3.5}}"

    @Test func aFullDeviceIsAnErrorNotASuccess() throws {
        let result = try AikitProcess.run(["script", "-e", "\(Self.frame) print(f:to_csv('/dev/full'))"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr.hasPrefix(
                "aikit: (command line):1: Frame:to_csv: cannot write /dev/full: No space left on device\n"),
            "\(result.stderr)")
    }

    @Test func theAnalysisHTMLReportOnAFullDeviceIsAnError() throws {
        let result = try AikitProcess.run(["script", MainJobTests.analysis, "--html", "/dev/full"])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("wrote /dev/full"))
        #expect(
            result.stderr.contains("chart.report: cannot write /dev/full: No space left on device"), "\(result.stderr)")
    }

    @Test func aWriteThatFailsLeavesTheOldFileWhole() throws {
        let folder = NSTemporaryDirectory() + "aikit-cli-write-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/out.csv"
        try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        // A 1 KiB file size limit (with SIGXFSZ ignored, writes past it fail with EFBIG) stands in for a full disk.
        let big =
            "local t, v = {}, {} for i = 1, 2000 do t[i] = i v[i] = i / 3 end "
            + "local f = market.frame{time = t, value = v}"
        let limited = try AikitProcess.run(
            [
                "-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" script -e \"$1\"",
                AikitProcess.binary.path, "\(big) print(f:to_csv('\(path)'))",
            ], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("cannot write \(path): File too large"), "\(limited.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
        // The same write without the limit replaces the file and keeps its permission bits.
        let unlimited = try AikitProcess.run(["script", "-e", "\(big) print(f:to_csv('\(path)'))"])
        #expect(unlimited.stdout == "2000\n", "\(unlimited.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("time,value\n1,0.3333333333333333\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }
}

/// A store file and folder this user cannot write (tests running as root, who can write anything, run aikit as
/// `nobody` for this).
@Suite(
    .enabled(
        if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
        "running as root needs runuser to run aikit as nobody"))
struct ReadOnlyStoreCLITests {
    @Test func aReadOnlyStoreCanBeQueriedAndAnImportSaysItIsReadOnly() throws {
        let folder = "/tmp/aikit-cli-readonly-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer {
            chmod(folder, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let db = "\(folder)/market.sqlite"
        let csv = "\(folder)/NVDA.csv"
        try "Date,Open,High,Low,Close,Volume\n2025-01-24,1,2,0.5,1.5,100\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let first = try AikitProcess.run(["import", "--db", db, csv])
        #expect(first.status == 0, "\(first.stderr)")
        chmod(db, 0o444)
        chmod(folder, 0o555)
        var prefix: [String] = []
        var executable: URL?
        if getuid() == 0 {
            prefix = ["-u", "nobody", "--", AikitProcess.binary.path]
            executable = URL(fileURLWithPath: "/usr/sbin/runuser")
        }
        let read = try AikitProcess.run(
            prefix + [
                "script", "--db", db, "-e",
                "local s = market.open() print(#s:bars{}, s:check())",
            ], executable: executable)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "1\tok\n")
        let write = try AikitProcess.run(prefix + ["import", "--db", db, csv], executable: executable)
        #expect(write.status == 1)
        #expect(
            write.stderr == "aikit: import: market store \(db) is read-only: no write permission on the file; "
                + "nothing was imported\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["NVDA.csv", "market.sqlite"])
    }
}

/// Series and events added from Lua pass the importers' checks.
@Suite struct LuaRecordChecksCLITests {
    /// What `code` prints after `local s = market.open(':memory:')`.
    func output(_ code: String) throws -> String {
        let result = try AikitProcess.run(["script", "-e", "local s = market.open(':memory:') " + code])
        return result.stdout + result.stderr
    }

    @Test(arguments: [
        (
            "print(pcall(s.add_series, s, 'x', {time = {'2025-01-02', '2025-01-03'}, value = {1, math.huge}}))",
            "series 'x': value 2 (inf) is not a finite number"
        ),
        (
            "print(pcall(s.add_event, s, {date = '2025-01-27', title = 'a\\nb'}))",
            "title 'a?b' contains a control character (U+000A)"
        ),
        (
            "print(pcall(s.add_series, s, 'x', {time = {'2025-01-02', '9999-12-31'}, value = {1, 2}}))",
            "series 'x': time 2 (9999-12-31) is outside the dates aikit stores (1000-01-01 to 2999-12-31)"
        ),
        (
            "print(pcall(s.add_event, s, {date = '9999-12-31', title = 'Doomsday'}))",
            "date 9999-12-31 is outside the dates aikit stores (1000-01-01 to 2999-12-31)"
        ),
    ])
    func addSeriesAndAddEventRefuseWhatAnImportWould(code: String, message: String) throws {
        let printed = try output(code)
        #expect(printed.hasPrefix("false\t") && printed.hasSuffix(message + "\n"), "\(printed)")
    }

    @Test func goodSeriesAreStillAdded() throws {
        #expect(try output("print(s:add_series('x', {time = {'2025-01-02'}, value = {2.5}}).inserted)") == "1\n")
    }
}

/// Party lists, like market files, are read from regular files only: a FIFO is refused instead of blocking.
@Suite struct PartyListSourceCLITests {
    @Test func aFIFOIsRefusedAtOnce() throws {
        let folder = NSTemporaryDirectory() + "aikit-cli-fifo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = "\(folder)/csl.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try AikitProcess.run(["script", "-e", "print(pcall(compliance.import_parties, '\(fifo)'))"])
        #expect(
            result.stdout.hasSuffix(
                "cannot read \(fifo): is a FIFO (named pipe), not a regular file; aikit reads data from files "
                    + "(save the stream to a file first))\n"), "\(result.stdout)\(result.stderr)")
    }
}
