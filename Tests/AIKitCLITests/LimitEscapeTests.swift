import AIKitTesting
import Foundation
import Testing

/// Limits a script must not slip: code Lua runs with hooks off (finalizers, error handlers, closing the state) is
/// stopped by the watchdog, and a memory failure swallowed by pcall still ends the script.
@Suite struct LimitEscapeTests {
    @Test(arguments: [
        (
            "finalizer run by collectgarbage",
            "setmetatable({}, {__gc = function() while true do end end}) collectgarbage() print('after')"
        ),
        ("finalizer run at close", "keep = setmetatable({}, {__gc = function() while true do end end})"),
        ("xpcall message handler", "xpcall(function() error('x') end, function() while true do end end)"),
        ("error object's __tostring", "error(setmetatable({}, {__tostring = function() while true do end end}))"),
    ])
    func timeLimitHoldsWhereHooksAreOff(_ label: String, _ code: String) throws {
        let start = Date()
        let result = try AikitProcess.run(["script", "--timeout", "1", "-e", code])
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 1, "\(label): \(result.stderr)")
        #expect(result.stderr.contains("exceeded its 1 s time limit"), "\(label): \(result.stderr)")
        #expect(elapsed < 10, "\(label) ran \(elapsed) s")
        #expect(!result.stdout.contains("after"))
    }

    @Test(arguments: [
        "print(pcall(string.rep, 'x', 1e9)) print('still here')",
        "local ok = pcall(string.rep, 'x', 1e9)",
        "coroutine.wrap(function() pcall(string.rep, 'x', 1e9) end)() print('still here')",
    ])
    func memoryLimitCannotBeSwallowed(_ code: String) throws {
        let result = try AikitProcess.run(["script", "--memory", "50", "-e", code])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("exceeded its 50 MB memory limit"), "\(result.stderr)")
        #expect(!result.stdout.contains("still here"))
    }

    @Test func replEntriesHaveATimeLimit() throws {
        let result = try AikitProcess.run(["repl", "--timeout", "0.5"], stdin: "while true do end\nprint('next')\n")
        #expect(result.stderr.contains("exceeded its 0.5 s time limit"), "\(result.stderr)")
        #expect(result.stdout.contains("next"))
    }
}

/// Work done in Swift on a script's behalf is bounded by the script's limits too.
@Suite struct HostWorkLimitTests {
    static let sweep = """
        local gpus, mfus, prices = {}, {}, {}
        for i = 1, 200 do gpus[i] = 1024 * i end
        for i = 1, 100 do mfus[i] = i / 200 end
        for i = 1, 100 do prices[i] = i / 10 end
        local ok, err = pcall(cost.sweep, {model = 'DeepSeek-V3', tokens = 14.8e12, gpu = {'H800'}, gpus = gpus, mfu = mfus, price = prices})
        print('still here', ok, err)
        """

    @Test func aSweepThatWouldNotFitIsRefusedBeforeItRuns() throws {
        let start = Date()
        let result = try AikitProcess.run(["script", "--memory", "50", "--timeout", "20", "-e", Self.sweep])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("exceeded its 50 MB memory limit"), "\(result.stderr)")
        #expect(!result.stdout.contains("still here"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func framesHeldByTheScriptCountAgainstItsMemory() throws {
        let result = try AikitProcess.run([
            "script", "--memory", "50", "-e",
            "local s, keep = market.sample(), {} for i = 1, 100000 do keep[i] = s:bars() end print('still here')",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("exceeded its 50 MB memory limit"), "\(result.stderr)")
        #expect(!result.stdout.contains("still here"))
        // Frames that are dropped are collected and stop counting.
        let dropped = try AikitProcess.run([
            "script", "--memory", "50", "-e",
            "local s = market.sample() for i = 1, 3000 do local f = s:bars() end print('still here')",
        ])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(dropped.stdout.contains("still here"))
    }

    @Test func screeningAHugeNameIsRefusedAtOnce() throws {
        let result = try AikitProcess.run([
            "script", "--timeout", "5", "-e", "print(pcall(compliance.screen, string.rep('Huawei ', 10000)))",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("screening takes names of at most 1000"), "\(result.stdout)")
    }
}

/// A plugin's time limit holds while its state closes (finalizers run then with hooks off).
@Suite struct PluginCloseLimitTests {
    @Test func aFinalizerLoopingAtCloseIsStopped() throws {
        let fixture = try PluginFixture(prefix: "aikit-close")
        try fixture.write(
            "plugins/stuck.lua",
            """
            keep = setmetatable({}, {__gc = function() while true do end end})
            return aikit.plugin{name = "stuck", version = "1.0", commands = {stuck = {run = function() print("ran") end}}}
            """)
        try fixture.write("config/aikit/config.toml", "[plugins.stuck]\ntime_limit = 1\n")
        let start = Date()
        let result = try AikitProcess.run(["stuck"], environment: fixture.environment())
        #expect(result.stdout.contains("ran"))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("plugin 'stuck' exceeded its 1 s time limit"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(start) < 15)
    }
}

@Suite struct SecondInterruptTests {
    /// As in lua.c: the first Ctrl-C asks the running code to stop; a second one ends a process stuck where Lua
    /// cannot be interrupted (here a finalizer, which runs with hooks off).
    @Test func aSecondCtrlCEndsCodeTheHookCannotReach() throws {
        let process = Process()
        process.executableURL = AikitProcess.binary
        process.arguments = [
            "script", "-e",
            "setmetatable({}, {__gc = function() io.stdout:write('ready\\n') io.stdout:flush() while true do end end}) collectgarbage()",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let watchdog = AikitProcess.Watchdog(process, seconds: 20)
        defer { watchdog.cancel() }
        _ = out.fileHandleForReading.availableData  // "ready"
        process.interrupt()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(process.isRunning)  // the finalizer is out of the hook's reach
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGINT)
    }
}
