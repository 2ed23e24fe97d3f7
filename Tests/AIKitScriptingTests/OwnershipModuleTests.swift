import AIKitScripting
import Foundation
import LuaRuntime
import Testing

/// Ownership through Lua: `compliance.add_ownership`, `import_ownership`, `ownership` and `check{party=}`. (Owned
/// company names are made up for the test; the owners are the bundled sample's Entity List parties.)
@Suite struct OwnershipModuleTests {
    @Test func aggregatedOwnershipDecidesACheckWithItsPath() throws {
        #expect(
            try run(
                """
                compliance.add_ownership{owner = 'Huawei Technologies Co., Ltd.', owned = 'Aggregate Co', percent = 30}
                compliance.add_ownership{owner = 'SMIC Holdings Limited', owned = 'Aggregate Co', percent = 25, from = '2021-01-01'}
                local r = compliance.check{chip = {name = 'small chip', bf16_tflops = 10, die_area_mm2 = 100}, party = 'Aggregate Co', destination = 'Malaysia', date = '2025-10-01'}
                local o = compliance.ownership('Aggregate Co', {date = '2025-10-01'})
                return r.license_required, r.rule, r.ownership.verdict, r.ownership.percent, #r.ownership.listed_owners,
                  o.verdict, r.reasons[#r.reasons]:match('^.-55%% owned') ~= nil
                """) == [true, "EAR-744.11-AFFILIATES", "covered", 55.0, 2, "covered", true])
        // During the suspension: no licence from the rule, a red flag in the notes.
        #expect(
            try run(
                """
                compliance.add_ownership{owner = 'Huawei Technologies Co., Ltd.', owned = 'Aggregate Co', percent = 60}
                local r = compliance.check{chip = {name = 'small chip', bf16_tflops = 10, die_area_mm2 = 100}, party = 'Aggregate Co', destination = 'Malaysia', date = '2026-01-15'}
                return r.license_required, r.status, r.notes[#r.notes]:sub(1, 9)
                """) == [false, "not enforced", "red flag:"])
    }

    @Test func importsBothFormatsAndReportsProblems() throws {
        let folder = NSTemporaryDirectory() + "aikit-ownership-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "owner,owned,percent\nA Co,B Co,60\nB Co,A Co,60\nC Co,B Co,50\n".write(
            toFile: folder + "/o.csv", atomically: true, encoding: .utf8)
        try """
        {"id": "x", "schema": "Company", "properties": {"name": ["X Co"]}}
        {"id": "o1", "schema": "Ownership", "properties": {"owner": ["x"], "asset": ["y"], "percentage": ["10"]}}
        """.write(toFile: folder + "/o.jsonl", atomically: true, encoding: .utf8)
        #expect(
            try run(
                """
                local a = compliance.import_ownership('\(folder)/o.csv')
                local b = compliance.import_ownership('\(folder)/o.jsonl')
                return a.edges, a.format, #a.problems, a.problems[1], b.edges, b.skipped[1]:match('names y') ~= nil
                """) == [
                    3, "ownership-csv", 2, .string(LuaString("the stakes in 'B Co' add up to 110% on \(todayText())")),
                    0, true,
                ])
        #expect(
            error("compliance.add_ownership{owner = 'A', owned = 'B', percent = 150}")?
                .contains("percent 150.0 is not in (0, 100]") == true)
        #expect(
            error("compliance.add_ownership{owner = 'A', owned = 'B', percnt = 10}")?
                .contains("unknown field 'percnt'; did you mean percent?") == true)
        #expect(
            error(
                "compliance.check{chip = 'H20', party = 'A', end_user = 'B', destination = 'CN', date = '2025-01-01'}")?
                .contains("party") == true)
        #expect(error("compliance.import_ownership('\(folder)/none.csv')")?.contains("cannot open") == true)
    }

    func todayText() -> String {
        let seconds = Int(Date().timeIntervalSince1970)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Every name that is screened is bounded, as `compliance.screen`'s is: a 256 KiB name took over a minute.
    @Test func longNamesAreRefusedWhereverTheyAreScreened() throws {
        let start = Date()
        #expect(
            error("compliance.ownership(string.rep('A', 262144))")
                == "(test):1: bad argument #1 to 'compliance.ownership' (name is 262144 characters long; screening takes names "
                + "of at most 1000 (listed names run to a few hundred))")
        #expect(
            error(
                "compliance.check{chip = 'H100', destination = 'China', date = '2025-10-01', "
                    + "party = string.rep('A', 262144)}")?
                .contains("field 'party' is too long: name is 262144 characters long") == true)
        #expect(
            error("compliance.add_ownership{owner = string.rep('A', 262144), owned = 'B', percent = 10}")?
                .contains("owner is 262144 characters long") == true)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
