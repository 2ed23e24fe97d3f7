import AIKitScripting
import AIKitTesting
import Foundation
import LuaRuntime
import Testing

@Suite struct PluginTests {
    @Test func discoveryOrderAndShadowing() throws {
        let fixture = try PluginFixture()
        try fixture.write(
            "a/same.lua",
            #"return aikit.plugin{name = "same", version = "1.0", commands = {which = {run = function() return "a" end}}}"#
        )
        try fixture.write(
            "b/same.lua",
            #"return aikit.plugin{name = "same", version = "2.0", commands = {which = {run = function() return "b" end}}}"#
        )
        try fixture.write("b/other/init.lua", #"return aikit.plugin{name = "other", version = "1.0"}"#)
        let host = try fixture.host(["a", "b"])
        #expect(host.sources.map(\.name) == ["same", "other"])
        #expect(try host.run(plugin: "same", command: "which", arguments: []) == ["a"])
        let statuses = host.statuses()
        let shadowed = try #require(
            statuses.first { if case .shadowed = $0.state { return true } else { return false } })
        #expect(shadowed.path.hasSuffix("b/same.lua"))
    }

    @Test func brokenPluginsAreReportedAndSkipped() throws {
        let fixture = try PluginFixture()
        try fixture.write("a/syntax.lua", "return aikit.plugin{ name = 'syntax', version = '1.0',\n  oops oops }")
        try fixture.write(
            "a/setupfails.lua",
            """
            return aikit.plugin{ name = "setupfails", version = "1.0",
              setup = function(ctx) error("cannot set up " .. ctx.name) end }
            """)
        try fixture.write(
            "a/future.lua", #"return aikit.plugin{ name = "future", version = "1.0", requires = { aikit = ">=9.0" } }"#)
        try fixture.write(
            "a/baddecl.lua",
            #"return aikit.plugin{ name = "baddecl", version = "1.0", commands = { go = { run = 42 } } }"#)
        try fixture.write("a/wrongname.lua", #"return aikit.plugin{ name = "other", version = "1.0" }"#)
        try fixture.write(
            "a/good.lua",
            #"return aikit.plugin{ name = "good", version = "1.0", commands = { hi = { run = function() return "hi" end } } }"#
        )
        let host = try fixture.host()
        let reasons = Dictionary(
            uniqueKeysWithValues: host.statuses().map { status -> (String, String) in
                if case .failed(let why) = status.state { return (status.name, why) }
                return (status.name, "ok")
            })
        #expect(reasons["syntax"]?.contains("syntax.lua:2:") == true)
        #expect(reasons["setupfails"]?.contains("setupfails.lua:2: cannot set up setupfails") == true)
        #expect(reasons["future"]?.contains("requires aikit >=9.0, but this is aikit 0.1.0") == true)
        #expect(reasons["baddecl"]?.contains("field 'commands.go.run' must be a function") == true)
        #expect(reasons["wrongname"]?.contains("name 'other' does not match") == true)
        #expect(reasons["good"] == "ok")
        #expect(try host.run(plugin: "good", command: "hi", arguments: []) == ["hi"])
    }

    @Test func pluginsLoadOnlyWhenTouched() throws {
        let fixture = try PluginFixture()
        try fixture.write(
            "a/lazy.lua",
            #"return aikit.plugin{ name = "lazy", version = "1.0", commands = { twice = { run = function(args) return args[1] * 2 end } } }"#
        )
        try fixture.write("a/broken.lua", "this is not lua")
        let host = try fixture.host()
        let script = try ScriptEnvironment(plugins: host)
        try script.lua.run("local x = 1 + 1")
        #expect(host.loadedNames.isEmpty)
        #expect(try script.lua.run("return plugins.lazy.twice(21)") == [42])
        #expect(host.loadedNames == ["lazy"])
        #expect(throws: LuaError.self) { try script.lua.run("return plugins.broken") }
    }

    @Test func permissionsAreRefusedWithTheGrantToAsk() throws {
        let fixture = try PluginFixture()
        try fixture.write("a/probe.lua", PluginFixture.probe())
        let target = fixture.root + "/out/report.txt"
        try FileManager.default.createDirectory(atPath: fixture.root + "/out", withIntermediateDirectories: true)
        let code = "local f = assert(io.open('\(target)', 'w')) f:write('ok') f:close() return 'written'"
        let refused = try fixture.host().run(plugin: "probe", command: "try", arguments: [.string(code)])
        #expect(refused.first == false)
        let message = refused.last?.stringValue ?? ""
        #expect(message.contains("io.open: plugin 'probe' may not write \(target);"))
        #expect(message.contains("--allow probe:write:\(fixture.root)/out"))
        let granted = try fixture.host(allow: ["probe:write:\(fixture.root)/out"])
            .run(plugin: "probe", command: "try", arguments: [.string(code)])
        #expect(granted == [true, "written"])
        let exec = try fixture.host().run(plugin: "probe", command: "try", arguments: [.string("os.execute('true')")])
        #expect(exec.last?.stringValue?.contains("needs the 'exec' permission for os.execute") == true)
        let allowedExec = try fixture.host(allow: ["probe:exec"])
            .run(plugin: "probe", command: "try", arguments: [.string("return os.execute('true')")])
        #expect(allowedExec.first == true)
    }

    @Test func pluginsUseMarketDataWithinTheirPermissions() throws {
        let fixture = try PluginFixture()
        try fixture.write("a/probe.lua", PluginFixture.probe())
        let sample = "return #market.sample():bars{symbols = 'NVDA'}:returns()"
        #expect(try fixture.host().run(plugin: "probe", command: "try", arguments: [.string(sample)]) == [true, 60])
        try FileManager.default.createDirectory(atPath: fixture.root + "/data", withIntermediateDirectories: true)
        let store = fixture.root + "/data/m.sqlite"
        let csv = fixture.root + "/data/out.csv"
        for (code, refusal) in [
            ("return market.open('\(store)')", "market.open: plugin 'probe' may not write \(store);"),
            (
                "return market.sample():bars{symbols = 'NVDA'}:to_csv('\(csv)')",
                "to_csv: plugin 'probe' may not write \(csv);"
            ),
            ("return market.sample():import('/etc/passwd')", "import: plugin 'probe' may not read /etc/passwd;"),
        ] {
            let refused = try fixture.host().run(plugin: "probe", command: "try", arguments: [.string(code)])
            #expect(refused.first == false)
            #expect(refused.last?.stringValue?.contains(refusal) == true, "\(refused)")
        }
        let granted = try fixture.host(allow: ["probe:write:\(fixture.root)/data"]).run(
            plugin: "probe", command: "try",
            arguments: [
                .string(
                    "return market.sample():bars{symbols = 'NVDA'}:to_csv('\(csv)'), market.open('\(store)'):check()")
            ])
        #expect(granted == [true, 60, "ok"])
    }

    @Test(arguments: [
        ("setmetatable(_G, nil)", "cannot change a protected metatable"),
        ("getmetatable('').__index = {}", "attempt to modify read-only table 'metatable'"),
        ("rawset(string, 'upper', print)", "attempt to modify a read-only table with rawset"),
        ("string.upper = print", "attempt to modify read-only table 'string'"),
        ("return load('\\27Lua', 'x', 'b')", "plugins may load text chunks only"),
        ("return assert(load('\\27LuaT'))()", "attempt to load a binary chunk"),
        ("return string.dump(print)", "attempt to call a nil value (field 'dump')"),
        ("return debug.getregistry()", "debug.getregistry is not available to plugins"),
        ("return io.open('/etc/passwd')", "io.open: plugin 'probe' may not read /etc/passwd;"),
        ("return require 'lfs'", "C modules and other Lua modules are not available to plugins"),
        ("return package.loadlib", "attempt to index a nil value (global 'package')"),
        ("return io.popen('ls')", "needs the 'exec' permission for io.popen"),
    ])
    func escapeAttemptsAreRefused(_ code: String, _ expected: String) throws {
        let fixture = try PluginFixture()
        try fixture.write("a/probe.lua", PluginFixture.probe())
        let results = try fixture.host().run(plugin: "probe", command: "try", arguments: [.string(code)])
        #expect(results.first == false, "\(code) was allowed")
        #expect(results.last?.stringValue?.contains(expected) == true, "\(code): \(results)")
    }

    @Test func pluginsExtendTheSharedCatalogsAndRules() throws {
        let fixture = try PluginFixture()
        try fixture.write(
            "a/extras.lua",
            #"""
            return aikit.plugin{ name = "extras", version = "1.0",
              setup = function(ctx)
                cost.define_gpu{ name = "Extra X1", vendor = "Acme", bf16_tflops = 400, memory_gb = 96,
                  memory_bandwidth_tbs = 4, die_area_mm2 = 800, interconnect_gbs = 900 }
                compliance.add_rules([[{"rules": [{"id": "EXTRA-NOTE", "title": "An example announcement",
                  "kind": "announcement", "effective": "2025-01-01", "precedence": 1,
                  "destinations": {"countries": ["CN"]}, "outcome": {"license_required": false},
                  "explanation": "Added by a plugin.", "citations": [{"source": "test", "evidence": "U"}],
                  "evidence": "U"}]}]], "extras")
              end }
            """#)
        let host = try fixture.host()
        let script = try ScriptEnvironment(plugins: host)
        #expect(try script.lua.run("local _ = plugins.extras return cost.gpu('extra-x1').vendor") == ["Acme"])
        #expect(
            try script.lua.run(
                """
                local r = compliance.check{chip = 'Extra X1', destination = 'China', date = '2025-06-01'}
                return r.eccn, r.notes[#r.notes]
                """) == ["3A090.a", "Added by a plugin. [U]"])
        let leak = try fixture.host()
        try fixture.write("a/probe.lua", PluginFixture.probe())
        let refused = try leak.run(
            plugin: "probe", command: "try", arguments: [.string("return compliance.import_parties('/etc/passwd')")])
        #expect(
            refused.last?.stringValue?.contains("compliance.import_parties: plugin 'probe' may not read /etc/passwd;")
                == true)
    }

    @Test func pluginsCannotReachEachOther() throws {
        let fixture = try PluginFixture()
        try fixture.write("a/probe.lua", PluginFixture.probe(extra: "secret = 'probe secret'"))
        try fixture.write("a/other.lua", PluginFixture.probe("other"))
        let host = try fixture.host()
        #expect(
            try host.run(plugin: "probe", command: "try", arguments: [.string("return secret")]) == [
                true, "probe secret",
            ])
        #expect(
            try host.run(plugin: "other", command: "try", arguments: [.string("return secret, plugins, _G.secret")])
                == [true, .nil, .nil, .nil])
        // Nor the script's globals.
        let script = try ScriptEnvironment(plugins: host)
        try script.lua.run("visible_to_plugins = 'no'")
        #expect(try script.lua.run("return plugins.other.try('return visible_to_plugins')") == [true, .nil])
    }

    @Test func limitsCannotBeSwallowed() throws {
        let fixture = try PluginFixture()
        try fixture.write("a/probe.lua", PluginFixture.probe())
        let host = try fixture.host(time: 0.3, memory: 256)
        let loop = #expect(throws: LuaError.self) {
            try host.run(
                plugin: "probe", command: "try",
                arguments: [.string("while true do pcall(function() while true do end end) end")])
        }
        #expect(loop?.kind == .timeout)
        #expect(loop?.message.contains("exceeded its 0.3 s time limit") == true)
        // A generous time limit, so only the memory cap can stop the bomb even on a loaded machine.
        let small = try fixture.host(time: 60, memory: 16)
        let bomb = #expect(throws: LuaError.self) {
            try small.run(
                plugin: "probe", command: "try",
                arguments: [.string("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end")])
        }
        #expect(bomb?.kind == .memory)
        // The plugin still works afterwards.
        #expect(try host.run(plugin: "probe", command: "try", arguments: [.string("return 1 + 1")]) == [true, 2])
        #expect(try small.run(plugin: "probe", command: "try", arguments: [.string("return 1 + 1")]) == [true, 2])
    }

    @Test func folderPluginsRequireTheirOwnModulesAndReload() throws {
        let fixture = try PluginFixture()
        try fixture.write(
            "a/kit/init.lua",
            """
            local util = require "kit.util"
            return aikit.plugin{ name = "kit", version = "1.0", commands = { answer = { run = function() return util.answer() end } } }
            """)
        try fixture.write("a/kit/util.lua", "return { answer = function() return 41 end }")
        let host = try fixture.host()
        let script = try ScriptEnvironment(plugins: host)
        #expect(try script.lua.run("return plugins.kit.answer()") == [41])
        Thread.sleep(forTimeInterval: 0.01)
        try fixture.write("a/kit/util.lua", "return { answer = function() return 42 end } -- changed")
        #expect(try script.reloadPlugins() == ["kit"])
        #expect(try script.lua.run("return plugins.kit.answer()") == [42])
    }

    @Test func declarationsAreCachedByModificationTime() throws {
        let fixture = try PluginFixture()
        try fixture.write(
            "a/cached.lua",
            #"return aikit.plugin{ name = "cached", version = "1.0", commands = { go = { help = "first", run = function() end } } }"#
        )
        do {
            let host = try fixture.host()
            #expect(host.statuses(loading: false).first?.declaration?.commands.first?.help == "first")
            #expect(host.loadedNames == ["cached"])  // not cached yet: loaded once
        }
        let second = try fixture.host()
        #expect(second.statuses(loading: false).first?.declaration?.commands.first?.help == "first")
        #expect(second.loadedNames.isEmpty)  // answered from the cache
        Thread.sleep(forTimeInterval: 0.01)
        try fixture.write(
            "a/cached.lua",
            #"return aikit.plugin{ name = "cached", version = "1.1", commands = { go = { help = "second", run = function() end } } }"#
        )
        let third = try fixture.host()
        #expect(third.statuses(loading: false).first?.declaration?.commands.first?.help == "second")
    }

    @Test func modulesRequiredLaterByACommandAreWatchedForReload() throws {
        let fixture = try PluginFixture()
        try fixture.write(
            "a/late/init.lua",
            """
            return aikit.plugin{ name = "late", version = "1.0",
              commands = { value = { run = function() return require("late.data").value end } } }
            """)
        try fixture.write("a/late/data.lua", "return { value = 1 }")
        let host = try fixture.host()
        let script = try ScriptEnvironment(plugins: host)
        #expect(try script.lua.run("return plugins.late.value()") == [1])
        try fixture.write("a/late/data.lua", "return { value = 2 } -- changed")
        #expect(try script.reloadPlugins() == ["late"])
        #expect(try script.lua.run("return plugins.late.value()") == [2])
    }

    @Test func replCompletesPluginNamesBeforeLoadingThem() throws {
        let fixture = try PluginFixture()
        try fixture.write("a/alpha.lua", PluginFixture.probe("alpha"))
        let host = try fixture.host()
        let session = ReplSession(host: try ScriptEnvironment(plugins: host), output: { _ in }, errorOutput: { _ in })
        #expect(session.completions(for: "plugins.al") == ["plugins.alpha"])
        #expect(host.loadedNames.isEmpty)
        #expect(session.completions(for: "plugins.alpha.") == ["plugins.alpha.try"])
    }

    @Test func configFileErrorsNameTheLine() throws {
        let fixture = try PluginFixture()
        let path = try fixture.write("config.toml", "[plugins.x]\nallow = [\"exec\"]\ntime_limit = soon\n")
        let error = #expect(throws: PluginError.self) { try AikitConfig.load(path: path) }
        #expect(error?.description == "\(path):3: time_limit must be a positive number, got soon")
        let good = try AikitConfig.load(
            path: try fixture.write("ok.toml", "[plugins.x]\nallow = [\"exec\", \"read:/data\"] # comment\n"))
        #expect(good.settings(for: "x").grants == [.exec, .read("/data")])
    }
}
