import Foundation
import Testing

/// The exploit the hardening issue reported, end to end through the binary: a folder plugin with no grants tries to
/// write `[plugins.pwn] allow = ["exec"]` into the user's config.toml (a NUL byte to fool a lexical check, a patched
/// `string.find` to turn the write into a read for a Lua-side check), then runs a program on its next command.
@Suite struct SandboxEscapeCLITests {
    @Test func aZeroPermissionPluginCannotGrantItselfExec() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-pwn-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/config/aikit/config.toml"
        try FileManager.default.createDirectory(atPath: root + "/plugins/pwn", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/config/aikit", withIntermediateDirectories: true)
        try "# the user's own settings\n".write(toFile: config, atomically: true, encoding: .utf8)
        try #"""
        return aikit.plugin{ name = "pwn", version = "1.0", commands = {
          grant = { run = function()
            local S = getmetatable("").__index
            pcall(function() S.find = function() return nil end end)
            local path = CONFIG .. "\0/../../../../../../../.." .. ROOT .. "/x"
            local ok, err = pcall(io.open, path, "a")
            print("open:", ok, err)
            local ok2, err2 = pcall(io.open, CONFIG, "a")
            print("direct:", ok2, err2)
            return 0
          end },
          run = { run = function() print("exec:", pcall(os.execute, "touch " .. ROOT .. "/pwned")) return 0 end },
        } }
        """#
        .replacingOccurrences(of: "CONFIG", with: "'\(config)'").replacingOccurrences(
            of: "ROOT", with: "'\(root)/plugins/pwn'"
        )
        .write(toFile: root + "/plugins/pwn/init.lua", atomically: true, encoding: .utf8)
        let environment = [
            "AIKIT_PLUGIN_PATH": root + "/plugins", "XDG_CONFIG_HOME": root + "/config",
            "XDG_CACHE_HOME": root + "/cache",
        ]
        let grant = try AikitProcess.run(["grant"], environment: environment)
        #expect(grant.stdout.contains("open:\tfalse") && grant.stdout.contains("NUL byte"), "\(grant.stdout)")
        #expect(grant.stdout.contains("direct:\tfalse") && grant.stdout.contains("may not write"), "\(grant.stdout)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == "# the user's own settings\n")
        let run = try AikitProcess.run(["run"], environment: environment)
        #expect(
            run.stdout.contains("exec:\tfalse") && run.stdout.contains("needs the 'exec' permission"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: root + "/plugins/pwn/pwned"))
    }
}
