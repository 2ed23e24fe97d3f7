import AIKitScripting
import AIKitTesting
import Foundation
import JupyterKernel
import LuaRuntime
import MarketData
import Testing

/// One compliance state whatever the entry point: stored data sets are in effect from a script's first compliance
/// call, whichever it is, and any loader applied twice leaves the state it left once. (The stored party and the
/// companies it owns are made up for the test.)
@Suite(.serialized) struct ComplianceStateTests {
    static let partyCSV = """
        name,source,start_date
        Zyx Quantum Forge Ltd,Entity List (EL) - Bureau of Industry and Security,2024-01-02

        """
    static let ownershipCSV = """
        owner,owned,percent
        Zyx Quantum Forge Ltd,Harbor Gate Capital,60
        Harbor Gate Capital,Lantern Bay Trading,50

        """

    /// A store holding a party list, an ownership file and a rule pack, as `aikit compliance update` leaves it.
    final class Store {
        let folder = NSTemporaryDirectory() + "aikit-state-\(UUID().uuidString)"
        var path: String { folder + "/m.sqlite" }
        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let store = try SQLiteMarketStore(path: path)
            let sets = [
                ("parties.csv", "parties", ComplianceStateTests.partyCSV),
                ("owners.csv", "ownership", ComplianceStateTests.ownershipCSV),
                ("pack.json", "rules", ComplianceFixtures.rulePack),
            ]
            try store.write { writer in
                for (name, kind, text) in sets {
                    try writer.put(
                        StoredDataSet(
                            name: name, kind: kind, asOf: nil, source: name, storedAt: 1, content: Array(text.utf8)))
                    try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
                }
            }
        }
        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// A new Lua state over the store, as `aikit script`, the REPL and the kernel make one.
        func host() throws -> ScriptEnvironment {
            let context = ScriptCatalogs()
            let path = path
            context.dataSetStore = { path }
            return try ScriptEnvironment(catalogs: context)
        }
    }

    /// Each entry point's answer as one string.
    static let probes: [String: String] = [
        "screen": "local m = compliance.screen('Zyx Quantum Forge Ltd') return #m .. ' ' .. (m[1] and m[1].name or '')",
        "ownership": """
        local o = compliance.ownership('Lantern Bay Trading', {date = '2025-10-01'})
        return o.verdict .. ' ' .. o.explanation
        """,
        "rules": """
        local ids = {} for _, r in ipairs(compliance.rules()) do ids[#ids + 1] = r.id end
        return table.concat(ids, ',')
        """,
        "check": """
        local r = compliance.check{chip = 'H20', destination = 'China', date = '2026-12-01', exported_from = 'US'}
        local p = compliance.check{chip = 'H100', party = 'Lantern Bay Trading', destination = 'Malaysia',
          date = '2025-10-01'}
        return r.rule .. ' ' .. tostring(p.rule) .. ' ' .. #p.data_sets
        """,
        "timeline": """
        local t = compliance.timeline{chip = 'H100', party = 'Lantern Bay Trading', destination = 'Malaysia',
          from = '2025-09-01', to = '2025-12-31'}
        local parts = {} for _, p in ipairs(t) do parts[#parts + 1] = p.from .. ':' .. p.status end
        return table.concat(parts, ',')
        """,
        "diff": """
        local d = compliance.diff{chip = 'H20', destination = 'China', exported_from = 'US', from = '2025-01-01',
          to = '2026-12-01'}
        return tostring(d.from.rule) .. ' ' .. tostring(d.to.rule)
        """,
        "data_sets": """
        local names = {} for _, s in ipairs(compliance.data_sets()) do names[#names + 1] = s.name end
        return table.concat(names, ',')
        """,
    ]

    static func answer(_ host: ScriptEnvironment, _ code: String) throws -> String {
        try host.lua.run(code, name: "=(probe)").first?.stringValue ?? "nil"
    }

    /// Before, `screen`, `ownership` and `rules` as the first call ignored the stored data sets (a stored party list
    /// was not screened: a false negative).
    @Test(arguments: probes.keys.sorted())
    func aFreshStateAndAWarmedOneGiveTheSameAnswer(entryPoint: String) throws {
        let store = try Store()
        let code = Self.probes[entryPoint]!
        let fresh = try Self.answer(try store.host(), code)
        let warmed = try store.host()
        _ = try Self.answer(warmed, Self.probes["data_sets"]!)
        #expect(fresh == (try Self.answer(warmed, code)))
        switch entryPoint {
        case "screen": #expect(fresh == "1 Zyx Quantum Forge Ltd")
        case "ownership": #expect(fresh.hasPrefix("covered 'Lantern Bay Trading' is 50% owned"), "\(fresh)")
        case "rules": #expect(fresh.contains("TEST-PACK-H20"))
        case "check": #expect(fresh == "TEST-PACK-H20 EAR-744.11-AFFILIATES 5")
        default: break
        }
    }

    /// The notebook's first cell and the REPL's first line answer as a script does (one loading path).
    @Test(arguments: probes.keys.sorted())
    func theNotebookAndTheREPLAnswerFromTheStoredDataSets(entryPoint: String) throws {
        let store = try Store()
        let code = Self.probes[entryPoint]!
        let expected = try Self.answer(try store.host(), code)
        let cell = "__answer = (function() \(code.replacingOccurrences(of: "\n", with: " ")) end)()"
        let notebookHost = try store.host()
        let outcome = NotebookSession(host: notebookHost, capture: nil).execute(cell, output: RecordedOutput())
        guard case .ok = outcome else {
            Issue.record("the cell failed: \(outcome)")
            return
        }
        #expect(try Self.answer(notebookHost, "return __answer") == expected)
        let replHost = try store.host()
        var errors = ""
        _ = ReplSession(host: replHost, output: { _ in }, errorOutput: { errors += $0 }).feed(cell)
        #expect(errors.isEmpty)
        #expect(try Self.answer(replHost, "return __answer") == expected)
    }

    /// A stored file that is bad all the same (stored by an older aikit, or written into the store by hand) is left
    /// out with the reason on every answer; it never crashes or stops the script.
    @Test func aBadStoredFileIsNamedNotFatal() throws {
        let store = try Store()
        let huge = String(repeating: "A", count: 256 * 1024)
        try SQLiteMarketStore(path: store.path).write { writer in
            try writer.put(
                StoredDataSet(
                    name: "huge.csv", kind: "parties", asOf: nil, source: "huge.csv", storedAt: 2,
                    content: Array("name,source\n\(huge),Entity List (EL)\n".utf8)))
        }
        let host = try store.host()
        let answer = try Self.answer(
            host,
            """
            local r = compliance.check{chip = 'H100', destination = 'China', date = '2025-10-01'}
            return r.data_sets[#r.data_sets]:sub(1, 300) .. ' | ' .. #compliance.screen('Zyx Quantum Forge Ltd')
            """)
        #expect(
            answer.hasPrefix(
                "parties 'huge.csv — not loaded: huge.csv, stored in \(store.path):2: field 'name': name is 262144 "
                    + "characters long"), "\(answer)")
        #expect(answer.hasSuffix(" | 1"))
    }

    /// Every loader applied twice leaves what it left once (a notebook cell run again changes nothing).
    @Test(arguments: [
        "compliance.load(FOLDER .. '/parties.csv')",
        "compliance.load(FOLDER .. '/owners.csv')",
        "compliance.load(FOLDER .. '/pack.json')",
        "compliance.import_parties(FOLDER .. '/parties.csv')",
        "compliance.import_ownership(FOLDER .. '/owners.csv')",
        "compliance.add_ownership{owner = 'Huawei Technologies Co., Ltd.', owned = 'Lantern Bay Trading', percent = 30}",
        "compliance.add_rules(RULES)",
    ])
    func aLoaderTwiceLeavesTheStateOfOnce(loader: String) throws {
        let store = try Store()
        let state = """
            local o = compliance.ownership('Lantern Bay Trading', {date = '2025-10-01'})
            local r = compliance.check{chip = 'H100', party = 'Lantern Bay Trading', destination = 'Malaysia',
              date = '2025-10-01'}
            return #compliance.data_sets() .. ' ' .. #compliance.screen('Zyx Quantum Forge Ltd') .. ' '
              .. #compliance.rules() .. ' ' .. o.percent .. ' ' .. o.verdict .. ' ' .. tostring(r.rule)
            """
        let rules = ComplianceFixtures.rulePack.replacingOccurrences(of: "TEST-PACK-H20", with: "TWICE")
        let prefix = "local FOLDER, RULES = '\(store.folder)', [==[\(rules)]==] "
        let once = try store.host()
        _ = try once.lua.run(prefix + loader, name: "=(once)")
        let twice = try store.host()
        _ = try twice.lua.run(prefix + loader + "\n" + loader, name: "=(twice)")
        #expect(try Self.answer(once, state) == (try Self.answer(twice, state)))
    }
}
