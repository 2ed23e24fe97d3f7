import AIKitScripting
import AIKitTesting
import Foundation
import LuaRuntime
import Testing

/// One attempt to get out of the sandbox: Lua run inside a zero-permission (or narrowly granted) plugin, the refusal
/// its error must contain, and paths that must not exist afterwards. Placeholders: $ROOT the plugin's own folder,
/// $OUT a folder outside every grant (holding secret.txt), $G a folder granted for writing only when `grants` says
/// so, $FIX the fixture (which holds the plugin search folder), $CONFIG and $CACHE aikit's own folders.
struct EscapeAttempt: CustomTestStringConvertible, Sendable {
    let label: String
    let code: String
    let expected: String
    var grants: [String] = []
    var mustNotExist: [String] = []

    var testDescription: String { label }
}

/// A fixture with a folder plugin `probe`, another plugin `other`, an outside folder with a secret, a granted
/// folder, and the links an attacker would plant.
final class EscapeFixture {
    let fixture: PluginFixture
    var root: String { fixture.root + "/a/probe" }
    var outside: String { fixture.root + "/outside" }
    var granted: String { fixture.root + "/granted" }

    init() throws {
        fixture = try PluginFixture()
        try fixture.write("a/probe/init.lua", PluginFixture.probe())
        try fixture.write("a/other/init.lua", #"return aikit.plugin{name = "other", version = "1.0"}"#)
        try fixture.write("outside/secret.txt", "secret")
        try fixture.write("outside/secret2.txt", "secret2")
        try fixture.write("granted/plain.txt", "plain")
        let files = FileManager.default
        try files.createSymbolicLink(atPath: root + "/etc", withDestinationPath: "/etc")
        try files.createSymbolicLink(atPath: root + "/procself", withDestinationPath: "/proc/self")
        try files.createSymbolicLink(atPath: root + "/link.txt", withDestinationPath: outside + "/secret.txt")
        try files.linkItem(atPath: outside + "/secret.txt", toPath: root + "/hard.txt")
        try files.createSymbolicLink(atPath: granted + "/link", withDestinationPath: outside + "/secret.txt")
        try files.createSymbolicLink(atPath: granted + "/out", withDestinationPath: outside)
        try files.createSymbolicLink(atPath: granted + "/link.csv", withDestinationPath: outside + "/secret.txt")
        try files.linkItem(atPath: outside + "/secret2.txt", toPath: granted + "/hard.txt")
        #expect(mkfifo(granted + "/fifo", 0o600) == 0)
    }

    func expand(_ text: String) -> String {
        text.replacingOccurrences(of: "$ROOT", with: root).replacingOccurrences(of: "$OUT", with: outside)
            .replacingOccurrences(of: "$G", with: granted).replacingOccurrences(of: "$FIX", with: fixture.root)
            .replacingOccurrences(of: "$CONFIG", with: AikitFolders.config)
            .replacingOccurrences(of: "$CACHE", with: AikitFolders.cache)
    }

    /// Every path below the fixture (links not followed) with its size and content, the plugin cache left out.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        func walk(_ folder: String) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = folder + "/" + name
                if path == fixture.root + "/cache" { continue }
                let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
                let type = attributes[.type] as? FileAttributeType
                if type == .typeDirectory {
                    result[path] = "folder"
                    walk(path)
                } else if type == .typeSymbolicLink {
                    result[path] =
                        "link to " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
                } else if type == .typeRegular {
                    result[path] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "unreadable"
                } else {
                    result[path] = "\(type?.rawValue ?? "other")"
                }
            }
        }
        walk(fixture.root)
        return result
    }
}

@Suite struct SandboxEscapeTests {
    static let nul = "\\0"

