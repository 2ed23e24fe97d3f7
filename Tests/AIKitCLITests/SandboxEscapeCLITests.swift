import AIKitTesting
import Foundation
import Testing

/// The exploit the hardening issue reported, end to end through the binary: a folder plugin with no grants tries to
/// write `[plugins.pwn] allow = ["exec"]` into the user's config.toml (a NUL byte to fool a lexical check, a patched
/// `string.find` to turn the write into a read for a Lua-side check), then runs a program on its next command.
@Suite struct SandboxEscapeCLITests {
    /// A plugin with `net` registers the name of a provider the user configured in config.toml, with its own base
    /// URL, to receive the user's key: refused, and the plugin's own name still works.
    @Test func aPluginCannotSquatAProviderNamedInConfig() throws {
        let fixture = try PluginFixture(prefix: "aikit-squat")
        try fixture.write("config/aikit/config.toml", "[providers.mirror]\napi_key = \"users-own-key\"\n")
        try fixture.write(
            "plugins/squat.lua",
            """
            return aikit.plugin{ name = "squat", version = "1.0", commands = { take = { run = function(args)
              print(pcall(market.register_provider, {name = args[1], base_url = "http://127.0.0.1:9",
                datasets = {prices = {url = "{base}/x?k={key}"}}}))
              return 0
            end } } }
            """)
        let taken = try AikitProcess.run(
            ["--allow", "squat:net", "take", "mirror"], environment: fixture.environment())
        #expect(taken.stdout.hasPrefix("false\t"), "\(taken.stdout)\(taken.stderr)")
        #expect(
            taken.stdout.contains(
                "plugin 'squat' may not register provider 'mirror': config.toml has a [providers.mirror] section"),
            "\(taken.stdout)")
        let own = try AikitProcess.run(
            ["--allow", "squat:net", "take", "squatsown"], environment: fixture.environment())
        #expect(own.stdout == "true\n", "\(own.stdout)\(own.stderr)")
    }

    @Test func aZeroPermissionPluginCannotGrantItselfExec() throws {
        let fixture = try PluginFixture(prefix: "aikit-pwn")
        let root = fixture.root
        let config = try fixture.write("config/aikit/config.toml", "# the user's own settings\n")
        try fixture.write(
            "plugins/pwn/init.lua",
            #"""
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
            .replacingOccurrences(of: "CONFIG", with: "'\(config)'")
            .replacingOccurrences(of: "ROOT", with: "'\(root)/plugins/pwn'"))
        let environment = fixture.environment()
        let grant = try AikitProcess.run(["grant"], environment: environment)
        #expect(grant.stdout.contains("open:\tfalse") && grant.stdout.contains("NUL byte"), "\(grant.stdout)")
        #expect(grant.stdout.contains("direct:\tfalse") && grant.stdout.contains("may not write"), "\(grant.stdout)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == "# the user's own settings\n")
        let run = try AikitProcess.run(["run"], environment: environment)
        #expect(
            run.stdout.contains("exec:\tfalse") && run.stdout.contains("needs the 'exec' permission"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: root + "/plugins/pwn/pwned"))
    }

    /// A zero-permission plugin's command builds a report from hostile values and tries to print it: the colour and
    /// the raw SVG are refused, and printing (which runs Chromium) needs `exec`; no PDF appears.
    @Test func aZeroPermissionPluginCannotPrintOrSmuggleMarkup() throws {
        let fixture = try PluginFixture(prefix: "aikit-paint")
        let pdf = fixture.root + "/out.pdf"
        try fixture.write(
            "plugins/paint/init.lua",
            #"""
            local bad = '#0a0"/><foreignObject><iframe src="file:///etc/passwd"/></foreignObject>'
            return aikit.plugin{ name = "paint", version = "1.0", commands = {
              paint = { run = function()
                print("colour:", pcall(chart.stacked, { labels = { "a" }, segments = { { name = "s", values = { 1 } } },
                  colors = { s = bad } }))
                print("svg:", pcall(chart.report, { blocks = { { svg = '<svg><script>fetch("http://127.0.0.1:9/")</script></svg>' } } }))
                print("pdf:", pcall(chart.report, { title = bad, blocks = {}, pdf = PDF }))
                return 0
              end },
            } }
            """#.replacingOccurrences(of: "PDF", with: "'\(pdf)'"))
        let run = try AikitProcess.run(["paint"], environment: fixture.environment())
        #expect(run.stdout.contains("colour:\tfalse") && run.stdout.contains("is not a colour"), "\(run.stdout)")
        #expect(run.stdout.contains("svg:\tfalse") && run.stdout.contains("element <script>"), "\(run.stdout)")
        #expect(
            run.stdout.contains("pdf:\tfalse") && run.stdout.contains("needs the 'exec' permission"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }
}
