import ArgumentParser
import Testing

@testable import aikit

/// `aikit script`'s quick reading of its command line (ScriptCommand.quickParse) against ArgumentParser's.
@Suite struct ScriptQuickParseTests {
    @Test(arguments: [
        ["f.lua"],
        ["f.lua", "a", "--verbose", "-e", "x", "--", "-"],
        ["-e", "x = 1", "-l", "m", "-e", "print(x)", "f.lua", "1", "2"],
        ["--timeout", "2", "--memory", "64.5", "--verbose", "f.lua"],
        ["--db", "data/m.sqlite", "--allow", "p:exec", "--allow", "q:read:/tmp", "-"],
        ["-e", "print(1)"],
        ["-l", "G=mod", "--db", "pg:host=db dbname=m", "s.lua", "--db", "other"],
    ])
    func agreesWithArgumentParser(_ arguments: [String]) throws {
        let quick = try #require(ScriptCommand.quickParse(arguments))
        let parsed = try ScriptCommand.parse(arguments)
        #expect(quick == parsed.request)
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--timeout=2", "f.lua"], ["--timeout", "soon", "f.lua"],
        ["--timeout", "1", "--timeout", "2", "f"],
        ["--", "f.lua"], ["-x", "f.lua"], ["-e", "-1", "f.lua"], ["-e"], ["--db", "a", "--db", "b", "f"],
        ["--verbose", "--verbose", "f"], ["--memory", "-5", "f"],
    ])
    func leavesEverythingElseToArgumentParser(_ arguments: [String]) {
        #expect(ScriptCommand.quickParse(arguments) == nil)
    }
}
