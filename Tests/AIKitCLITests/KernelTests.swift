import Foundation
import Testing

/// `aikit kernel` driven by Jupyter's own clients from PyPI: jupyter_client (Tests/AIKitCLITests/Jupyter/
/// kernel_client.py, run once and read by every test here) and nbconvert executing Scripts/analysis.ipynb.
enum Jupyter {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Jupyter")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let available: Bool = {
        (try? python(["-c", "import jupyter_client, nbclient, nbformat, nbconvert, zmq"]).status) == 0
    }()
    static let reason: Comment =
        "needs python3 with jupyter_client, nbclient, nbformat and nbconvert (sh Scripts/setup.sh --for-tests installs them)"

    static func python(_ arguments: [String], environment: [String: String] = [:]) throws -> AikitProcess.Result {
        try AikitProcess.run(
            ["python3"] + arguments, environment: environment,
            executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    /// A kernelspec written by `aikit kernel install --prefix` into a fresh folder: its JUPYTER_PATH.
    static let kernelspec: Result<String, any Error> = Result {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-kernelspec-\(UUID())").path
        let install = try AikitProcess.run(["kernel", "install", "--prefix", prefix])
        guard install.status == 0 else { throw KernelTestError("aikit kernel install failed: \(install.stderr)") }
        return prefix + "/share/jupyter"
    }

    /// What kernel_client.py saw, as JSON.
    nonisolated(unsafe) static let session: Result<[String: Any], any Error> = Result {
        let path = try kernelspec.get()
        let run = try python(
            [folder.appendingPathComponent("kernel_client.py").path], environment: ["JUPYTER_PATH": path])
        guard run.status == 0, let line = run.stdout.split(separator: "\n").last,
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw KernelTestError("kernel_client.py failed (\(run.status)):\n\(run.stdout)\n\(run.stderr)") }
        return object
    }

    static func part(_ name: String) throws -> [String: Any] {
        let all = try session.get()
        return try #require(all[name] as? [String: Any], "no '\(name)' in the client's report")
    }

    /// The iopub messages of one execution: (type, content).
    static func messages(_ execution: [String: Any]) -> [(String, [String: Any])] {
        ((execution["iopub"] as? [[String: Any]]) ?? []).map {
            (($0["type"] as? String) ?? "", ($0["content"] as? [String: Any]) ?? [:])
        }
    }
}

struct KernelTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite(.enabled(if: Jupyter.available, Jupyter.reason))
struct KernelClientTests {
    @Test func kernelInfoSpeaksProtocol53AndLua() throws {
        let info = try Jupyter.part("kernel_info")
        #expect(info["protocol_version"] as? String == "5.3")
        #expect(info["implementation"] as? String == "aikit")
        let language = try #require(info["language_info"] as? [String: Any])
        #expect(language["name"] as? String == "lua")
        #expect(language["file_extension"] as? String == ".lua")
    }

    @Test func printStreamsAndTheLastExpressionIsTheResult() throws {
        let hello = try Jupyter.part("hello")
        let messages = Jupyter.messages(hello)
        #expect(messages.map(\.0) == ["status", "execute_input", "stream", "execute_result", "status"])
        #expect(messages[2].1["name"] as? String == "stdout" && messages[2].1["text"] as? String == "hello\n")
        #expect((messages[3].1["data"] as? [String: String])?["text/plain"] == "42")
        #expect((hello["reply"] as? [String: Any])?["status"] as? String == "ok")
        let streams = Jupyter.messages(try Jupyter.part("streams")).filter { $0.0 == "stream" }.map {
            "\($0.1["name"] ?? ""):\($0.1["text"] ?? "")"
        }
        #expect(Set(streams) == ["stdout:out\n", "stderr:warn\n"])
    }

