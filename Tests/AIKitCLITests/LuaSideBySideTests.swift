import Foundation
import Testing

/// The same chunk through `lua5.4` (lua.c, installed by Scripts/setup.sh) and through `aikit script --verbose`:
/// standard output, standard error and exit status must be identical. The one normalisation: lua.c prefixes its
/// error report with its program name (`/usr/bin/lua5.4: `), aikit with `aikit: `; lines starting with the former
/// are compared as if they started with the latter. Without `--verbose` aikit prints the message and a hint instead
/// of the traceback (an intentional difference, tested in CLITests).
@Suite struct LuaSideBySideTests {
    /// lua.c as installed by Scripts/setup.sh.
    static let lua: URL? = ["/usr/bin/lua5.4", "/usr/local/bin/lua5.4"].map { URL(fileURLWithPath: $0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    struct Outcome: Equatable, CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String
        var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)---" }
    }

    /// Runs `sideCase` in a fresh folder holding `case.lua` and its extra files, through `executable` with
    /// `prefix` before the script.
    static func run(_ sideCase: SideBySideCase, executable: URL, prefix: [String]) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-side-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try sideCase.code.write(to: folder.appendingPathComponent("case.lua"), atomically: true, encoding: .utf8)
        for (name, text) in sideCase.files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let script = sideCase.scriptPart ?? (sideCase.scriptFromStandardInput ? ["-"] : ["case.lua"])
        let arguments = prefix + sideCase.interpreterArguments + script + sideCase.arguments
        let result = try AikitProcess.run(
            arguments, stdin: sideCase.scriptFromStandardInput ? sideCase.code : sideCase.stdin,
            environment: sideCase.environment, directory: folder.path, executable: executable)
        let luaPrefix = executable.path + ": "
        let stderr = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(luaPrefix) ? "aikit: " + line.dropFirst(luaPrefix.count) : String(line)
        }.joined(separator: "\n")
        return Outcome(status: result.status, stdout: result.stdout, stderr: stderr)
    }

    @Test(arguments: SideBySideCase.all)
    func sameAsLua(_ sideCase: SideBySideCase) throws {
        let lua = try #require(Self.lua, "lua5.4 is not installed: run sh Scripts/setup.sh")
        let expected = try Self.run(sideCase, executable: lua, prefix: [])
        let actual = try Self.run(
            sideCase, executable: AikitProcess.binary,
            prefix: ["script", "--verbose"] + sideCase.aikitOptions)
        #expect(actual == expected, "lua5.4:\n\(expected)\naikit:\n\(actual)")
    }

    /// `aikit FILE.lua` (no `script`) is lua.c's command line too.
    @Test(arguments: SideBySideCase.interpreterCases)
    func sameAsLuaWithoutTheWordScript(_ sideCase: SideBySideCase) throws {
        let lua = try #require(Self.lua, "lua5.4 is not installed: run sh Scripts/setup.sh")
        let expected = try Self.run(sideCase, executable: lua, prefix: [])
        let actual = try Self.run(sideCase, executable: AikitProcess.binary, prefix: ["--verbose"])
        #expect(actual == expected, "lua5.4:\n\(expected)\naikit:\n\(actual)")
    }

    /// A program written for lua.c that runs the interpreter again through `arg[-1]` (as test runners and build
    /// scripts do) runs unchanged: `aikit case.lua` and `aikit script case.lua` put the aikit binary there.
    @Test(arguments: [[], ["script"]])
    func aProgramThatRerunsTheInterpreterThroughArgRunsUnchanged(_ prefix: [String]) throws {
        let lua = try #require(Self.lua, "lua5.4 is not installed: run sh Scripts/setup.sh")
        let program = SideBySideCase(
            label: "re-run through arg[-1]",
            code: """
                local depth = tonumber((...)) or 0
                if depth > 0 then print('child', depth, arg[0], select('#', ...)) os.exit(depth) end
                local interpreter = arg[-1]
                local child = io.popen(interpreter .. ' ' .. arg[0] .. ' 1 x')
                io.write(child:read('a'))
                print(child:close())
                io.stdout:flush()
                print(os.execute(interpreter .. ' ' .. arg[0] .. ' 2'))
                local lowest = -1
                while arg[lowest - 1] do lowest = lowest - 1 end
                print(lowest, arg[lowest] == interpreter)
                print(io.popen(interpreter .. ' -e "print(1 + 1)"'):read('a'))
                """)
        let expected = try Self.run(program, executable: lua, prefix: [])
        let actual = try Self.run(program, executable: AikitProcess.binary, prefix: prefix)
        #expect(expected.stdout.contains("child\t1\tcase.lua\t2"), "\(expected)")
        #expect(actual == expected, "lua5.4:\n\(expected)\naikit:\n\(actual)")
    }

    /// lua.c's REPL runs the generational collector too (its pmain sets it before choosing script or REPL).
    @Test func theReplRunsTheGenerationalCollectorAsLua() throws {
        let result = try AikitProcess.run(["repl"], stdin: "=collectgarbage('incremental')\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("generational"), "\(result.stdout)")
    }

    @Test func thereAreEnoughCasesAndTheyAreNamedOnce() {
        #expect(SideBySideCase.all.count >= 40)
        #expect(Set(SideBySideCase.all.map(\.label)).count == SideBySideCase.all.count)
    }
}

/// A script's own hook never switches a limit off (lua.c has no limits, so these are aikit's own).
@Suite struct ScriptHooksKeepLimitsTests {
    @Test(arguments: [
        ("debug.sethook() clears the script's hook only", "debug.sethook() while true do end"),
        ("a count hook of its own", "debug.sethook(function() end, '', 1e9) while true do end"),
        ("a line hook of its own", "debug.sethook(function() end, 'l') while true do end"),
        ("a hook inside a coroutine", "coroutine.wrap(function() debug.sethook() while true do end end)()"),
        (
            "a coroutine's error is swallowed by resume",
            "print(coroutine.resume(coroutine.create(function() while true do end end))) while true do end"
        ),
    ])
    func timeLimitHolds(_ label: String, _ code: String) throws {
        let start = Date()
        let result = try AikitProcess.run(["script", "--timeout", "0.5", "-e", code])
        #expect(result.status == 1, "\(label)")
        #expect(result.stderr.contains("script exceeded its 0.5 s time limit"), "\(label): \(result.stderr)")
        // The hook stopped it, not the watchdog (the last resort, a second later, for code hooks cannot reach).
        #expect(!result.stderr.contains("watchdog"), "\(label): \(result.stderr)")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func memoryLimitHoldsWhenTheScriptReplacesTheHook() throws {
        let result = try AikitProcess.run([
            "script", "--memory", "16", "-e",
            "coroutine.wrap(function() debug.sethook() while true do pcall(string.rep, 'x', 1e8) end end)()",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("script exceeded its 16 MB memory limit"))
    }

    @Test func theScriptSeesItsOwnHookUnderALimit() throws {
        let code = """
            print(debug.gethook())
            local f = function() end
            debug.sethook(f, 'cl', 5)
            local g, mask, count = debug.gethook()
            print(g == f, mask, count)
            debug.sethook()
            print(debug.gethook())
            """
        let result = try AikitProcess.run(["script", "--timeout", "30", "--memory", "64", "-e", code])
        #expect(result.status == 0)
        #expect(result.stdout == "nil\ntrue\tcl\t5\nnil\n")
    }
}
