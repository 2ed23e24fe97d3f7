import AIKitScripting
import AIKitTesting
import Digest
import Foundation
import LuaRuntime
import Testing

@Suite struct PluginTrustTests {
    static let hello = #"""
        return aikit.plugin{ name = "hello", version = "1.0",
          commands = { run = { run = function() return pcall(os.execute, 'true') end } } }
        """#

    /// A host over `folders` with config.toml granting `hello` exec, its notices collected.
    func host(_ fixture: PluginFixture, _ folders: [String], notices: NoticeLog) throws -> PluginHost {
        let configPath = try fixture.write("config.toml", "[plugins.hello]\nallow = [\"exec\"]\n")
        let host = PluginHost(
            config: try AikitConfig.load(path: configPath), catalogs: ScriptCatalogs(),
            folders: folders.map { fixture.root + "/" + $0 }, cachePath: fixture.root + "/cache.json",
            trustPath: fixture.root + "/trusted-plugins.tsv")
        host.report = { notices.lines.append($0) }
        return host
    }

    final class NoticeLog { var lines: [String] = [] }

    @Test func grantsFollowThePluginTheyWereGivenTo() throws {
        let fixture = try PluginFixture()
        try fixture.write("user/hello.lua", Self.hello)
        let notices = NoticeLog()
        // First use: recorded, granted.
        #expect(
            try host(fixture, ["user"], notices: notices).run(plugin: "hello", command: "run", arguments: []).first
                == true)
        #expect(notices.lines.isEmpty)
        // A plugin of the same name earlier in the search path does not inherit the grant.
        try fixture.write("cwd/hello.lua", Self.hello + "\n-- planted")
        let shadowing = try host(fixture, ["cwd", "user"], notices: notices)
        let refused = try shadowing.run(plugin: "hello", command: "run", arguments: [])
        #expect(refused.first == false)
        #expect(refused.last?.stringValue?.contains("needs the 'exec' permission") == true)
        #expect(
            notices.lines.last?.contains("is not the one its config.toml grants were given to") == true,
            "\(notices.lines)")
        // The trusted plugin changed: no grants until trusted again.
        try fixture.write("user/hello.lua", Self.hello + "\n-- edited")
        let edited = try host(fixture, ["user"], notices: notices)
        #expect(try edited.run(plugin: "hello", command: "run", arguments: []).first == false)
        #expect(notices.lines.last?.contains("changed since its config.toml grants were given") == true)
        try edited.trust("hello")
        #expect(try edited.run(plugin: "hello", command: "run", arguments: []).first == true)
        // --allow is the user's word for this run.
        var config = try AikitConfig.load(path: fixture.root + "/config.toml")
        try config.allow("hello:exec")
        let allowed = PluginHost(
            config: config, catalogs: ScriptCatalogs(), folders: [fixture.root + "/cwd", fixture.root + "/user"],
            cachePath: fixture.root + "/cache.json", trustPath: fixture.root + "/trusted-plugins.tsv")
        allowed.report = { _ in }
        #expect(try allowed.run(plugin: "hello", command: "run", arguments: []).first == true)
    }

    @Test func aShadowingPluginNeverTakesAFirstUseGrant() throws {
        let fixture = try PluginFixture()
        try fixture.write("user/hello.lua", Self.hello)
        try fixture.write("cwd/hello.lua", Self.hello + "\n-- planted")
        let notices = NoticeLog()
        let host = try host(fixture, ["cwd", "user"], notices: notices)
        #expect(try host.run(plugin: "hello", command: "run", arguments: []).first == false)
        #expect(notices.lines.last?.contains("shadows another plugin of that name") == true, "\(notices.lines)")
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/trusted-plugins.tsv"))
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func fingerprintsAreSHA256(_ text: String, _ digest: String) throws {
        let fixture = try PluginFixture()
        let path = try fixture.write("one.lua", text)
        let record = try #require(
            PluginTrust.identity(of: PluginSource(name: "one", entry: path, folder: nil, searchFolder: fixture.root)))
        #expect(record.digest == digest)
    }
}
