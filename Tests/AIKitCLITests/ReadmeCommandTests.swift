import AIKitTesting
import Foundation
import Testing

/// Every shell command in README.md's `sh` blocks is exercised: run here against the debug binary, in README order, in
/// one sandbox (a copy of Scripts/ and Plugins/, its own XDG and Jupyter folders, FMP on the local provider server),
/// or named with the test or CI step that runs it and why it is not run here. A command added to the README without
/// an entry in `coverage` fails `everyReadmeCommandIsCovered`.
@Suite struct ReadmeCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    enum Coverage {
        /// Run by `readmeCommandsRunAsWritten` through /bin/sh: exit status 0, standard output containing `output` if given,
        /// and `file` (relative to the sandbox) written when given.
        case run(output: String?, file: String? = nil)
        /// Run by the named test (a function in Tests/, checked to exist) or by CI itself; `why` says why not here.
        case elsewhere(test: String, why: String)
    }

    /// The README's test command, which `.ci/run` must run exactly.
    static let testCommand = "sh Scripts/setup.sh --for-tests && swift test && sh Scripts/package.sh --check"

    static let coverage: [String: Coverage] = [
        "sudo apt install ./aikit_*.deb": .elsewhere(
            test: "ciRunsExactlyTheReadmeTestCommand",
            why: "needs root and a built package: `sh Scripts/package.sh --check` in the test command installs it"),
        "sh Scripts/setup.sh && swift run -c release aikit script Scripts/analysis.lua": .elsewhere(
            test: "analysisRunsOnTheBundledSample",
            why:
                "a release build takes minutes; the test runs the same script on the debug binary and checks its figures"
        ),
        testCommand: .elsewhere(
            test: "ciRunsExactlyTheReadmeTestCommand", why: "it is the suite itself; .ci/run runs it, checked below"),
        #"echo '=market.sample():bars{symbols = "NVDA", from = "2025-01-27", to = "2025-01-27"}' | aikit repl"#:
            .run(output: "NVDA    2025-01-27"),
        "aikit script Scripts/cost_whatif.lua --mfu 0.39": .run(output: "MFU 39%"),
        "aikit script Scripts/export_timeline.lua China --from 2023-01-01": .run(output: "H800"),
        "aikit script Scripts/screen_parties.lua": .run(output: "Huawei Technologies Co Ltd"),
        "aikit kernel install": .run(output: "aikit", file: "jupyter/kernels/aikit/kernel.json"),
        "jupyter nbconvert --to html --execute Scripts/analysis.ipynb": .run(
            output: nil, file: "Scripts/analysis.html"),
        "aikit script Scripts/analysis.lua --html report.html": .run(output: "-16.97%", file: "report.html"),
        "aikit plugins": .run(output: "export-matrix"),
        "aikit export-matrix China 2025-01-01": .run(output: "H800"),
        // The key in the README is a placeholder: the run replaces it with the local provider server's key.
        "FMP_API_KEY=… aikit fetch fmp sectors --from 2025-01-01": .run(output: "Technology       "),
        "FMP_API_KEY=… aikit script Scripts/analysis.lua --live": .run(output: "-16.97%"),
    ]

    static var readme: String {
        get throws { try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8) }
    }

    /// The command lines of a Markdown text's `sh` blocks: `$ ` prompts and `#` comments dropped, lines ending in
    /// `\` joined to the next, blank lines skipped.
    static func commands(inMarkdown text: String) -> [String] {
        var commands: [String] = []
        var inShell = false
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("```") {
                inShell = !inShell && ["```sh", "```bash", "```shell", "```console"].contains(line)
                continue
            }
            guard inShell else { continue }
            var command = withoutComment(line)
            if command.hasPrefix("$ ") { command.removeFirst(2) }
            command = pending + command.trimmingCharacters(in: .whitespaces)
            if command.hasSuffix("\\") {
                pending = String(command.dropLast()).trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            pending = ""
            if !command.isEmpty { commands.append(command) }
        }
        return commands
    }

    /// `line` up to a `#` that starts a shell word outside quotes.
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var out = ""
        for c in line {
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#", previous == " " || previous == "\t" {
                break
            }
            out.append(c)
            previous = c
        }
        return out
    }

    @Test func commandsAreReadFromShellBlocksOnly() {
        let text = """
            ```sh
            $ aikit plugins    # the list
            echo 'a # b' | aikit repl
            aikit script x.lua \\
              --mfu 0.39
            ```
            ```lua
            print(1)  # not shell
            ```
            ```text
            aikit repl
            ```
            """
        #expect(
            Self.commands(inMarkdown: text) == [
                "aikit plugins", "echo 'a # b' | aikit repl", "aikit script x.lua --mfu 0.39",
            ])
    }

    @Test func everyReadmeCommandIsCovered() throws {
        let commands = Self.commands(inMarkdown: try Self.readme)
        #expect(!commands.isEmpty)
        let uncovered = commands.filter { Self.coverage[$0] == nil }
        #expect(
            uncovered.isEmpty,
            "README.md shows commands no test exercises; give each an entry in ReadmeCommandTests.coverage (a run with its expected output, or the test that runs it): \(uncovered)"
        )
        let stale = Self.coverage.keys.filter { !commands.contains($0) }.sorted()
        #expect(stale.isEmpty, "ReadmeCommandTests.coverage lists commands README.md no longer shows: \(stale)")
        // Each named test exists.
        let sources = try FileManager.default.subpathsOfDirectory(
            atPath: Self.root.appendingPathComponent("Tests").path
        )
        .filter { $0.hasSuffix(".swift") }
        .map { try String(contentsOf: Self.root.appendingPathComponent("Tests/" + $0), encoding: .utf8) }
        .joined()
        for case .elsewhere(let test, _) in Self.coverage.values {
            #expect(sources.contains("func \(test)("), "no test named \(test) in Tests/")
        }
    }

    @Test func ciRunsExactlyTheReadmeTestCommand() throws {
        #expect(Self.commands(inMarkdown: try Self.readme).contains(Self.testCommand))
        let ci = try String(contentsOf: Self.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let steps = ci.split(separator: "\n").map(String.init).filter {
            !$0.hasPrefix("#") && !$0.hasPrefix("set ") && !$0.hasPrefix("cd ") && !$0.isEmpty
        }
        #expect(steps == [Self.testCommand], ".ci/run must run exactly the README's test command")
    }

    /// The REPL session the README shows (the `> ` lines of its `text` blocks), piped into `aikit repl`: no errors,
    /// and each line's value printed.
    @Test func readmeREPLLinesRun() throws {
        var lines: [String] = []
        var inText = false
        for line in try Self.readme.split(separator: "\n").map(String.init) {
            if line.hasPrefix("```") {
                inText = !inText && line == "```text"
            } else if inText, line.hasPrefix("> ") {
                lines.append(String(line.dropFirst(2)))
            }
        }
        #expect(lines.count >= 3)
        let result = try AikitProcess.run(["repl"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        for value in ["NVDA    2025-01-27", "989.0", "presumption of denial"] {
            #expect(result.stdout.contains(value), "the REPL printed no \(value): \(result.stdout)")
        }
    }

    @Test(.enabled(if: ProviderServer.shared.unavailable == nil, "needs python3 for the local provider server"))
    func readmeCommandsRunAsWritten() throws {
        let fileManager = FileManager.default
        let sandbox = fileManager.temporaryDirectory.appendingPathComponent("aikit-readme-\(UUID())")
        defer { try? fileManager.removeItem(at: sandbox) }
        try fileManager.createDirectory(at: sandbox, withIntermediateDirectories: true)
        for folder in ["Scripts", "Plugins"] {
            try fileManager.copyItem(
                at: Self.root.appendingPathComponent(folder), to: sandbox.appendingPathComponent(folder))
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var environment = ProviderServer.shared.environment(tag: "readme-\(UUID().uuidString.prefix(8))")
        environment["PATH"] = AikitProcess.binary.deletingLastPathComponent().path + ":" + path
        for (name, folder) in [
            ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
            ("XDG_STATE_HOME", "state"), ("JUPYTER_DATA_DIR", "jupyter"),
        ] {
            environment[name] = sandbox.appendingPathComponent(folder).path
        }
        environment["AIKIT_PLUGIN_PATH"] = ""
        for command in Self.commands(inMarkdown: try Self.readme) {
            guard case .run(let output, let file) = Self.coverage[command] else { continue }
            let line = command.replacingOccurrences(of: "FMP_API_KEY=…", with: "FMP_API_KEY=\(ProviderServer.fmpKey)")
            let result = try AikitProcess.run(
                ["-c", line], environment: environment, directory: sandbox.path,
                executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(result.status == 0, "`\(command)` failed: \(result.stderr)")
            if let output {
                #expect(result.stdout.contains(output), "`\(command)` printed no \(output): \(result.stdout)")
            }
            if let file {
                #expect(
                    fileManager.fileExists(atPath: sandbox.appendingPathComponent(file).path),
                    "`\(command)` did not write \(file)")
            }
        }
    }
}