    @Test func aFrameIsAnHTMLTableAndAChartIsSVG() throws {
        let frame = try #require(Jupyter.messages(try Jupyter.part("frame")).first { $0.0 == "execute_result" })
        let data = try #require(frame.1["data"] as? [String: String])
        let html = try #require(data["text/html"])
        #expect(html.contains("<table class=\"aikit-frame\">"))
        #expect(html.contains("<th class=\"num\">close</th>"))
        #expect(html.contains("rows ×"))
        #expect(data["text/plain"]?.contains("close") == true)
        let chart = try #require(Jupyter.messages(try Jupyter.part("chart")).first { $0.0 == "execute_result" })
        let svg = try #require((chart.1["data"] as? [String: String])?["image/svg+xml"])
        #expect(svg.hasPrefix("<svg") && svg.contains("moves"))
    }

    @Test func displaySendsDisplayDataInOrderWithPrint() throws {
        let messages = Jupyter.messages(try Jupyter.part("display")).filter {
            $0.0 != "status" && $0.0 != "execute_input"
        }
        #expect(messages.map(\.0) == ["display_data", "display_data", "stream"])
        #expect((messages[0].1["data"] as? [String: String])?["text/html"]?.contains("<table") == true)
        #expect((messages[1].1["data"] as? [String: String])?["text/html"] == "<b>bold</b>")
        #expect(messages[2].1["text"] as? String == "after\n")
    }

    @Test func errorsCarryTheirKindMessageAndTraceback() throws {
        let runtime = try #require(try Jupyter.part("error")["reply"] as? [String: Any])
        #expect(runtime["status"] as? String == "error")
        #expect(runtime["ename"] as? String == "runtime error")
        #expect(runtime["evalue"] as? String == "cell:1: boom")
        let traceback = (runtime["traceback"] as? [String]) ?? []
        #expect(traceback.contains("stack traceback:"))
        #expect(Jupyter.messages(try Jupyter.part("error")).contains { $0.0 == "error" })
        let syntax = try #require(try Jupyter.part("syntax")["reply"] as? [String: Any])
        #expect(syntax["ename"] as? String == "syntax error")
        #expect((syntax["evalue"] as? String)?.hasPrefix("cell:1:") == true)
    }

    @Test func completionCoversModulesAndMethodsOfLiveValues() throws {
        let modules = try Jupyter.part("complete")
        #expect(modules["matches"] as? [String] == ["compliance.check"])
        #expect(modules["cursor_start"] as? Int == 0 && modules["cursor_end"] as? Int == 13)
        let methods = try Jupyter.part("complete_method")
        #expect(methods["matches"] as? [String] == ["frame:rolling"])
        #expect(methods["cursor_start"] as? Int == 4)
    }

    @Test func inspectShowsTheAnnotatedSignatureDocAndOptions() throws {
        for name in ["inspect", "inspect_inside_call"] {
            let reply = try Jupyter.part(name)
            #expect(reply["found"] as? Bool == true)
            let text = try #require((reply["data"] as? [String: String])?["text/plain"])
            #expect(text.hasPrefix("compliance.check(question: compliance.Question)"), "\(name): \(text.prefix(80))")
            #expect(text.contains("destination"))
        }
        let method = try #require((try Jupyter.part("inspect_method")["data"] as? [String: String])?["text/plain"])
        #expect(method.hasPrefix("Frame:rolling(n: integer"))
        #expect(try Jupyter.part("inspect_unknown")["found"] as? Bool == false)
    }

