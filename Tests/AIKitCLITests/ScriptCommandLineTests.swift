import AIKitScripting
import Testing

@testable import aikit

/// `aikit [script] …` read as lua.c 5.4 reads its command line (ScriptRequest.parse), and which command lines
/// reach it (Aikit.scriptCommandLine).
@Suite struct ScriptCommandLineTests {
    @Test func everyLuaCFormIsRead() throws {
        let request = try ScriptRequest.parse([
            "-eA=1", "-e", "B=2", "-lm", "-l", "g=mod", "-W", "-E", "-v", "-i", "f.lua", "-x", "--help",
        ])
        #expect(request.steps == [.execute("A=1"), .execute("B=2"), .require("m"), .require("g=mod"), .warningsOn])
        #expect(request.ignoreEnvironment && request.showVersion && request.interactive && !request.help)
        #expect(request.scriptIndex == 10)
    }

    @Test func aikitsOptionsSitAmongLuaCs() throws {
        let request = try ScriptRequest.parse([
            "--timeout", "2", "-e", "x", "--memory=64.5", "--verbose", "--allow", "p:net", "--db", "pg:x", "-",
        ])
        #expect(request.timeout == 2 && request.memory == 64.5 && request.verbose)
        #expect(request.allow == ["p:net"] && request.db == "pg:x" && request.scriptIndex == 10)
    }

    @Test(
        arguments: [
            (["--", "-"], 1, true), (["--"], nil, false), (["-"], 0, false), (["-e", "x"], nil, false),
        ] as [([String], Int?, Bool)])
    func theScriptIsWhereLuaCFindsIt(_ arguments: [String], _ index: Int?, _ dashIsAFile: Bool) throws {
        let request = try ScriptRequest.parse(arguments)
        #expect(request.scriptIndex == index)
        let invocation = request.invocation(programName: "aikit", standardInputIsTerminal: false)
        #expect(invocation.dashNamesAFile == dashIsAFile)
        #expect(invocation.commandLine == ["aikit"] + arguments)
        #expect(invocation.scriptIndex == (index.map { $0 + 1 } ?? 0))
    }

    @Test(arguments: [
        (["-x"], "unrecognized option '-x'"), (["-e"], "'-e' needs argument"), (["-e", "-1"], "'-e' needs argument"),
        (["-vx"], "unrecognized option '-vx'"), (["--x"], "unrecognized option '--x'"),
        (["--timeout", "soon", "f"], "--timeout must be a positive number of seconds, got 'soon'"),
        (["--memory", "-5", "f"], "--memory must be a positive number of megabytes, got '-5'"),
        (["--timeout", "1", "--timeout", "2", "f"], "--timeout is given twice"),
        (["--timeout"], "'--timeout' needs argument"),
    ])
    func mistakesAreNamed(_ arguments: [String], _ message: String) {
        #expect(throws: ScriptRequest.UsageError.self) { try ScriptRequest.parse(arguments) }
        do {
            _ = try ScriptRequest.parse(arguments)
        } catch {
            #expect(error.message == message)
            #expect(error.status == (message.hasPrefix("--") ? 64 : 1), "lua.c's own mistakes exit 1, as lua.c")
        }
    }

    @Test func standardInputIsTheScriptOnlyWhenNothingElseRuns() throws {
        let none = try ScriptRequest.parse([])
        #expect(none.invocation(programName: "a", standardInputIsTerminal: false).readsStandardInput)
        #expect(!none.invocation(programName: "a", standardInputIsTerminal: true).readsStandardInput)
        #expect(none.startsRepl(standardInputIsTerminal: true))
        for arguments in [["-e", "x"], ["-v"]] {
            let request = try ScriptRequest.parse(arguments)
            #expect(!request.invocation(programName: "a", standardInputIsTerminal: false).readsStandardInput)
            #expect(!request.startsRepl(standardInputIsTerminal: true))
        }
        #expect(
            try ScriptRequest.parse(["-l", "m"]).invocation(programName: "a", standardInputIsTerminal: false)
                .readsStandardInput)
    }

    @Test(arguments: [
        (["script", "f.lua"], ["f.lua"]), (["--allow", "p:exec", "script", "-"], ["--allow", "p:exec", "-"]),
        (["f.lua", "a"], ["f.lua", "a"]), (["dir/f", "a"], ["dir/f", "a"]), (["-e", "x"], ["-e", "x"]),
        (["-lm"], ["-lm"]), (["-"], ["-"]), (["--"], ["--"]), (["-i"], ["-i"]), (["-v"], ["-v"]),
        (["--timeout=2", "f"], ["--timeout=2", "f"]), (["--verbose", "f"], ["--verbose", "f"]),
    ])
    func luaCCommandLinesReachTheScriptRunner(_ arguments: [String], _ expected: [String]) {
        #expect(Aikit.scriptCommandLine(arguments) == expected)
    }

    @Test(arguments: [["import", "x.lua"], ["-h"], ["--help"], ["--version"], ["help"], ["myplugin"], []])
    func otherCommandLinesDoNot(_ arguments: [String]) {
        #expect(Aikit.scriptCommandLine(arguments) == nil)
    }
}
