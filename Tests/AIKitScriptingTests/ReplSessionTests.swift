import AIKitScripting
import LuaRuntime
import Testing

/// Feeds lines to a REPL session and collects what it prints.
final class ReplTranscript {
    var output: [String] = []
    var errors: [String] = []
    let session: ReplSession

    init(modules: [ScriptModule] = ScriptModule.standard) throws {
        let host = try ScriptEnvironment(modules: modules)
        var outputSink: (String) -> Void = { _ in }
        var errorSink: (String) -> Void = { _ in }
        session = ReplSession(host: host, output: { outputSink($0) }, errorOutput: { errorSink($0) })
        outputSink = { [unowned self] in self.output.append($0) }
        errorSink = { [unowned self] in self.errors.append($0) }
    }

    func feed(_ lines: String...) {
        for line in lines { session.feed(line) }
    }
}

@Suite struct ReplSessionTests {
    @Test func expressionsPrintTheirValues() throws {
        let repl = try ReplTranscript()
        repl.feed("1 + 1", "=2, 'two'", "x = 5", "x * 2", "print('side effect')")
        #expect(repl.output == ["2", "2\t\"two\"", "10"])
        #expect(repl.errors.isEmpty)
    }

    @Test func incompleteChunksContinue() throws {
        let repl = try ReplTranscript()
        repl.session.feed("function double(x)")
        #expect(repl.session.isContinuing)
        repl.feed("  return x * 2", "end")
        #expect(!repl.session.isContinuing)
        repl.feed("double(21)", "{")
        #expect(repl.session.isContinuing)
        repl.feed("a = 1,", "}")
        #expect(repl.output == ["42", "{ a = 1 }"])
    }

    @Test func errorsPrintATracebackAndTheSessionGoesOn() throws {
        let repl = try ReplTranscript()
        repl.feed("error('boom')", "x = = 1", "=1")
        #expect(repl.errors.count == 2)
        #expect(repl.errors[0].hasPrefix("stdin:1: boom\nstack traceback:"))
        #expect(repl.errors[1] == "stdin:1: unexpected symbol near '='")
        #expect(repl.output == ["1"])
    }

    @Test func cancelDropsAPartialChunk() throws {
        let repl = try ReplTranscript()
        repl.feed("for i = 1, 3 do")
        repl.session.cancelInput()
        #expect(!repl.session.isContinuing)
        repl.feed("=3")
        #expect(repl.output == ["3"])
    }

    @Test func resultsArePrettyPrinted() throws {
        let repl = try ReplTranscript()
        repl.feed("t = {b = 1, a = {1, 2}} t.self = t", "t")
        #expect(repl.output == ["{ a = { 1, 2 }, b = 1, self = <cycle> }"])
    }

    @Test func completesGlobalsFieldsAndMethods() throws {
        let repl = try ReplTranscript()
        #expect(repl.session.completions(for: "x = aik") == ["aikit"])
        #expect(repl.session.completions(for: "aikit.") == ["aikit.inspect", "aikit.plugin", "aikit.version"])
        #expect(repl.session.completions(for: "string.fo") == ["string.format"])
        #expect(repl.session.completions(for: "whi") == ["while"])
        repl.feed("s = 'text'")
        #expect(repl.session.completions(for: "s:up") == ["s:upper"])
        #expect(repl.session.completions(for: "nothing.here.") == [])
    }

    @Test func completesMarketStoresFramesAndColumns() throws {
        let repl = try ReplTranscript()
        #expect(repl.session.completions(for: "market.ev") == ["market.event_study"])
        repl.feed("s = market.sample()", "f = s:bars{symbols = 'NVDA'}", "c = f:col('close')")
        #expect(repl.session.completions(for: "s:ba") == ["s:bars"])
        #expect(repl.session.completions(for: "f:re") == ["f:rebase", "f:rename", "f:resample", "f:returns"])
        #expect(repl.session.completions(for: "c:me") == ["c:mean", "c:median"])
    }

    @Test func timeLimitDoesNotOutliveTheStatement() throws {
        let repl = try ReplTranscript()
        repl.session.timeLimit = 0.1
        repl.feed("while true do end", "=1")
        #expect(repl.errors.first?.contains("time limit") == true)
        #expect(repl.output == ["1"])
    }
}
