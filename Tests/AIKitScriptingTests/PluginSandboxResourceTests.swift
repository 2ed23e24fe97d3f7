import AIKitScripting
import Foundation
import LuaRuntime
import Testing

/// The plugin sandbox's bootstrap lives in `Sources/AIKitScripting/Plugins/Resources/sandbox.lua` (embedded in the
/// binary), where an editor and `luac` see it as Lua: these tests hold the file to what the binary runs and lint it.
@Suite struct PluginSandboxResourceTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/AIKitScripting/Plugins/Resources/sandbox.lua").standardizedFileURL.path

    @Test func theEmbeddedBootstrapIsTheResourceFile() throws {
        let file = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(PluginSandbox.bootstrap == file)
        #expect(PluginSandbox.bootstrap.contains("local sandbox, plugin_name, plugin_root = ..."))
    }

    /// Compiled as text by aikit's own Lua, as `PluginHost` loads it, to a function (the bootstrap).
    @Test func itLoadsAsTextInAikitsLua() throws {
        let lua = try LuaState()
        try lua.load(PluginSandbox.bootstrap, name: "=(aikit plugin sandbox)", mode: "t")
        guard case .reference = try lua.value(at: -1) else {
            Issue.record("the bootstrap did not load as a function")
            return
        }
    }

    /// The lint: every global the bootstrap touches is read in its main chunk, before any plugin code runs, and is a
    /// standard-library name; it writes no global. A global read inside one of its functions would be looked up in
    /// whatever `_ENV` holds when a plugin calls it — the plugin could have replaced it.
    @Test func itReadsGlobalsOnlyUpFrontAndWritesNone() throws {
        let listing = try luacListing(Self.path)
        var function = ""
        var reads: Set<String> = []
        var problems: [String] = []
        for line in listing.split(separator: "\n") {
            if line.hasPrefix("main <") || line.hasPrefix("function <") {
                function = String(line.prefix { $0 != "(" })
                continue
            }
            guard line.contains("; _ENV \""), let name = line.split(separator: "\"").dropFirst().first else {
                continue
            }
            let instruction = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst(2).first ?? ""
            if instruction.hasPrefix("SET") {
                problems.append("writes global '\(name)' (\(function))")
            } else if !function.hasPrefix("main") {
                problems.append("reads global '\(name)' inside \(function), after plugin code may have run")
            } else {
                reads.insert(String(name))
            }
        }
        let standard: Set<String> = [
            "_G", "collectgarbage", "coroutine", "debug", "error", "getmetatable", "io", "ipairs", "load", "math",
            "next", "os", "pairs", "rawset", "require", "select", "setmetatable", "string", "table", "tostring",
            "type", "utf8",
        ]
        #expect(problems == [])
        #expect(reads.subtracting(standard) == [], "globals that are not the standard library's")
        #expect(reads.count > 10, "the listing was not read (\(listing.prefix(200)))")
    }

    /// `luac5.4 -p -l FILE`: the bytecode listing, without running anything.
    private func luacListing(_ path: String) throws -> String {
        let (status, output) = try runProgram(["luac5.4", "-p", "-l", path])
        try #require(status == 0, "luac5.4 -p failed (install lua5.4: sh Scripts/setup.sh): \(output)")
        return output
    }
}