    @Test func isCompleteTellsUnfinishedFromInvalid() throws {
        let statuses = try #require(try Jupyter.session.get()["is_complete"] as? [String: String])
        #expect(
            statuses == [
                "x = 1": "complete", "for i = 1, 3 do": "incomplete", "x = = 1": "invalid", "{ 1,": "incomplete",
                "return 1 +": "incomplete",
            ])
    }

    @Test func historyListsStoredCells() throws {
        let history = try #require(try Jupyter.part("history")["history"] as? [[Any]])
        #expect(history.count == 2)
        #expect(history.last?[2] as? String == "frame = market.sample():bars{ symbols = 'NVDA' }")
    }

    @Test func cellsQueuedBehindAFailingCellAreAborted() throws {
        let all = try Jupyter.session.get()
        #expect((all["run_all_error"] as? [String: Any])?["status"] as? String == "error")
        #expect(all["run_all_queued"] as? [String] == ["aborted", "aborted"])
        let check = Jupyter.messages(try Jupyter.part("ran_after_error")).first { $0.0 == "execute_result" }
        #expect((check?.1["data"] as? [String: String])?["text/plain"] == "\"nil\"")
    }

    @Test func interruptStopsABusyLoopAndTheKernelCarriesOn() throws {
        let all = try Jupyter.session.get()
        let reply = try #require(try Jupyter.part("interrupt")["reply"] as? [String: Any])
        #expect(reply["status"] as? String == "error")
        #expect(reply["ename"] as? String == "interrupted")
        #expect((all["interrupt_seconds"] as? Double ?? 99) < 5)
        let after = Jupyter.messages(try Jupyter.part("after_interrupt")).first { $0.0 == "execute_result" }
        #expect((after?.1["data"] as? [String: String])?["text/plain"] == "\"still here\"")
        #expect(all["idle_interrupt_alive"] as? Bool == true)
        let idle = Jupyter.messages(try Jupyter.part("after_idle_interrupt")).first { $0.0 == "execute_result" }
        #expect((idle?.1["data"] as? [String: String])?["text/plain"] == "2")
    }

    /// Interrupt reaches a loop inside a coroutine — made in this cell, in an earlier one, or nested — in a kernel
    /// with no time limit (whose hook would otherwise be the only one a coroutine inherits).
    @Test func interruptStopsALoopInsideACoroutine() throws {
        let all = try Jupyter.session.get()
        for name in ["interrupt_coroutine", "interrupt_coroutine_earlier", "interrupt_nested_coroutine"] {
            let reply = try #require(try Jupyter.part(name)["reply"] as? [String: Any])
            #expect(reply["ename"] as? String == "interrupted", "\(name): \(reply)")
            #expect((all[name + "_seconds"] as? Double ?? 99) < 5, "\(name)")
        }
        let after = Jupyter.messages(try Jupyter.part("after_coroutine_interrupt")).first { $0.0 == "execute_result" }
        #expect((after?.1["data"] as? [String: String])?["text/plain"] == "\"still here\"")
    }

    /// nbclient runs a 100-cell notebook with failing cells and loops it interrupts at its per-cell timeout: with
    /// allow_errors every cell runs once, in order (none aborted); without, the run stops at the first error.
    @Test func nbclientRunsAHundredCellNotebookWithErrorsAndInterrupts() throws {
        let run = try Jupyter.python(
            [Jupyter.folder.appendingPathComponent("nbclient_run.py").path],
            environment: ["JUPYTER_PATH": try Jupyter.kernelspec.get()])
        let line = try #require(run.stdout.split(separator: "\n").last, "nbclient_run.py: \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])
        let tolerant = try #require(report["allow_errors"]?["cells"] as? [[String: Any]])
        #expect(tolerant.count == 100)
        var counted = 0
        for (index, cell) in tolerant.enumerated() {
            #expect(cell["executed"] as? Bool == true, "cell \(index) did not run: \(cell)")
            switch cell["kind"] as? String {
            case "error": #expect(cell["error"] as? String == "runtime error", "cell \(index): \(cell)")
            case "loop": #expect(cell["error"] as? String == "interrupted", "cell \(index): \(cell)")
            default:
                counted += 1
                #expect(cell["result"] as? String == "\(counted)", "cell \(index): \(cell)")
            }
        }
        let strict = try #require(report["stop_on_error"])
        #expect(strict["raised"] is String, "\(strict)")
        let cells = try #require(strict["cells"] as? [[String: Any]])
        #expect(
            cells.prefix(3).allSatisfy { $0["executed"] as? Bool == true && $0["error"] is NSNull },
            "\(cells.prefix(4))")
        #expect(cells[3]["error"] as? String == "runtime error")
        #expect(cells.dropFirst(4).allSatisfy { $0["executed"] as? Bool == false })
    }

    /// A kernel whose parent is gone exits, even while a cell spins in a coroutine (it used to spin on for 12
    /// minutes after its client exited).
    @Test func aKernelWhoseParentIsGoneExitsEvenWhileBusy() throws {
        let run = try Jupyter.python([
            Jupyter.folder.appendingPathComponent("orphan_kernel.py").path, AikitProcess.binary.path,
        ])
        let line = try #require(run.stdout.split(separator: "\n").last, "orphan_kernel.py: \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(report["alive_before"] as? Bool == true, "\(report)")
        let seconds = try #require(report["exit_seconds"] as? Double, "the kernel did not exit: \(report)")
        #expect(seconds < 8, "\(report)")
    }

    /// io.read in a cell is an input_request to the notebook, its prompt the text written since the last newline
    /// (sent as the prompt, not as output); without allow_stdin it is end of input; an interrupt ends the wait.
    @Test func ioReadAsksTheNotebookForALine() throws {
        let all = try Jupyter.session.get()
        let requests = try #require(all["input_requests"] as? [[String: Any]])
        #expect(requests.map { $0["type"] as? String } == ["input_request", "input_request"])
        #expect(requests.map { ($0["content"] as? [String: Any])?["prompt"] as? String } == ["Ticker? ", ""])
        #expect(requests.allSatisfy { ($0["content"] as? [String: Any])?["password"] as? Bool == false })
        #expect(requests.allSatisfy { $0["parent"] as? Bool == true })
        let messages = Jupyter.messages(try Jupyter.part("input"))
        #expect(messages.filter { $0.0 == "stream" }.map { $0.1["text"] as? String } == ["before\n"])
        let result = messages.first { $0.0 == "execute_result" }
        #expect((result?.1["data"] as? [String: String])?["text/plain"] == "\"NVDA x3\"")
        let refused = Jupyter.messages(try Jupyter.part("input_not_allowed")).first { $0.0 == "execute_result" }
        #expect((refused?.1["data"] as? [String: String])?["text/plain"] == "\"nil\"")
        let interrupted = try #require(try Jupyter.part("input_interrupted")["reply"] as? [String: Any])
        #expect(interrupted["ename"] as? String == "interrupted", "\(interrupted)")
        let after = Jupyter.messages(try Jupyter.part("after_input_interrupt")).first { $0.0 == "execute_result" }
        #expect((after?.1["data"] as? [String: String])?["text/plain"] == "\"still here\"")
    }

    @Test func messagesWithABadSignatureNoSignatureOrReplayedAreRefused() throws {
        let all = try Jupyter.session.get()
        #expect(all["wrong_key_answered"] as? Bool == false)
        #expect(all["unsigned_answered"] as? Bool == false)
        #expect(all["signed_answered"] as? Bool == true)
        #expect(all["replay_answered"] as? Bool == false)
        #expect(all["replay_upper_answered"] as? Bool == false)
        // Only the correctly signed request ran.
        let check = Jupyter.messages(try Jupyter.part("refused_code_ran")).first { $0.0 == "execute_result" }
        #expect((check?.1["data"] as? [String: String])?["text/plain"] == "\"nil nil true\"")
    }

    @Test func shutdownEndsTheProcessCleanly() throws {
        let all = try Jupyter.session.get()
        #expect(all["alive_after_shutdown"] as? Bool == false)
        #expect(all["exit_status"] as? Int == 0)
    }

    /// The shipped notebook (the main job as cells) runs end to end through nbconvert, and its HTML holds the
    /// frames as tables, the charts as SVG and the figures the engines derive.
    @Test func theAnalysisNotebookRunsThroughNbconvert() throws {
        let path = try Jupyter.kernelspec.get()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-nbconvert-\(UUID())")
        let notebook = Jupyter.repository.appendingPathComponent("Scripts/analysis.ipynb").path
        let run = try Jupyter.python(
            ["-m", "nbconvert", "--to", "html", "--execute", notebook, "--output-dir", output.path],
            environment: ["JUPYTER_PATH": path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: output.appendingPathComponent("analysis.html"), encoding: .utf8)
        // Wide frames are tagged aikit-compact as well (they print in small type).
        #expect(html.components(separatedBy: "<table class=\"aikit-frame").count - 1 == 4)
        #expect(html.components(separatedBy: "data:image/svg+xml;base64").count - 1 >= 3)
        #expect(html.contains("DeepSeek-V3: 2.788M GPU-hours, $5.576M"))
        #expect(html.contains("H800 on 2023-11-20: licence required"))
        #expect(
            !html.contains("jp-OutputArea-output jp-RenderedText\" data-mime-type=\"application/vnd.jupyter.stderr"))
    }
}

