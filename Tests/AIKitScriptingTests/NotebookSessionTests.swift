import AIKitScripting
import JupyterKernel
import LuaAnnotations
import Testing

/// The notebook kernel's Lua side without the protocol: what a cell returns, shows and says.
final class RecordedOutput: KernelOutput {
    var events: [String] = []
    var bundles: [MIMEBundle] = []
    func stream(_ name: String, _ text: String) { events.append("\(name): \(text)") }
    func display(_ bundle: MIMEBundle) {
        events.append("display")
        bundles.append(bundle)
    }
    func input(prompt: String, password: Bool, cancelled: () -> Bool) -> String? { nil }
}

@Suite struct NotebookSessionTests {
    let session = NotebookSession(host: try! ScriptEnvironment(), capture: nil)

    func result(_ code: String) -> MIMEBundle? {
        guard case .ok(let result) = session.execute(code, output: RecordedOutput()) else {
            Issue.record("cell failed: \(code)")
            return nil
        }
        return result
    }

    @Test func theLastExpressionOfACellIsItsResultAndStateCarriesOver() {
        #expect(result("x = 20") == nil)
        #expect(result("local y = x + 1\ny * 2")?["text/plain"] == "42")
        // A trailing expression written over several lines.
        #expect(result("local t = {\n  a = 1,\n}\nt.a + \n  x")?["text/plain"] == "21")
        #expect(result("return 1, 'two'")?["text/plain"] == "1\t\"two\"")
        #expect(result("for i = 1, 2 do x = x + i end") == nil)
        #expect(result("x")?["text/plain"] == "23")
        // `=expr`, as in the REPL.
        #expect(result("=x * 2")?["text/plain"] == "46")
        #expect(result("  = x, 'a'")?["text/plain"] == "23\t\"a\"")
    }

    @Test func framesAreTablesAndChartsAreImages() throws {
        let frame = try #require(result("market.sample():bars{ symbols = 'NVDA' }"))
        #expect(frame["text/html"]?.contains("<table class=\"aikit-frame\">") == true)
        #expect(frame["text/html"]?.contains("(showing the first and last 15)") == true)
        #expect(frame["text/plain"]?.contains("…") == true)
        let chart = try #require(result("chart.bar{ labels = { 'a' }, values = { 1 } }"))
        #expect(chart["image/svg+xml"]?.hasPrefix("<svg") == true)
        #expect(chart["text/csv"]?.isEmpty == false)  // the chart's data, its second result
        #expect(result("'<svg but not a chart'")?["image/svg+xml"] == nil)
    }

    @Test func displayShowsValuesAndTypedText() throws {
        let output = RecordedOutput()
        guard
            case .ok = session.execute(
                "display(1, market.sample():symbols())\ndisplay('<i>x</i>', 'text/html')", output: output)
        else { throw KernelTestError("display failed") }
        #expect(output.bundles.count == 3)
        #expect(output.bundles[0]["text/plain"] == "1")
        #expect(output.bundles[1]["text/html"]?.contains("<table") == true)
        #expect(output.bundles[2]["text/html"] == "<i>x</i>")
        // From a coroutine too (its stack is its own), and a chart's data comes along as CSV.
        let inner = RecordedOutput()
        guard
            case .ok = session.execute(
                "coroutine.wrap(function() display(1, chart.bar{ labels = { 'a' }, values = { 2 } }) end)()",
                output: inner)
        else { throw KernelTestError("display in a coroutine failed") }
        #expect(inner.bundles.count == 2)
        #expect(inner.bundles.first?["text/plain"] == "1")
        #expect(inner.bundles.last?["image/svg+xml"] != nil && inner.bundles.last?["text/csv"] != nil)
        guard case .error(_, let message, _) = session.execute("display('x', 'html')", output: output) else {
            throw KernelTestError("a MIME type without '/' was accepted")
        }
        #expect(message.contains("bad argument #2 to 'display'"))
        // Any MIME type, text/plain itself included (it used to trap: a dictionary literal with a key twice).
        let typed = RecordedOutput()
        guard
            case .ok = session.execute("display('plain', 'text/plain')\ndisplay('# t', 'text/markdown')", output: typed)
        else { throw KernelTestError("display with a MIME type failed") }
        #expect(typed.bundles == [["text/plain": "plain"], ["text/plain": "# t", "text/markdown": "# t"]])
    }

