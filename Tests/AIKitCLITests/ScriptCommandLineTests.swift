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

    /// lua.c's own mistakes exit 1, as lua.c; a bad value of one of aikit's options 64 (EX_USAGE), as elsewhere.
    @Test(
        arguments: [
            (["-x"], "unrecognized option '-x'", 1), (["-e"], "'-e' needs argument", 1),
            (["-e", "-1"], "'-e' needs argument", 1), (["-vx"], "unrecognized option '-vx'", 1),
            (["--x"], "unrecognized option '--x'", 1),
            (["--timeout", "soon", "f"], "--timeout must be a positive number of seconds, got 'soon'", 64),
            (["--memory", "-5", "f"], "--memory must be a positive number of megabytes, got '-5'", 64),
            (["--timeout", "1", "--timeout", "2", "f"], "--timeout is given twice", 64),
            (["--timeout"], "'--timeout' needs argument", 64),
        ] as [([String], String, Int32)])
    func mistakesAreNamed(_ arguments: [String], _ message: String, _ status: Int32) {
        #expect(throws: ScriptRequest.UsageError(message: message, status: status)) {
            try ScriptRequest.parse(arguments)
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
    func luaCCommandLinesReachTheInvocation(_ arguments: [String], _ expected: [String]) {
        #expect(Aikit.scriptCommandLine(arguments) == expected)
    }

    @Test(arguments: [["import", "x.lua"], ["-h"], ["--help"], ["--version"], ["help"], ["myplugin"], []])
    func otherCommandLinesDoNot(_ arguments: [String]) {
        #expect(Aikit.scriptCommandLine(arguments) == nil)
    }
}