    static let attempts: [EscapeAttempt] = [
        // NUL bytes: the check would see the whole string, the OS only the part before the NUL.
        .init(
            label: "io.open write with NUL", code: "return io.open('$OUT/x\(nul)/../../a/probe/x', 'w')",
            expected: "NUL byte", mustNotExist: ["$OUT/x"]),
        .init(
            label: "io.open read with NUL", code: "return io.open('$OUT/secret.txt\(nul)/../../a/probe/init.lua')",
            expected: "NUL byte"),
        .init(
            label: "io.lines with NUL", code: "for l in io.lines('$OUT/secret.txt\(nul)/../a/probe/init.lua') do end",
            expected: "NUL byte"),
        .init(
            label: "loadfile with NUL", code: "return loadfile('$OUT/secret.txt\(nul)/../a/probe/init.lua')",
            expected: "NUL byte"),
        .init(
            label: "dofile with NUL", code: "return dofile('$OUT/secret.txt\(nul)/../a/probe/init.lua')",
            expected: "NUL byte"),
        .init(
            label: "os.remove with NUL", code: "return os.remove('$OUT/secret.txt\(nul)/../../a/probe/x')",
            expected: "NUL byte"),
        .init(
            label: "os.rename with NUL", code: "return os.rename('$OUT/secret.txt\(nul)/../../a/probe/x', '$ROOT/y')",
            expected: "NUL byte", grants: ["write:$G"]),
        .init(
            label: "market.open with NUL", code: "return market.open('$OUT/m.sqlite\(nul)/../../granted/m')",
            expected: "NUL byte", grants: ["write:$G"], mustNotExist: ["$OUT/m.sqlite"]),
        .init(
            label: "store:import with NUL",
            code: "return market.sample():import('$OUT/secret.txt\(nul)/../../a/probe/init.lua')", expected: "NUL byte"),
        .init(
            label: "store:import of a granted folder holding links out of it (hard.txt comes first)",
            code: "return market.sample():import('$G')", expected: "granted/hard.txt has 2 hard links",
            grants: ["read:$G"]),
        .init(
            label: "compliance.load of a hard link in a granted folder to a file outside",
            code: "return compliance.load('$G/hard.txt')", expected: "has 2 hard links", grants: ["read:$G"]),
        .init(
            label: "store:import of a hard link in a granted folder to a file outside",
            code: "return market.open(':memory:'):import('$G/hard.txt')", expected: "has 2 hard links",
            grants: ["read:$G"]),
        .init(
            label: "to_csv over a hard link in a granted folder to a file outside",
            code: "return market.frame{a = {1}}:to_csv('$G/hard.txt')", expected: "has 2 hard links",
            grants: ["write:$G"]),
        .init(
            label: "compliance.import_parties of a FIFO in a granted folder",
            code: "return compliance.import_parties('$G/fifo')", expected: "plugins may open regular files only",
            grants: ["read:$G"]),
        .init(
            label: "to_csv with NUL",
            code: "return market.sample():bars{symbols='NVDA'}:to_csv('$OUT/x.csv\(nul)/../../granted/x.csv')",
            expected: "NUL byte", grants: ["write:$G"], mustNotExist: ["$OUT/x.csv"]),
        .init(
            label: "chart.report path with NUL",
            code: "return chart.report{title = 'x', blocks = {}, path = '$OUT/r.html\(nul)/../../granted/r.html'}",
            expected: "NUL byte", grants: ["write:$G"], mustNotExist: ["$OUT/r.html"]),
        .init(
            label: "chart.report outside the grants",
            code: "return chart.report{title = 'x', blocks = {}, path = '$OUT/r.html'}", expected: "may not write",
            mustNotExist: ["$OUT/r.html"]),
        .init(
            label: "import_parties with NUL",
            code: "return compliance.import_parties('$OUT/secret.txt\(nul)/../a/probe/init.lua')", expected: "NUL byte"),
        .init(
            label: "require with NUL", code: "return require('probe.x\(nul)/../../../outside/secret')",
            expected: "not available to plugins"),
        .init(
            label: "io.open mode with NUL", code: "return io.open('$G/m.txt', 'r\(nul)w')", expected: "invalid mode",
            grants: ["read:$G"], mustNotExist: ["$G/m.txt"]),
        // The sandbox's own code cannot be patched from the plugin.
        .init(
            label: "patch string metatable __index", code: "getmetatable('').__index.find = function() end",
            expected: "read-only table"),
        .init(
            label: "rawset on string methods", code: "rawset(getmetatable('').__index, 'find', print)",
            expected: "read-only table"),
        .init(label: "replace string.find", code: "string.find = function() end", expected: "read-only table 'string'"),
        .init(label: "replace table.concat", code: "table.concat = print", expected: "read-only table 'table'"),
        .init(label: "replace math.floor", code: "math.floor = print", expected: "read-only table 'math'"),
        .init(
            label: "strip the string metatable", code: "setmetatable(getmetatable(''), nil)",
            expected: "cannot change a protected metatable"),
        .init(
            label: "patch file methods", code: "getmetatable(io.stdout).__index.write = print",
            expected: "read-only table"),
        .init(
            label: "patch file methods found by pairs",
            code: "for k, v in pairs(getmetatable(io.stdout)) do if k == '__index' then v.write = print end end",
            expected: "read-only table"),
        .init(
            label: "write after trying patches",
            code: """
                pcall(function() getmetatable('').__index.find = function() return nil end end)
                pcall(function() string.find = function() return nil end end)
                return io.open('$OUT/x', 'w')
                """, expected: "may not write", mustNotExist: ["$OUT/x"]),
        // load: text only, and a custom environment gives no new powers.
        .init(label: "load binary mode", code: "return load('\\27Lua', 'x', 'b')", expected: "text chunks only"),
        .init(
            label: "load binary via reader",
            code: "local s = '\\27LuaT' return assert(load(function() local r = s s = nil return r end))()",
            expected: "binary chunk"),
        .init(
            label: "load with custom env",
            code: "return load(\"return io.open('$OUT/x', 'w')\", 'x', 't', {io = io})()", expected: "may not write",
            mustNotExist: ["$OUT/x"]),
        .init(label: "string.dump", code: "return string.dump(print)", expected: "attempt to call a nil value"),
        // Metamethods and coroutines run under the same sandbox.
        .init(
            label: "__gc writing",
            code:
                "setmetatable({}, {__gc = function() io.open('$OUT/gc', 'w') end}) collectgarbage() collectgarbage() error('gc ran')",
            expected: "gc ran", mustNotExist: ["$OUT/gc"]),
        .init(
            label: "__close writing",
            code:
                "do local x <close> = setmetatable({}, {__close = function() assert(io.open('$OUT/close', 'w')) end}) end",
            expected: "may not write", mustNotExist: ["$OUT/close"]),
        .init(
            label: "coroutine.wrap", code: "return coroutine.wrap(function() return io.open('$OUT/co', 'w') end)()",
            expected: "may not write", mustNotExist: ["$OUT/co"]),
        .init(
            label: "resumed coroutine",
            code:
                "local co = coroutine.create(function() coroutine.yield() return io.open('$OUT/secret.txt') end) coroutine.resume(co) local ok, err = coroutine.resume(co) error(err, 0)",
            expected: "may not read"),
        // Links and traversal.
        .init(label: "symlinked folder to /etc", code: "return io.open('$ROOT/etc/passwd')", expected: "may not read"),
        .init(
            label: "symlinked file out of the plugin folder", code: "return io.open('$ROOT/link.txt')",
            expected: "symbolic link"),
        .init(
            label: "hard link out of the plugin folder", code: "return io.open('$ROOT/hard.txt'):read('a')",
            expected: "hard links"),
        .init(
            label: "write through a symlink in a granted folder", code: "return io.open('$G/link', 'w')",
            expected: "symbolic link", grants: ["write:$G"]),
        .init(
            label: "write through a hard link in a granted folder", code: "return io.open('$G/hard.txt', 'w')",
            expected: "hard links", grants: ["write:$G"]),
        .init(
            label: "symlinked folder in a granted folder", code: "return io.open('$G/out/new', 'w')",
            expected: "may not write", grants: ["write:$G"], mustNotExist: ["$OUT/new"]),
        .init(
            label: "dot-dot out of the plugin folder", code: "return io.open('$ROOT/../../outside/secret.txt')",
            expected: "may not read"),
        .init(
            label: "relative dot-dot", code: "return io.open('../../../../../../../../etc/passwd')",
            expected: "may not read"),
        .init(
            label: "remove through a symlinked folder", code: "return os.remove('$G/out/secret.txt')",
            expected: "may not write", grants: ["write:$G"]),
        .init(
            label: "rename out of a granted folder", code: "return os.rename('$G/plain.txt', '$OUT/plain.txt')",
            expected: "may not write", grants: ["write:$G"], mustNotExist: ["$OUT/plain.txt"]),
        // /proc.
        .init(label: "/proc/self/root", code: "return io.open('/proc/self/root/etc/passwd')", expected: "may not read"),
        .init(label: "/proc/self/mem", code: "return io.open('/proc/self/mem', 'r+')", expected: "may not write"),
        .init(
            label: "link to /proc/self", code: "return io.open('$ROOT/procself/cwd/secret')", expected: "may not read"),
        .init(label: "/proc/self/fd", code: "return io.open('/proc/self/fd/1', 'w')", expected: "may not write"),
        // Long paths, folders, FIFOs, standard input.
        .init(
            label: "very long path", code: "return io.open('$ROOT/' .. string.rep('a/', 3000) .. 'x')",
            expected: "bytes long"),
        .init(label: "a folder as a file", code: "return io.open('$ROOT/..')", expected: "names a folder"),
        .init(label: "a FIFO", code: "return io.open('$G/fifo')", expected: "not a regular file", grants: ["read:$G"]),
        .init(label: "loadfile of standard input", code: "return loadfile()", expected: "cannot read standard input"),
        // aikit's own files and other plugins' code, whatever was granted.
        .init(
            label: "another plugin's code", code: "return io.open('$FIX/a/other/init.lua', 'w')",
            expected: "plugin code", grants: ["write:$FIX"]),
        .init(
            label: "remove another plugin", code: "return os.remove('$FIX/a/other/init.lua')", expected: "plugin code",
            grants: ["write:$FIX"]),
        .init(
            label: "rename own code away", code: "return os.rename('$ROOT/init.lua', '$FIX/granted/init.lua')",
            expected: "plugin code", grants: ["write:$FIX"]),
        .init(
            label: "aikit's config.toml", code: "return io.open('$CONFIG/config.toml', 'a')",
            expected: "aikit's own configuration", grants: ["write:$CONFIG"]),
        .init(
            label: "aikit's cache", code: "return io.open('$CACHE/plugin-declarations.json', 'w')",
            expected: "aikit's own configuration", grants: ["write:$CACHE"]),
        .init(
            label: "a store in aikit's config folder", code: "return market.open('$CONFIG/escape-test.sqlite')",
            expected: "aikit's own configuration", grants: ["write:$CONFIG"],
            mustNotExist: ["$CONFIG/escape-test.sqlite"]),
        // Reading aikit's own folders (provider keys in config.toml, trust records, cached responses), even under
        // a read grant of a folder that holds them.
        .init(
            label: "read aikit's config.toml", code: "return io.open('$CONFIG/config.toml'):read('a')",
            expected: "may not read", grants: ["read:$CONFIG/.."]),
        .init(
            label: "read aikit's config through a write grant", code: "return io.open('$CONFIG/config.toml', 'r')",
            expected: "may not read", grants: ["write:$CONFIG/.."]),
        .init(
            label: "io.lines of the trusted plugins", code: "for l in io.lines('$CONFIG/trusted-plugins.tsv') do end",
            expected: "may not read", grants: ["read:/"]),
        .init(
            label: "loadfile from aikit's cache", code: "return loadfile('$CACHE/plugin-declarations.json')",
            expected: "may not read", grants: ["read:$CACHE"]),
        .init(
            label: "compliance.load of config.toml", code: "return compliance.load('$CONFIG/config.toml')",
            expected: "may not read", grants: ["read:$CONFIG"]),
        // Reports: a plugin's charts and pages stay data, and it cannot print them.
        .init(
            label: "chart colour that closes its attribute",
            code: #"return chart.heatmap{rows = {'r'}, columns = {'c'}, cells = {{'x'}}, colors = {x = '#0a0"/>'"#
                + #" .. '<foreignObject><iframe src="file:///etc/passwd"/></foreignObject>'}}"#,
            expected: "field 'colors' maps 'x' to '#0a0\\\"/><foreignObject>"),
        .init(
            label: "report svg block with a script",
            code: "return chart.report{title = 'x', blocks = {{svg = '<svg><script>fetch(1)</script></svg>'}}}",
            expected: "element <script> (line 1, column 6) is not allowed in a report's SVG"),
        .init(
            label: "report svg block with a foreign object",
            code: "return chart.report{title = 'x', blocks = {{svg = '<svg><foreignObject/></svg>'}}}",
            expected: "element <foreignObject> (line 1, column 6) is not allowed in a report's SVG"),
        .init(
            label: "report printed to PDF", code: "return chart.report{title = 'x', blocks = {}, pdf = '$OUT/r.pdf'}",
            expected: "needs the 'exec' permission", mustNotExist: ["$OUT/r.pdf"]),
        // Providers: a plugin with `net` may register one, but not under a built-in's name, and not with a URL
        // template that moves the request (and the key) to another host.
        .init(
            label: "a built-in provider's name",
            code: "market.register_provider{name = 'fmp', base_url = 'http://127.0.0.1:9', "
                + "datasets = {prices = {url = '{base}/x?k={key}'}}}", expected: "is a built-in provider",
            grants: ["net"]),
        .init(
            label: "a provider template that turns the base into userinfo",
            code: "market.register_provider{name = 'hostmove', base_url = 'http://127.0.0.1:9101', "
                + "datasets = {d = {url = '{base}@127.0.0.1:9102/x?k={key}'}}}",
            expected: "followed by '/' or '?'", grants: ["net"]),
        .init(
            label: "a provider base URL with userinfo",
            code: "market.register_provider{name = 'userinfo', base_url = 'http://a:b@127.0.0.1:9102', "
                + "datasets = {d = {url = '{base}/x?k={key}'}}}", expected: "has userinfo", grants: ["net"]),
        // Read-only tables: pairs hands out its iteration state, which must not be the backing table.
        .init(
            label: "string's backing table through pairs",
            code: "local _, t = pairs(string); rawset(t, 'format', nil); t.format = nil",
            expected: "attempt to modify a read-only table with rawset"),
        .init(
            label: "an engine module's backing table through pairs",
            code: "local _, t = pairs(market); t.open = function() end",
            expected: "attempt to modify read-only table 'aikit.market' (field 'open')"),
        .init(
            label: "string's backing table through next on what pairs hands out",
            code: "local _, t = pairs(string); assert(next(t) == nil and rawget(t, 'format') == nil); "
                + "local n = 0; for _ in pairs(string) do n = n + 1 end; assert(n > 10); error('nothing to write')",
            expected: "nothing to write"),
        // Programs.
        .init(
            label: "os.execute", code: "return os.execute('touch $OUT/ran')", expected: "needs the 'exec' permission",
            mustNotExist: ["$OUT/ran"]),
        .init(
            label: "io.popen", code: "return io.popen('touch $OUT/ran')", expected: "needs the 'exec' permission",
            mustNotExist: ["$OUT/ran"]),
    ]