    @Test func errorsSayWhatKindAndWhere() throws {
        guard
            case .error(let name, let value, let traceback) = session.execute(
                "local a = nil\nreturn a.b", output: RecordedOutput())
        else { throw KernelTestError("no error") }
        #expect(name == "runtime error")
        #expect(value.hasPrefix("cell:2: attempt to index a nil value"))
        #expect(traceback.contains("stack traceback:"))
        guard case .error(let syntax, _, _) = session.execute("x = = 1", output: RecordedOutput()) else {
            throw KernelTestError("no syntax error")
        }
        #expect(syntax == "syntax error")
    }

    @Test func aCellOverItsTimeLimitStopsAndTheNextRuns() throws {
        let limited = NotebookSession(host: try ScriptEnvironment(), capture: nil)
        limited.timeLimit = 0.2
        guard case .error(let name, let message, _) = limited.execute("while true do end", output: RecordedOutput())
        else {
            throw KernelTestError("the loop was not stopped")
        }
        #expect(name == "time limit")
        #expect(message.contains("exceeded its 0.2 s time limit"))
        guard case .ok(let result) = limited.execute("1 + 1", output: RecordedOutput()) else {
            throw KernelTestError("the next cell failed")
        }
        #expect(result?["text/plain"] == "2")
    }

    @Test func completenessCompletionAndHelp() throws {
        #expect(session.isComplete("if x then") == .incomplete)
        #expect(session.isComplete("t = {") == .incomplete)
        #expect(session.isComplete("x = ) 1") == .invalid)
        #expect(session.isComplete("x = 1") == .complete)
        let found = session.complete("y = market.op", cursor: 13)
        #expect(found.matches == ["market.open"] && found.start == 4 && found.end == 13)
        let help = try #require(session.inspect("cost.training{ gpu = 'H800', ", cursor: 29, detail: 0)?["text/plain"])
        #expect(help.hasPrefix("cost.training("))
        #expect(session.inspect("cost", cursor: 2, detail: 0)?["text/plain"]?.contains("cost.training(") == true)
        #expect(session.inspect("nothing_here", cursor: 3, detail: 0) == nil)
    }

    /// Inside a call's table, at a key's position, the annotated option keys complete (across lines, for methods of
    /// live values, and for inline table types); elsewhere in the braces, names as usual.
    @Test func optionKeysCompleteInsideACallsTable() throws {
        #expect(session.host.completions(for: "compliance.check{ ch") == ["chip"])
        #expect(session.host.completions(for: "r = compliance.check({ chip = 'H800',\n  dest") == ["destination"])
        #expect(session.host.completions(for: "compliance.check{ chip = comp") == ["compliance"])
        _ = session.execute("store = market.sample()", output: RecordedOutput())
        #expect(session.host.completions(for: "store:bars{ sym") == ["symbols"])
        #expect(session.host.completions(for: "store:update{ dry") == ["dry_run"])
        let keys = session.complete("compliance.check{ ", cursor: 18).matches
        #expect(keys.contains("destination") && keys.contains("date") && !keys.contains("market"))
    }
}

struct KernelTestError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

@Suite struct BundledAnnotationTests {
    @Test func theEmbeddedAnnotationsAreTheShippedFile() throws {
        let text = try String(contentsOfFile: AnnotationTests.annotations, encoding: .utf8)
        let onDisk = LuaAnnotations(text: text)
        #expect(LuaAnnotations.bundled.functions == onDisk.functions)
        #expect(LuaAnnotations.bundled.classes == onDisk.classes)
        let check = try #require(LuaAnnotations.bundled.function(named: "compliance.check"))
        #expect(check.parameters.first?.type == "compliance.Question")
        let question = try #require(LuaAnnotations.bundled.classes["compliance.Question"])
        #expect(
            question.fields.contains {
                $0.name == "destination" && !$0.optional && $0.description == "ISO code or name"
            })
    }
}