/// What `aikit kernel` says about a bad start, without Jupyter.
@Suite struct KernelStartTests {
    func start(_ connection: String?) throws -> AikitProcess.Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-connection-\(UUID()).json")
        if let connection { try connection.write(to: file, atomically: true, encoding: .utf8) }
        return try AikitProcess.run(["kernel", "--connection-file", file.path])
    }

    @Test func aMissingOrBadConnectionFileIsAClearError() throws {
        let missing = try start(nil)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read the connection file"))
        let notJSON = try start("{ ports")
        #expect(notJSON.stderr.contains("is not a JSON object"))
        let noPort = try start(
            #"{"ip": "127.0.0.1", "key": "k", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4}"#)
        #expect(noPort.stderr.contains("has no valid hb_port"))
        let md5 = try start(
            #"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "signature_scheme": "hmac-md5", "key": "k"}"#
        )
        #expect(md5.stderr.contains("signature_scheme 'hmac-md5'"))
    }

    @Test func installWritesAKernelspecThatRunsThisBinary() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-install-\(UUID())").path
        let run = try AikitProcess.run(["kernel", "install", "--prefix", prefix, "--name", "aikit-test"])
        #expect(run.status == 0, "\(run.stderr)")
        let folder = prefix + "/share/jupyter/kernels/aikit-test"
        let spec = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/kernel.json")))
                as? [String: Any])
        let argv = try #require(spec["argv"] as? [String])
        #expect(argv.count == 4 && argv[1...] == ["kernel", "--connection-file", "{connection_file}"])
        #expect(FileManager.default.isExecutableFile(atPath: argv[0]))
        #expect(spec["interrupt_mode"] as? String == "signal" && spec["language"] as? String == "lua")
        for size in [32, 64] {
            let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/logo-\(size)x\(size).png"))
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
            // IHDR's width and height, big-endian, after the signature, the length and the chunk type.
            #expect(png[16..<24] == Data([0, 0, 0, UInt8(size), 0, 0, 0, UInt8(size)]))
        }
        #expect(try String(contentsOfFile: folder + "/logo-svg.svg", encoding: .utf8).hasPrefix("<svg"))
        let limited = try AikitProcess.run([
            "kernel", "install", "--prefix", prefix, "--name", "limited", "--timeout", "30",
        ])
        #expect(limited.status == 0, "\(limited.stderr)")
        let limitedSpec =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: prefix + "/share/jupyter/kernels/limited/kernel.json")))
            as? [String: Any]
        #expect(
            (limitedSpec?["argv"] as? [String])?.dropFirst() == [
                "kernel", "--timeout", "30.0", "--connection-file", "{connection_file}",
            ])
        let conflict = try AikitProcess.run(["kernel", "install", "--user", "--prefix", prefix])
        #expect(conflict.status != 0 && conflict.stderr.contains("--user and --prefix"))
    }
}
