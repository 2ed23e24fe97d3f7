import Foundation
import Testing

/// The shell completions generated from ArgumentParser (`aikit --generate-completion-script SHELL`), as the package
/// installs them; bash's is loaded and asked what it offers, as bash does on TAB.
@Suite struct CompletionCLITests {
    /// What bash's completion offers for `line` followed by TAB, in a folder holding job.lua, notes.txt and lib/.
    static func bashOffers(_ line: String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aikit-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["job.lua", "notes.txt"] {
            try Data().write(to: folder.appendingPathComponent(file))
        }
        let generated = try AikitProcess.run(["--generate-completion-script", "bash"])
        try #require(generated.status == 0, "\(generated.stderr)")
        let script = folder.appendingPathComponent("aikit.bash")
        try generated.stdout.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.currentDirectoryURL = folder
        process.arguments = [
            "-c",
            """
            . "$1" && complete -p aikit >/dev/null || exit 3
            read -r -a COMP_WORDS <<< "$2"; COMP_WORDS+=(""); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="$2 "; COMP_POINT=${#COMP_LINE}
            _aikit aikit "" "${COMP_WORDS[COMP_CWORD-1]}" && printf '%s\\n' "${COMPREPLY[@]}"
            """,
            "bash", script.path, line,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "bash could not load or run the completion")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func subcommandsAreOffered() throws {
        let offers = try Self.bashOffers("aikit")
        #expect(offers.contains("script") && offers.contains("kernel") && offers.contains("import"))
        #expect(try Self.bashOffers("aikit kernel").contains("install"))
    }

    /// Fails before: `aikit script <TAB>` offered only the options, no file at all.
    @Test func scriptOffersLuaFilesAndFolders() throws {
        let offers = try Self.bashOffers("aikit script")
        #expect(offers.contains("job.lua") && offers.contains("lib"), "\(offers)")
        #expect(!offers.contains("notes.txt"))
    }

    /// Fails before: `--db` and `aikit import` offered nothing.
    @Test func storeAndImportOfferFiles() throws {
        #expect(try Self.bashOffers("aikit import --db").contains("notes.txt"))
        #expect(try Self.bashOffers("aikit import").contains("notes.txt"))
    }

    @Test(arguments: ["zsh", "fish"]) func otherShellsGetAScript(shell: String) throws {
        let result = try AikitProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("script") && result.stdout.contains("kernel"))
    }
}
