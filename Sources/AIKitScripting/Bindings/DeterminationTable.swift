import Compliance
import LuaRuntime

/// A determination pushed straight onto the Lua stack (no `LuaTable` in between). `compliance.check` runs the
/// engine without explanations and leaves `trace`, `reasons`, `citations` and `data_sets` to a lazy fill, which runs
/// the explained check — on the same snapshot of the catalogs — only if the script reads one of them.
enum DeterminationTable {
    /// The fields rendered only when read.
    static let explanation = LazyFields(
        name: "aikit.determination", keys: ["trace", "reasons", "citations", "data_sets"])
    /// Fields of a full determination table (for lua_createtable).
    static let fieldCount = 24
    /// Fields of a decision without its explanation in most cases (13 to 16; Lua grows the table for the others,
    /// and when the explanation is filled in).
    static let decisionFieldCount = 16

    /// Pushes `compliance.check`'s result for `question`.
    static func push(check question: ExportQuestion, engine: ComplianceEngine, call: LuaCall) throws {
        let decision = engine.check(question, explain: false)
        // A missing fact is reported with the reason the explained check gives; that rare case is built whole.
        guard decision.missing.isEmpty else {
            try call.pushTable(fieldCount: fieldCount) { try setAll(engine.check(question), $0) }
            return
        }
        try call.pushTable(fieldCount: decisionFieldCount) { try setDecision(decision, $0) }
        try call.makeLazy(explanation) { table in try setExplanation(engine.check(question), table) }
    }

    static func setAll(_ d: ExportDetermination, _ t: LuaTableBuilder) throws {
        try setDecision(d, t)
        try setExplanation(d, t)
    }

    /// Everything but the explanation: the same with or without `explain`.
    static func setDecision(_ d: ExportDetermination, _ t: LuaTableBuilder) throws {
        t.set("item", d.item.name)
        t.set("destination", d.destination.name)
        t.set("iso2", d.destination.iso2)
        t.set("date", d.date.description)
        t.set("exported_from", d.exportedFrom)
        t.set("end_user", d.endUser)
        t.set("eccn", d.classification.eccn)
        t.set("controlled", d.classification.controlled)
        t.set("license_required", d.licenseRequired)
        t.set("policy", d.policy)
        t.set("exceptions", strings: d.exceptions)
        t.set("status", d.status)
        t.set("rule", d.rule)
        t.set("notes", strings: d.notes)
        t.set("missing", strings: d.missing)
        t.set("tpp", d.item.tpp)
        t.set("pd", d.item.performanceDensity)
        if let match = d.entityMatch { try t.set("end_user_match", .table(ComplianceTables.match(match))) }
        if let ownership = d.ownership { try t.set("ownership", .table(ComplianceTables.affiliation(ownership))) }
    }

    /// `reasons`, `citations`, `data_sets` and `trace` (one entry per rule considered).
    static func setExplanation(_ d: ExportDetermination, _ t: LuaTableBuilder) throws {
        t.set("reasons", strings: d.reasons)
        t.set("data_sets", strings: d.dataSets)
        t.set("citations", strings: d.citations)
        try t.set("trace", records: d.trace, fieldCount: 8) { entry, e in
            e.set("rule", entry.rule)
            e.set("title", entry.title)
            e.set("kind", entry.kind.rawValue)
            e.set("status", entry.status.rawValue)
            if let matched = entry.matched { e.set("matched", matched) } else { e.set("matched", "unknown") }
            e.set("reasons", strings: entry.reasons)
            e.set("citation", entry.citation)
            e.set("evidence", entry.evidence)
        }
    }

    /// `compliance.diff`'s result: the changes and both determinations in full.
    static func push(diff: DeterminationDiff, call: LuaCall) throws {
        try call.pushTable(fieldCount: 4) { t in
            t.set("changes", strings: diff.changes)
            try t.set("rules", records: diff.rules, fieldCount: 3) { entry, e in
                e.set("rule", entry.rule)
                e.set("change", entry.change)
                e.set("citation", entry.citation)
            }
            try t.set("from", fieldCount: fieldCount) { try setAll(diff.from, $0) }
            try t.set("to", fieldCount: fieldCount) { try setAll(diff.to, $0) }
        }
    }
}