    @Test(arguments: attempts)
    func escapeIsRefusedWithNoEffectOnDisk(_ attempt: EscapeAttempt) throws {
        let escape = try EscapeFixture()
        let before = escape.snapshot()
        let host = try escape.fixture.host(allow: attempt.grants.map { "probe:" + escape.expand($0) })
        let results = try host.run(plugin: "probe", command: "try", arguments: [.string(escape.expand(attempt.code))])
        #expect(results.first == false, "\(attempt.label): allowed, returned \(results)")
        let message = results.last?.stringValue ?? "\(results)"
        #expect(message.contains(attempt.expected), "\(attempt.label): \(message)")
        #expect(escape.snapshot() == before, "\(attempt.label) changed the disk")
        for path in attempt.mustNotExist.map(escape.expand) {
            #expect(!FileManager.default.fileExists(atPath: path), "\(attempt.label) created \(path)")
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// A plugin with `net` registering the name of a provider the user configured would receive the user's key.
    @Test func aPluginCannotSquatAProviderTheUserConfigured() throws {
        setenv("AIKIT_ESCAPESQUAT_API_KEY", "users-own-key", 1)
        let escape = try EscapeFixture()
        let host = try escape.fixture.host(allow: ["probe:net"])
        let code =
            "market.register_provider{name = 'escapesquat', base_url = 'http://127.0.0.1:9', "
            + "datasets = {prices = {url = '{base}/x?k={key}'}}}"
        let results = try host.run(plugin: "probe", command: "try", arguments: [.string(code)])
        #expect(results.first == false, "\(results)")
        let message = results.last?.stringValue ?? ""
        #expect(message.contains("may not register provider 'escapesquat'"), "\(message)")
        #expect(message.contains("AIKIT_ESCAPESQUAT_API_KEY is set"), "\(message)")
        // A name the user did not define is the plugin's to register.
        let own = code.replacingOccurrences(of: "escapesquat", with: "pluginsown")
        #expect(try host.run(plugin: "probe", command: "try", arguments: [.string(own)]) == [true])
    }

    @Test func grantedAccessStillWorks() throws {
        let escape = try EscapeFixture()
        let host = try escape.fixture.host(allow: ["probe:write:\(escape.granted)"])
        let code = """
            local f = assert(io.open('\(escape.granted)/new.txt', 'w')) f:write('one\\ntwo\\n') f:close()
            local lines = {} for l in io.lines('\(escape.granted)/new.txt') do lines[#lines + 1] = l end
            assert(os.rename('\(escape.granted)/new.txt', '\(escape.granted)/renamed.txt'))
            local own = assert(io.open('\(escape.root)/init.lua')):read('a')
            assert(os.remove('\(escape.granted)/renamed.txt'))
            return table.concat(lines, ','), #own > 0, ('abc'):find('b')
            """
        let results = try host.run(plugin: "probe", command: "try", arguments: [.string(code)])
        #expect(results == [true, "one,two", true, 2, 2], "\(results)")
        #expect(!FileManager.default.fileExists(atPath: escape.granted + "/renamed.txt"))
    }

    /// A write grant is not a licence to fill the disk: past `write_mb` a handle's write fails as on a full disk
    /// (and keeps failing), a new handle or a host function's write is refused, and reading stays possible.
    @Test func aPluginsWritesStopAtItsQuota() throws {
        let escape = try EscapeFixture()
        let host = try escape.fixture.host(allow: ["probe:write:\(escape.granted)"], writeMB: 1)
        let code = """
            local f = assert(io.open('\(escape.granted)/big.bin', 'wb'))
            local chunk, ok, err = string.rep('x', 65536)
            for i = 1, 64 do
              ok, err = f:write(chunk)
              if not ok then break end
            end
            local again = f:write(chunk)
            f:close()
            local reopen, reopenErr = pcall(io.open, '\(escape.granted)/more.bin', 'w')
            local csv = pcall(function() market.frame{a = {1, 2}}:to_csv('\(escape.granted)/f.csv') end)
            local readable = io.open('\(escape.granted)/plain.txt'):read('a')
            return err, again == nil, reopen, tostring(reopenErr), csv, readable
            """
        let results = try host.run(plugin: "probe", command: "try", arguments: [.string(code)])
        #expect(results.first == true, "\(results)")
        #expect(results.count == 7)
        #expect(results[1].stringValue?.contains("quota") == true, "\(results)")
        #expect(results[2] == true)
        #expect(results[3] == false)
        #expect(results[4].stringValue?.contains("write_mb") == true, "\(results)")
        #expect(results[5] == false)
        #expect(results[6] == "plain")
        let size = (try FileManager.default.attributesOfItem(atPath: escape.granted + "/big.bin")[.size] as? Int) ?? -1
        #expect(size <= 1_048_576 && size > 900_000, "wrote \(size) bytes")
        #expect(!FileManager.default.fileExists(atPath: escape.granted + "/f.csv"))
    }

    @Test func finalizersAtCloseStayInTheSandbox() throws {
        let escape = try EscapeFixture()
        do {
            let host = try escape.fixture.host()
            let code =
                "keep = setmetatable({}, {__gc = function() io.open('\(escape.outside)/at-close', 'w') end}) return 1"
            #expect(try host.run(plugin: "probe", command: "try", arguments: [.string(code)]) == [true, 1])
        }
        #expect(!FileManager.default.fileExists(atPath: escape.outside + "/at-close"))
    }

    @Test func functionsAndUserdataDoNotCrossStates() throws {
        let escape = try EscapeFixture()
        let script = try ScriptEnvironment(plugins: try escape.fixture.host())
        #expect(throws: LuaError.self) { try script.lua.run("return plugins.probe.try(print)") }
        do {
            _ = try script.lua.run("return plugins.probe.try(print)")
        } catch let error as LuaError {
            #expect(error.message.contains("cannot cross between Lua states"), "\(error.message)")
        }
        let returned = try script.lua.run("return pcall(plugins.probe.try, 'return true, io.stdout')")
        #expect(returned.first == false)
        #expect(returned.last?.stringValue?.contains("cannot cross between Lua states") == true, "\(returned)")
        let tostring = try script.lua.run(
            "local ok, t = plugins.probe.try(\"return setmetatable({}, {__tostring = function() io.open('\(escape.outside)/ts', 'w') return 'x' end})\") return tostring(t):sub(1, 6)"
        )
        #expect(tostring == ["table:"])
        #expect(!FileManager.default.fileExists(atPath: escape.outside + "/ts"))
    }

    /// Hostile chart values handed over by a plugin with no grants stay data in the script's charts and report: the
    /// colour is refused where it enters, the labels are escaped, and a chart's SVG with a script spliced in is refused.
    @Test func hostileChartValuesFromAPluginStayData() throws {
        let escape = try EscapeFixture()
        let script = try ScriptEnvironment(plugins: try escape.fixture.host())
        let results = try script.lua.run(
            #"""
            local _, p = plugins.probe.try([==[return '#0a0"/><foreignObject><iframe src="file:///etc/passwd"/>'
              .. '</foreignObject><script>fetch("http://127.0.0.1:9/x")</script><rect fill="#0a0']==])
            local coloured, err = pcall(chart.heatmap, {rows = {'r'}, columns = {'c'}, cells = {{'x'}}, colors = {x = p}})
            local svg = chart.bar{title = p, labels = {p}, values = {1}, unit = p}
            local page = chart.report{title = p, blocks = {{svg = svg}, {text = p}, {table = {columns = {p}, rows = {{p}}}}}}
            local spliced, err2 = pcall(chart.report, {blocks = {{svg = svg:gsub('</svg>$', '<script>x()</script></svg>')}}})
            return coloured, err, page:find('<script', 1, true) == nil and page:find('<foreignObject', 1, true) == nil,
              spliced, err2
            """#)
        #expect(results[0] == false)
        #expect(results[1].stringValue?.contains("is not a colour") == true, "\(results)")
        #expect(results[2] == true, "a plugin's label became markup")
        #expect(results[3] == false)
        #expect(results[4].stringValue?.contains("element <script>") == true, "\(results)")
    }
}
