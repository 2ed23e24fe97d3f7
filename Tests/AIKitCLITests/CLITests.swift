import AIKitScripting
import ArgumentParser
import Foundation
import Testing

@testable import aikit

/// Runs the built `aikit` binary.
struct AikitProcess {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The binary beside the test bundle (`.build/<triple>/debug/aikit`).
    static var binary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = exe.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("aikit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "aikit")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        directory: String? = nil, executable: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let watchdog = Watchdog(process, seconds: 60)
        defer { watchdog.cancel() }
        nonisolated(unsafe) var errData = Data()
        let errorRead = DispatchGroup()
        let errorHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: errorRead) { errData = errorHandle.readDataToEndOfFile() }
        // A child that exits without reading its input (lua.c's -e with standard input not read) must not kill the
        // test process with SIGPIPE: the write fails instead, and is ignored.
        _ = ignoreBrokenPipes
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Kills a child that outlives its test, so a regression fails instead of hanging the suite.
    final class Watchdog: @unchecked Sendable {
        private let item: DispatchWorkItem
        init(_ process: Process, seconds: Double) {
            item = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
        }
        func cancel() { item.cancel() }
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
}

@Suite struct ScriptCommandTests {
    @Test func argumentsReachTheScriptAsInLua() throws {
        let script = AikitProcess.fixture("args.lua")
        let result = try AikitProcess.run(["script", "-e", "PRE = 'set'", script, "one", "--two"])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                n\t2
                varargs\tone\t--two
                arg0\t\(script)
                arg1\tone\targ2\t--two\targn\t2
                negative\ttrue
                pre\tset

                """)
    }

    @Test func errorsAreOneLineAndAHintWithoutVerbose() throws {
        let result = try AikitProcess.run(["script", AikitProcess.fixture("error.lua")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("aikit: "))
        #expect(result.stderr.hasSuffix("error.lua:2: inner failure\n  (run with --verbose for the stack traceback)\n"))
    }

    @Test func errorsExitOneWithFileLineAndTraceback() throws {
        let result = try AikitProcess.run(["script", "--verbose", AikitProcess.fixture("error.lua")])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("error.lua:2: inner failure") == true)
        #expect(lines.first?.hasPrefix("aikit: ") == true)
        #expect(lines.contains("stack traceback:"))
        #expect(lines.contains { $0.contains("error.lua:6: in local 'outer'") })
        #expect(lines.contains { $0.contains("error.lua:9: in main chunk") })
    }

    @Test func syntaxErrorsNameTheLine() throws {
        let result = try AikitProcess.run(["script", AikitProcess.fixture("syntax.lua")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("syntax.lua:4: unexpected symbol near '='"))
    }

    @Test func missingFileIsAClearError() throws {
        let result = try AikitProcess.run(["script", "/nonexistent/analysis.lua"])
        #expect(result.status == 1)
        #expect(result.stderr == "aikit: cannot open /nonexistent/analysis.lua: No such file or directory\n")
    }

    @Test func binaryFileIsRejectedNotExecuted() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-binary-\(UUID()).lua")
        try Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try AikitProcess.run(["script", path.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("aikit: \(path.path):"))
    }

    @Test func tenMegabyteOneLineScriptRuns() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-long-\(UUID()).lua")
        let count = 1_000_000
        var text = "local t = {"
        text += String(repeating: "1234567,", count: count)  // 8 MB of elements
        text += "} local s = 0 for i = 1, #t do s = s + t[i] end print(#t, s, '"
        text += String(repeating: "x", count: 2_000_000) + "' == nil)"
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        #expect(text.utf8.count > 10_000_000)
        let result = try AikitProcess.run(["script", path.path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(count)\t\(count * 1_234_567)\tfalse\n")
    }

    @Test func scriptFromStandardInputWithShebang() throws {
        let result = try AikitProcess.run(["script", "-", "a", "b"], stdin: "#!/usr/bin/aikit\nprint(arg[0], ...)\n")
        #expect(result.status == 0)
        #expect(result.stdout == "-\ta\tb\n")
    }

    @Test func executeAndRequireRunInOrderBeforeTheScript() throws {
        let result = try AikitProcess.run([
            "script", "-e", "x = 1", "-l", "str=string", "-e", "print(x, str.upper('ok'))",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "1\tOK\n")
    }

    @Test func osExitIsHonoured() throws {
        let result = try AikitProcess.run(["script", AikitProcess.fixture("exit.lua"), "5"])
        #expect(result.status == 5)
        #expect(result.stdout == "before exit\n")
    }

    @Test func errorInsideGcDoesNotCrash() throws {
        let result = try AikitProcess.run(["script", AikitProcess.fixture("gc_error.lua")])
        #expect(result.status == 0)
        #expect(result.stdout == "survived\n")
    }

    @Test func coroutineYieldingAcrossACBoundaryIsAnError() throws {
        let result = try AikitProcess.run(["script", AikitProcess.fixture("coroutine_yield.lua")])
        #expect(result.status == 0)
        #expect(result.stdout == "false\tattempt to yield across a C-call boundary\n{ 1 }\t{ 2 }\t{ 3 }\n")
    }

    @Test func timeoutIsReportedAndNotSwallowed() throws {
        let result = try AikitProcess.run([
            "script", "--timeout", "0.3", "-e", "while true do pcall(function() while true do end end) end",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("script exceeded its 0.3 s time limit"))
    }

    @Test func memoryLimitIsReported() throws {
        let result = try AikitProcess.run([
            "script", "--memory", "16", "-e", "local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(64) .. i end",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("aikit: script exceeded its 16 MB memory limit"))
    }

    @Test func stackOverflowIsAnErrorNotACrash() throws {
        let result = try AikitProcess.run(["script", "-e", "local function r() return 1 + r() end r()"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("stack overflow"))
    }

    /// lua.c prints the traceback of an interrupt (`spin.lua:1: interrupted!` and the stack); a tripped limit used
    /// to raise again in the call hook of the traceback handler itself, so the report came without its stack.
    @Test(arguments: [false, true])
    func verboseShowsTheTracebackOfAStoppedScript(_ interrupt: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-stop-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let code =
            "local function spin()\n  io.stdout:write('ready\\n') io.stdout:flush() while true do end\nend\nspin()\n"
        try code.write(to: folder.appendingPathComponent("spin.lua"), atomically: true, encoding: .utf8)
        let (status, message) = try Self.runUntilReady(
            ["script", "--verbose"] + (interrupt ? [] : ["--timeout", "0.5"]) + ["spin.lua"], in: folder,
            interrupt: interrupt)
        #expect(status == 1)
        // As lua.c 5.4.4 (checked side by side): the position is the caller's, as luaL_error in a hook gives (or
        // spin's own line when the signal lands during its write or flush).
        let what = interrupt ? "interrupted!" : "script exceeded its 0.5 s time limit"
        #expect(message.hasPrefix("aikit: spin.lua:"), "\(message)")
        #expect(message.contains(": \(what)\nstack traceback:\n"), "\(message)")
        #expect(message.contains("spin.lua:2: in local 'spin'\n\tspin.lua:4: in main chunk"), "\(message)")
    }

    @Test func interruptStopsTheScript() throws {
        let (status, message) = try Self.runUntilReady(
            ["script", "-e", "io.stdout:write('ready\\n') io.stdout:flush() while true do end"], interrupt: true)
        #expect(status == 1)
        #expect(message.contains("interrupted!"))
    }

    /// Ctrl-C reaches a C loop that calls the C function the chunk runs in (taken with debug.getinfo): the hook
    /// raises at that function's call, which it skips only for the outermost one (whose return, after the error,
    /// would otherwise replace the error being reported).
    @Test func interruptStopsACLoopCallingTheChunksOwnCFunction() throws {
        let started = Date()
        let (status, message) = try Self.runUntilReady(
            [
                "script", "-e",
                "local main = debug.getinfo(2, 'f').func local s = string.rep('x', 4e7) "
                    + "io.stdout:write('ready\\n') io.stdout:flush() string.gsub(s, '.', main) print('finished')",
            ], interrupt: true, after: 0.5)  // well inside string.gsub
        #expect(status == 1)
        #expect(message.contains("interrupted!"), "\(message)")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// Runs aikit until it writes a line to standard output, interrupts it if asked, and returns its exit status
    /// and standard error.
    static func runUntilReady(
        _ arguments: [String], in folder: URL? = nil, interrupt: Bool, after delay: Double = 0
    ) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = AikitProcess.binary
        if let folder { process.currentDirectoryURL = folder }
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = AikitProcess.Watchdog(process, seconds: 20)
        defer { watchdog.cancel() }
        _ = out.fileHandleForReading.availableData  // "ready"
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        if interrupt { process.interrupt() }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    /// lua.c's `-i`: the version line, the script, then the REPL in the same state (here reading standard input).
    @Test func dashIEntersTheReplAfterTheScriptInItsState() throws {
        let result = try AikitProcess.run(["-i", "-e", "y = 5"], stdin: "print(y + 1)\n=y\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Lua 5.4"))
        #expect(result.stdout.hasSuffix("6\n5\n"), "\(result.stdout)")
    }

    /// `aikit FILE` for a file that is no command: run as a script, as `lua FILE` would (a plugin command of the
    /// same name would win); a name that is neither stays an unknown command.
    @Test func aFileWithoutTheLuaSuffixRunsAsAScript() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-bare-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "print('bare', ...)".write(to: folder.appendingPathComponent("tool"), atomically: true, encoding: .utf8)
        let result = try AikitProcess.run(["tool", "a"], directory: folder.path)
        #expect(result.status == 0 && result.stdout == "bare\ta\n", "\(result.stderr)")
        let missing = try AikitProcess.run(["nosuchthing"], directory: folder.path)
        #expect(missing.status == 64 && missing.stderr.contains("unknown command 'nosuchthing'"))
    }

    /// Every command and subcommand answers -h, --help and `aikit help COMMAND` with its help.
    @Test func everyCommandHasHelp() throws {
        func paths(_ command: any ParsableCommand.Type, _ prefix: [String]) -> [[String]] {
            command.configuration.subcommands.flatMap { sub -> [[String]] in
                let path = prefix + [sub._commandName]
                return [path] + paths(sub, path)
            }
        }
        let all = paths(Aikit.self, [])
        #expect(all.count >= 8)
        for path in all {
            for form in [path + ["-h"], path + ["--help"], ["help"] + path] {
                let result = try AikitProcess.run(form)
                #expect(result.status == 0, "\(form): \(result.stderr)")
                #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(form): \(result.stdout)")
            }
        }
    }

    @Test(arguments: [["script", "--help"], ["script", "-h"], ["-e", "x", "--help"], ["help", "script"]])
    func scriptHelpIsShownWhereverItIsAskedFor(_ arguments: [String]) throws {
        let result = try AikitProcess.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: aikit script"), "\(result.stdout)")
        #expect(result.stdout.contains("-i ") && result.stdout.contains("--allow <NAME:PERM>"))
        #expect(result.stdout.contains("net, read:FOLDER"), "--allow names every permission, net included")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let result = try AikitProcess.run(["script", "--timeout=-2", "x.lua"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--timeout must be a positive number of seconds"))
        let unknown = try AikitProcess.run(["script", "-x", "x.lua"])
        #expect(unknown.status == 1)  // as lua.c
        #expect(unknown.stderr.hasPrefix("aikit: unrecognized option '-x'\nusage: aikit [script] [options]"))
        // No script and a standard input that is not a terminal: standard input is the script, as in lua.c.
        let piped = try AikitProcess.run(["script"], stdin: "print(1 + 1)")
        #expect(piped.status == 0 && piped.stdout == "2\n", "\(piped.stderr)")
        // An error there is reported without failing, as lua.c's dofile(NULL); aikit's own limits still fail the run.
        let failing = try AikitProcess.run(["script"], stdin: "error('boom')")
        #expect(failing.status == 0 && failing.stderr.hasPrefix("aikit: stdin:1: boom"), "\(failing.stderr)")
        let limited = try AikitProcess.run(["script", "--timeout", "0.3"], stdin: "while true do end")
        #expect(limited.status == 1 && limited.stderr.contains("time limit"), "\(limited.stderr)")
    }
}

@Suite struct ReplCommandTests {
    /// The terminal's Tab goes through the kernel's completion path: option keys inside a call's braces, also when
    /// the call was opened on a pending line (it used to complete libedit's word alone: `ch` gave `chart`).
    @Test func terminalCompletionOffersOptionKeysAsTheKernelDoes() throws {
        let session = ReplSession(host: try ScriptEnvironment(), output: { _ in }, errorOutput: { _ in })
        let line = "r = compliance.check{ ch"
        let terminal = TerminalRepl.candidates(line: line, cursor: line.count, word: "ch", session: session)
        #expect(terminal == ["chip"])
        let notebook = NotebookSession(host: session.host, capture: nil)
        #expect(notebook.complete(line, cursor: line.count).matches == terminal)
        // The cursor mid-line: what follows it does not count.
        #expect(
            TerminalRepl.candidates(line: line + " = 1", cursor: line.count, word: "ch", session: session) == ["chip"])
        // Across lines: the call opened on a line the session holds as an incomplete chunk.
        session.feed("r = compliance.check{")
        #expect(TerminalRepl.candidates(line: "  dest", cursor: 6, word: "dest", session: session) == ["destination"])
        #expect(
            TerminalRepl.candidates(
                line: "x = aik", cursor: 7, word: "aik",
                session: ReplSession(
                    host: try ScriptEnvironment(), output: { _ in }, errorOutput: { _ in })) == ["aikit"])
    }

    @Test func pipedInputPrintsResultsWithoutPrompts() throws {
        let result = try AikitProcess.run(
            ["repl"], stdin: "1 + 2\nlocal t = {1}\nfor i = 1, 2 do\nprint(i)\nend\n=aikit.version\n")
        #expect(result.status == 0)
        #expect(result.stdout == "3\n1\n2\n\"0.1.0\"\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func errorsDoNotEndThePipedSession() throws {
        let result = try AikitProcess.run(["repl"], stdin: "error('x')\n=1\n")
        #expect(result.status == 0)
        #expect(result.stdout == "1\n")
        #expect(result.stderr.hasPrefix("stdin:1: x\nstack traceback:"))
    }

    @Test func noArgumentsWithoutATerminalPrintsHelp() throws {
        let result = try AikitProcess.run([])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: aikit"))
    }
}

@Suite struct MainJobTests {
    static let analysis = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/analysis.lua").path

    /// The README's main command: the DeepSeek-shock report on the bundled sample, checked against the moves
    /// reported at the time (SOURCES.md: NVDA -16.97%, S&P 500 -1.46%, XLK -4.90%, XLP +2.71%).
    @Test func analysisRunsOnTheBundledSample() throws {
        let result = try AikitProcess.run(["script", Self.analysis])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("NVDA") && $0.contains("-16.97%") })
        #expect(lines.contains { $0.hasPrefix("^GSPC") && $0.contains("-1.46%") })
        #expect(lines.contains { $0.contains("Information Technology") && $0.contains("-4.90%") })
        #expect(lines.contains { $0.contains("Consumer Staples") && $0.contains("+2.71%") })
        // The sample's stocks joined to their sectors: the power producers (VST, CEG) fell hardest.
        #expect(
            lines.contains { $0.hasPrefix("  Utilities") && $0.contains("-24.56%") && $0.contains("worst -28.27%") })
        // The cost section: Table 1's total and dollars, and the serving day's cost at 226.75 nodes.
        #expect(lines.contains { $0.contains("DeepSeek-V3") && $0.contains("2.788M") && $0.contains("5.576M") })
        #expect(
            lines.contains { $0.hasPrefix("Serving day:") && $0.contains("cost $87072") && $0.contains("margin 545.") })
        // DeepSeek-V3 three ways: the rental figure, an owner's cost by Epoch AI's method with the run's energy and the
        // cluster's power, and the fleet what-if carrying its evidence level.
        #expect(lines.contains { $0.contains("rental at $2/GPU-hour") && $0.contains("5.576") })
        #expect(
            lines.contains {
                $0.contains("owner, Epoch AI's method") && $0.contains("5.921") && $0.contains("3332")
                    && $0.contains("3.26")
            })
        #expect(lines.contains { $0.contains("fleet while V3 trained") && $0.hasSuffix(" S") })
        #expect(lines.contains { $0.hasPrefix("  Power:") && $0.contains("VST -28.27%") && $0.contains("CEG -20.85%") })
        // The compliance engine's reasons: the H800 passed the 2022 rule (interconnect) and not the 2023 one (TPP).
        #expect(lines.contains { $0.hasPrefix("  2023-06-01: not controlled") && $0.contains("I/O bandwidth") })
        #expect(
            lines.contains { $0.hasPrefix("  2023-11-20: licence required (3A090.a") && $0.contains("88 FR 73458") })
        #expect(lines.contains { $0.hasPrefix("  H800") && $0.contains("free") && $0.contains("licence: denial") })
    }

    static func script(_ name: String) -> String {
        URL(fileURLWithPath: analysis).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The other analyst scripts run on the bundled data and say what the engines derive.
    @Test func analystScriptsRun() throws {
        let screening = try AikitProcess.run(["script", Self.script("screen_parties.lua")])
        #expect(screening.status == 0, "\(screening.stderr)")
        let lines = screening.stdout.split(separator: "\n").map(String.init)
        // Listed on 2019-05-16: no match the day before, a match afterwards; Zhipu likewise around 2025-01-16.
        #expect(lines.contains { $0.hasPrefix("HUAWEI TECHNOLOGIES COMPANY LIMITED") && $0.hasSuffix("no match") })
        #expect(lines.contains { $0.hasPrefix("Huawei Technologies Co Ltd") && $0.contains("84 FR 22961") })
        #expect(lines.contains { $0.contains("2025-01-10") && $0.hasSuffix("no match") })
        #expect(lines.contains { $0.hasPrefix("Microsoft Corporation") && $0.hasSuffix("no match") })
        let timeline = try AikitProcess.run(["script", Self.script("export_timeline.lua")])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        #expect(timeline.stdout.contains("2025-04-09 →"))  // the H20 letter
        let whatIf = try AikitProcess.run(["script", Self.script("cost_whatif.lua"), "--mfu", "0.3"])
        #expect(whatIf.status == 0, "\(whatIf.stderr)")
        #expect(whatIf.stdout.contains("MFU 30%") && whatIf.stdout.contains("Ascend 910C"))
        let badOption = try AikitProcess.run(["script", Self.script("cost_whatif.lua"), "--nope", "1"])
        #expect(badOption.status == 2)
    }

    /// `--live` with a key but no way to reach the provider (here: nothing listens at the base URL): one line
    /// saying so, then the report on the bundled sample, as without a key; the store is left without rows.
    @Test func liveOfflineSaysSoInOneLineAndUsesTheSample() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-offline-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = [
            "FMP_API_KEY": "test-key", "AIKIT_FMP_BASE_URL": "http://127.0.0.1:9", "XDG_DATA_HOME": folder,
            "XDG_CONFIG_HOME": folder, "XDG_CACHE_HOME": folder,
        ]
        let result = try AikitProcess.run(
            ["script", Self.analysis, "--live", "--store", folder + "/live.sqlite"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(
            lines.first?.hasPrefix("analysis.lua: --live: offline, using the bundled sample (fmp SPY: cannot reach ")
                == true, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("NVDA") && $0.contains("-16.97%") })
    }

    @Test(arguments: [
        (["--gpus", "abc"], "cost_whatif.lua: --gpus must be a whole number of GPUs (1 or more), got 'abc'"),
        (["--gpus", "0"], "cost_whatif.lua: --gpus must be a whole number of GPUs (1 or more), got '0'"),
        (["--gpus"], "cost_whatif.lua: --gpus must be a whole number of GPUs (1 or more), got nothing"),
        (["--mfu", "high"], "cost_whatif.lua: --mfu must be a fraction above 0 and at most 1, got 'high'"),
    ])
    func costWhatIfNamesABadValue(_ arguments: [String], _ message: String) throws {
        let result = try AikitProcess.run(["script", Self.script("cost_whatif.lua")] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
    }

    @Test func analysisWritesCSVAndJSONForPipes() throws {
        let csv = try AikitProcess.run(["script", Self.analysis, "--format", "csv", "--symbols", "NVDA,^IXIC"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "symbol,return,beta,abnormal,car")
        #expect(lines.count == 3 && lines[1].hasPrefix("NVDA,-0.16968"))
        let json = try AikitProcess.run(["script", Self.analysis, "--format", "json", "--symbols", "NVDA"])
        #expect(json.stdout.hasPrefix("[{\"symbol\":\"NVDA\",\"return\":-0.16968"))
    }

    @Test func analysisRejectsBadOptionsAndDates() throws {
        let bad = try AikitProcess.run(["script", Self.analysis, "--nope", "1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown or incomplete option '--nope' (argument #1)"))
        // A market holiday moves day 0 to the next trading day, and says so.
        let holiday = try AikitProcess.run(["script", Self.analysis, "--event", "2025-01-20"])
        #expect(holiday.status == 0)
        #expect(holiday.stderr.contains("2025-01-20 is not a trading day; day 0 is 2025-01-21"))
        let outside = try AikitProcess.run(["script", Self.analysis, "--event", "2026-01-05"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("is after SPY's last trading day (2025-02-28)"), "\(outside.stderr)")
        let unknown = try AikitProcess.run(["script", Self.analysis, "--symbols", "NVDA,NVDAA"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean NVDA?"), "\(unknown.stderr)")
    }
}

@Suite struct PluginCommandTests {
    /// The shipped example plugins (./Plugins) as CLI commands, listed by `aikit plugins` and `aikit --help`.
    @Test func shippedPluginsRunAsCommands() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-cache-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let environment = ["XDG_CACHE_HOME": cache, "XDG_CONFIG_HOME": cache + "/config"]
        let list = try AikitProcess.run(["plugins"], environment: environment)
        #expect(list.status == 0)
        #expect(list.stdout.contains("export_matrix") && list.stdout.contains("training_cost"))
        let help = try AikitProcess.run(["--help"], environment: environment)
        #expect(help.stdout.contains("PLUGIN COMMANDS:") && help.stdout.contains("export-matrix"))
        let matrix = try AikitProcess.run(
            ["export-matrix", "China", "2023-06-01", "2023-11-20"], environment: environment)
        #expect(matrix.status == 0, "\(matrix.stderr)")
        #expect(matrix.stdout.split(separator: "\n").contains { $0.hasPrefix("H800") && $0.contains("not controlled") })
        let study = try AikitProcess.run(["event-study", "NVDA,VST", "2025-01-27"], environment: environment)
        #expect(study.status == 0, "\(study.stderr)")
        #expect(study.stdout.split(separator: "\n").contains { $0.hasPrefix("NVDA") && $0.contains("-0.137") })
        let store = try AikitProcess.run(["event-study", "--store", "/nonexistent/m.sqlite"], environment: environment)
        #expect(store.status == 1)
        #expect(
            store.stderr.contains(
                "market.open: plugin 'event_study' may not write /nonexistent/m.sqlite; grant it with --allow event_study:write:/nonexistent"
            ))
        let bad = try AikitProcess.run(["training-cost", "DeepSeek-V3"], environment: environment)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("usage: aikit training-cost MODEL GPU TOKENS MFU PRICE [GPUS]"))
        let unknown = try AikitProcess.run(["no-such-command"], environment: environment)
        #expect(unknown.status == 64)
    }

    @Test func scriptsReachPluginsAndGrantsComeFromTheCommandLine() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-cache-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let result = try AikitProcess.run(
            [
                "script", "--allow", "export_matrix:exec", "-e",
                "local rows = plugins.export_matrix['export-matrix']('China', '2025-04-20') print(#rows, rows[5].chip)",
            ],
            environment: ["XDG_CACHE_HOME": cache, "XDG_CONFIG_HOME": cache + "/config"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("8\tH20\n"))
        let badGrant = try AikitProcess.run(["script", "--allow", "nonsense", "-e", "print(1)"])
        #expect(badGrant.status == 64)
        #expect(badGrant.stderr.contains("--allow takes PLUGIN:PERMISSION"))
    }
}
