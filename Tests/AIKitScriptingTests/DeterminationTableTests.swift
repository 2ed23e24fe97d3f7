import AIKitScripting
import LuaRuntime
import Testing

/// `compliance.check` builds its result on the Lua stack without the explanation and fills `trace`, `reasons` and
/// `citations` when first read: the filled table must equal the eagerly explained determination (what
/// `compliance.diff` returns as `from`), for every question of the benchmark's set and the unusual ones.
@Suite struct DeterminationTableTests {
    static let questions: [String] = {
        var list: [String] = []
        for chip in ["A100", "H100", "H800", "H20", "B200", "RTX 4090", "MI300X"] {
            for destination in ["China", "India", "Germany", "Macau", "Russia"] {
                for date in ["2022-11-01", "2023-12-01", "2025-04-20", "2026-02-01"] {
                    list.append(
                        "chip = '\(chip)', destination = '\(destination)', date = '\(date)', exported_from = 'US'")
                }
            }
        }
        return list + [
            "chip = 'H100', destination = 'China', date = '2025-06-01'",
            "chip = 'H100', destination = 'India', date = '2025-06-01', end_user = 'Huawei', end_user_hq = 'China'",
            "chip = {name = 'spec chip', bf16_tflops = 148, die_area_mm2 = 814}, destination = 'CN', date = '2024-06-01'",
            "chip = {name = 'no specs'}, destination = 'CN', date = '2024-06-01'",
            "model_training_ops = 2.1e26, destination = 'India', date = '2025-06-01'",
        ]
    }()

    @Test(arguments: questions)
    func lazyResultEqualsTheExplainedOne(_ question: String) throws {
        let results = try run(
            """
            local q = {\(question)}
            local lazy = compliance.check(q)
            q.from, q.to = q.date, q.date
            return lazy, compliance.diff(q).from
            """)
        #expect(results.count == 2)
        #expect(results.first == results.last)
        guard case .table(let table) = results.first else {
            Issue.record("not a table")
            return
        }
        #expect(table["trace"] != nil && table["reasons"] != nil && table["citations"] != nil)
    }

    @Test func explanationIsFilledOnFirstReadOnly() throws {
        #expect(
            try run(
                """
                local r = compliance.check{chip = 'H200', destination = 'China', date = '2026-02-01', exported_from = 'US'}
                local before = rawget(r, 'trace') == nil and rawget(r, 'reasons') == nil
                local decided = r.license_required and r.rule == 'CBC-2026-01'
                local trace = r.trace
                return before, decided, #trace > 0, rawget(r, 'trace') == trace, rawget(r, 'citations') ~= nil,
                  r.nonexistent == nil
                """) == [true, true, true, true, true, true])
    }

    @Test func pairsAndTheInspectorSeeTheExplanation() throws {
        #expect(
            try run(
                """
                local r = compliance.check{chip = 'H20', destination = 'CN', date = '2025-04-20'}
                local seen = {}
                for k in pairs(r) do seen[k] = true end
                local s = compliance.check{chip = 'H20', destination = 'CN', date = '2025-04-20'}
                return seen.trace == true, seen.reasons == true, aikit.inspect(s):find('trace =', 1, true) ~= nil
                """) == [true, true, true])
    }

    @Test func explanationUsesTheCatalogsOfTheCall() throws {
        // Rules added after the call do not change the explanation of an earlier answer.
        #expect(
            try run(
                """
                local r = compliance.check{chip = 'H100', destination = 'China', date = '2025-06-01'}
                local rules = #r.trace
                local s = compliance.check{chip = 'H100', destination = 'China', date = '2025-06-01'}
                compliance.add_rules([[{"rules": [{"id": "LATE-1", "title": "late rule", "kind": "announcement",
                  "effective": "2020-01-01", "precedence": 5, "destinations": {"everywhere": true},
                  "outcome": {"license_required": false}, "explanation": "added later",
                  "citations": [{"source": "test", "evidence": "U"}], "evidence": "U"}]}]])
                local late = compliance.check{chip = 'H100', destination = 'China', date = '2025-06-01'}
                return #s.trace == rules, #late.trace == rules + 1
                """) == [true, true])
    }
}
