import Compliance
import HardwareCatalog
import LuaRuntime
import PartyScreening

/// Compliance results → Lua tables.
enum ComplianceTables {
    static func strings(_ list: [String]) -> LuaValue { .table(LuaTable(array: list.map { .string($0) })) }

    static func classification(_ c: ItemClassification) -> LuaTable {
        CostTables.table([
            "item": .string(c.item.name), "date": .string(c.date.description), "eccn": CostTables.text(c.eccn),
            "controlled": .boolean(c.controlled), "determined": .boolean(c.determined),
            "tpp": CostTables.number(c.item.tpp), "tpp_basis": CostTables.text(c.item.tppBasis),
            "pd": CostTables.number(c.item.performanceDensity), "die_area_mm2": CostTables.number(c.item.dieArea),
            "rule": CostTables.text(c.rule), "reasons": strings(c.reasons), "citations": strings(c.citations),
            "missing": strings(c.missing),
        ])
    }

    /// `{name=, kind=, as_of=, source=, records=}`.
    static func dataSet(_ info: DataSetInfo) -> LuaTable {
        CostTables.table([
            "name": .string(info.name), "kind": .string(info.kind.rawValue),
            "as_of": CostTables.text(info.asOf?.description),
            "source": .string(info.source), "records": .integer(Int64(info.records)),
        ])
    }

    /// `{verdict=, percent=, explanation=, listed_owners={…}}`.
    static func affiliation(_ a: Affiliation) -> LuaTable {
        CostTables.table([
            "verdict": .string(a.verdict.rawValue), "percent": .number(a.coveredPercent),
            "explanation": .string(a.explanation), "listed_owners": strings(a.listedOwners.map(\.party.name)),
        ])
    }

    static func period(_ period: TimelinePeriod) -> LuaTable {
        let d = period.determination
        return CostTables.table([
            "from": .string(period.from.description), "to": CostTables.text(period.until?.description),
            "eccn": CostTables.text(d.classification.eccn), "license_required": .boolean(d.licenseRequired),
            "policy": CostTables.text(d.policy), "status": .string(d.status), "rule": CostTables.text(d.rule),
            "exceptions": strings(d.exceptions), "notes": strings(d.notes),
        ])
    }

    static func rule(_ rule: Rule, status: RuleStatus?) -> LuaTable {
        CostTables.table([
            "id": .string(rule.id), "title": .string(rule.title), "kind": .string(rule.kind.rawValue),
            "status": CostTables.text(status?.rawValue), "effective": CostTables.text(rule.effective?.description),
            "compliance": CostTables.text(rule.compliance?.description),
            "enforcement_suspended": CostTables.text(rule.enforcementSuspended?.description),
            "superseded_on": CostTables.text(rule.supersededOn?.description),
            "superseded_by": CostTables.text(rule.supersededBy), "evidence": .string(rule.evidence),
            "citations": strings(rule.citations.map(\.text)), "explanation": .string(rule.explanation),
        ])
    }

    static func match(_ match: ScreeningMatch) -> LuaTable {
        CostTables.table([
            "name": .string(match.party.name), "score": .number(match.score), "matched": .string(match.matchedName),
            "list": .string(match.list), "listed_on": CostTables.text(match.party.listedOn?.description),
            "removed_on": CostTables.text(match.party.removedOn?.description),
            "federal_register_notice": CostTables.text(match.party.federalRegisterNotice),
            "countries": strings(match.party.countries), "evidence": .string(match.party.evidence),
            "reasons": strings(match.reasons),
        ])
    }

    static func country(_ country: Country, catalog: CountryCatalog, date: CalendarDay?) -> LuaTable {
        let memberships =
            date.map { catalog.memberships(of: country.iso2, on: $0) }
            ?? catalog.memberships.filter { $0.iso2 == country.iso2 }
        return CostTables.table([
            "iso2": .string(country.iso2), "name": .string(country.name), "aliases": strings(country.aliases),
            "groups": .table(
                LuaTable(
                    array: memberships.map { m in
                        .table(
                            CostTables.table([
                                "group": .string(m.group), "from": CostTables.text(m.from?.description),
                                "until": CostTables.text(m.until?.description), "evidence": .string(m.evidence),
                                "source": .string(m.source), "note": CostTables.text(m.note),
                            ]))
                    })),
        ])
    }
}
