import AIKitTesting
import Compliance
import PartyScreening
import Testing

/// Data sets: a loaded rule pack changes answers, and every answer names the data sets (and as-of dates) it used.
/// (The pack's rule is made up for the test: it stands for a later BIS rule a user loads.)
@Suite struct DataSetTests {
    static let pack = ComplianceFixtures.rulePack

    func question(_ engine: ComplianceEngine) throws -> ExportQuestion {
        ExportQuestion(
            item: try engine.item(chip: "H20"), destination: try engine.countries.country("China"),
            date: try CalendarDay("2026-12-01"), exportedFrom: "US")
    }

    @Test func aLoadedRulePackChangesTheAnswerAndTheAnswerSaysSo() throws {
        var engine = ComplianceEngine()
        let before = engine
        let bundled = engine.check(try question(engine))
        #expect(bundled.rule == "NVIDIA-H20-LETTER-2025")
        #expect(
            bundled.dataSets == [
                "rules 'aikit rules' as of 2026-02-03 (\(RuleBook.bundled.rules.count) records, aikit)",
                "parties 'aikit party sample' as of an unstated date (21 records, aikit)",
            ])
        let info = try engine.load(Array(Self.pack.utf8), name: "test pack", source: "pack.json")
        #expect(
            info
                == DataSetInfo(
                    name: "test pack", kind: .rules, asOf: try CalendarDay("2026-11-30"), source: "pack.json",
                    records: 1))
        let loaded = engine.check(try question(engine))
        #expect(loaded.rule == "TEST-PACK-H20" && loaded.policy == "case-by-case")
        #expect(loaded.dataSets.last == "rules 'test pack' as of 2026-11-30 (1 records, pack.json)")
        let diff = engine.diff(try question(engine), against: before)
        #expect(diff.changes.contains("deciding rule: NVIDIA-H20-LETTER-2025 → TEST-PACK-H20"))
        #expect(diff.rules.contains { $0.rule == "TEST-PACK-H20" })
    }

    @Test func aBadDataSetChangesNothing() throws {
        var engine = ComplianceEngine()
        #expect(throws: ComplianceError.self) {
            try engine.load(Array(#"{"rules": [{"id": "X"}]}"#.utf8), name: "bad", source: "bad.json")
        }
        #expect(engine.dataSets.count == 2)
        #expect(engine.rules.rules.count == RuleBook.bundled.rules.count)
        #expect(throws: OwnershipError.self) {
            try engine.load(Array("owner,owned,percent\nA,B,200\n".utf8), name: "o", source: "o.csv")
        }
        #expect(engine.parties.ownership.edges.isEmpty)
    }

    @Test func theKindIsReadFromTheContent() {
        #expect(ComplianceEngine.dataSetKind(of: Array(Self.pack.utf8)) == .rules)
        #expect(
            ComplianceEngine.dataSetKind(of: Array(#"{"results": [{"name": "X", "source": "Entity List"}]}"#.utf8))
                == .parties)
        #expect(ComplianceEngine.dataSetKind(of: Array("name,source\nX,Entity List\n".utf8)) == .parties)
        #expect(ComplianceEngine.dataSetKind(of: Array("owner,owned,percent\nA,B,10\n".utf8)) == .ownership)
        #expect(
            ComplianceEngine.dataSetKind(of: Array(#"{"id": "o", "schema": "Ownership", "properties": {}}"#.utf8))
                == .ownership)
    }

    @Test func anOpenSanctionsExportBringsItsListedPartiesAndTheirStakes() throws {
        // FollowTheMoney lines as OpenSanctions exports them (entities made up for the test).
        let lines = """
            {"id": "os-acme", "schema": "Company", "properties": {"name": ["Acme Export Control Test Co"], "alias": ["ACME ECT"], "country": ["ru"], "topics": ["export.control"]}, "datasets": ["us_bis_denied"]}
            {"id": "os-sub", "schema": "Company", "properties": {"name": ["Acme Subsidiary Test"]}}
            {"id": "os-own", "schema": "Ownership", "properties": {"owner": ["os-acme"], "asset": ["os-sub"], "percentage": ["80"]}}
            """
        var engine = ComplianceEngine()
        let info = try engine.load(Array(lines.utf8), name: "opensanctions", source: "entities.ftm.json")
        #expect(info.kind == .ownership && info.records == 2)
        let match = try #require(engine.parties.screen("ACME ECT").first)
        #expect(match.party.name == "Acme Export Control Test Co")
        #expect(match.party.list == "OpenSanctions (us_bis_denied)")
        #expect(match.party.countries == ["RU"])
        #expect(
            engine.parties.ownership.owners(of: "Acme Subsidiary Test", on: try CalendarDay("2025-10-01")).first?
                .percent == 80)
        // The unlisted subsidiary is not a party of its own.
        #expect(engine.parties.screen("Acme Subsidiary Test").isEmpty)
    }
}
