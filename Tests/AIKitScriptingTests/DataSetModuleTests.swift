import AIKitScripting
import AIKitTesting
import Foundation
import LuaRuntime
import Testing

/// `compliance.load`, `compliance.data_sets` and `compliance.diff{data_set=}` through Lua.
@Suite struct DataSetModuleTests {
    /// A store named by a PostgreSQL URI with a password: every data set entry (`compliance.data_sets()`, each
    /// answer's `data_sets`, `aikit compliance list`) names the store without it.
    @Test func aStoresPasswordIsNotInTheDataSets() throws {
        let context = ScriptCatalogs()
        context.dataSetStore = { "postgresql://alice:S3cretPW@127.0.0.1:1/nowhere?connect_timeout=2" }
        let host = try ScriptEnvironment(catalogs: context)
        let results = try host.lua.run(
            """
            local shown = {}
            for _, set in ipairs(compliance.data_sets()) do shown[#shown + 1] = set.name .. ' ' .. set.source end
            local d = compliance.check{chip = 'H20', destination = 'China', date = '2026-12-01', exported_from = 'US'}
            for _, text in ipairs(d.data_sets) do shown[#shown + 1] = text end
            return table.concat(shown, '\\n')
            """, name: "=(test)")
        let text = results.first?.stringValue ?? ""
        #expect(!text.contains("S3cretPW"), "\(text)")
        #expect(text.contains("postgresql://alice@127.0.0.1:1/nowhere"), "\(text)")
    }

    @Test func loadListAndDiffAgainstTheAnswerWithoutTheDataSet() throws {
        let path = NSTemporaryDirectory() + "aikit-pack-\(UUID().uuidString).json"
        try ComplianceFixtures.rulePack.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            try run(
                """
                local info = compliance.load('\(path)', {name = 'pack', as_of = '2026-12-01'})
                local sets = compliance.data_sets()
                local d = compliance.diff{chip = 'H20', destination = 'China', date = '2026-12-01', exported_from = 'US',
                  data_set = 'pack'}
                return info.kind, info.as_of, #sets, sets[#sets].name, d.to.rule, d.from.rule, #d.to.data_sets
                """) == ["rules", "2026-12-01", 3, "pack", "TEST-PACK-H20", "NVIDIA-H20-LETTER-2025", 3])
        #expect(
            error("compliance.diff{chip = 'H20', destination = 'CN', date = '2026-12-01', data_set = 'nope'}")?
                .contains("'nope' was not loaded by compliance.load in this script") == true)
        #expect(
            error("compliance.load('/nonexistent/pack.json')")?.contains("cannot read /nonexistent/pack.json") == true)
    }
}
