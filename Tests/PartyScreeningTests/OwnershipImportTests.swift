import Foundation
import PartyScreening
import Testing

/// Ownership files: CSV and OpenSanctions FollowTheMoney JSON lines, with their bad inputs. (Company names other than
/// the bundled sample's listed parties are made up for the tests.)
@Suite struct OwnershipImportTests {
    func read(_ text: String, _ origin: String = "owners.csv") throws -> OwnershipImport {
        try OwnershipImport.read(Array(text.utf8), origin: origin)
    }

    @Test func csvWithColumnsInAnyOrderAndPercentSigns() throws {
        let read = try read(
            """
            owned,owner,percent,from,until,source,evidence
            Aggregate Co,"Huawei Technologies Co., Ltd.",30%,2019-01-01,,annual report 2024,s
            Aggregate Co,Pension Fund,,,2026-01-01,,
            """)
        #expect(read.format == "ownership-csv")
        #expect(read.edges.count == 2)
        #expect(
            read.edges[0]
                == OwnershipEdge(
                    owner: "Huawei Technologies Co., Ltd.", owned: "Aggregate Co", percent: 30,
                    from: try CalendarDay("2019-01-01"), source: "annual report 2024",
                    evidence: "S"))
        let end = try CalendarDay("2026-01-01")
        #expect(read.edges[1].percent == nil && read.edges[1].until == end)
    }

    @Test(arguments: [
        (
            "owner,owned\nA,B\n",
            "owners.csv:1: missing column 'percent' (found: owner, owned); the header is owner,owned,percent,from,until,source"
        ),
        ("owner,owned,percent\nA,B,thirty\n", "owners.csv:2: percent 'thirty' is not a number (write 30 or 30%)"),
        ("owner,owned,percent\nA,B,0\n", "owners.csv:2: percent 0 is not in (0, 100]"),
        ("owner,owned,percent\nA,B,101%\n", "owners.csv:2: percent 101 is not in (0, 100]"),
        (
            "owner,owned,percent,from\nA,B,10,2025-02-30\n",
            "owners.csv:2: from '2025-02-30' is not a date ('2025-02-30' is not a date on the calendar (2/30))"
        ),
        ("owner,owned,percent\nA,A.,10\n", "owners.csv:2: 'A' cannot own itself"),
        ("owner,owned,percent\n,B,10\n", "owners.csv:2: the owner is empty"),
        ("owner,owned,percent\nA,B,10,extra\n", "owners.csv:2: 4 fields, the header has 3"),
        (
            "owner,owned,percent\nA,B,10\n\"C,D,5\n",
            "owners.csv:3: a quoted field is not closed (a closing \" is missing before the end of the file)"
        ),
        ("", "owners.csv:1: empty file; expected the header owner,owned,percent,from,until,source"),
    ])
    func badCSVRowsSayWhereAndWhat(text: String, message: String) throws {
        #expect(throws: OwnershipError(message)) { try read(text) }
    }

    static let followTheMoney = """
        {"id": "co-hw", "schema": "Company", "properties": {"name": ["Huawei Technologies Co., Ltd."], "jurisdiction": ["cn"]}}
        {"id": "co-agg", "schema": "Company", "properties": {"name": ["Aggregate Co"]}}
        {"id": "own-1", "schema": "Ownership", "properties": {"owner": ["co-hw"], "asset": ["co-agg"], "percentage": ["30"], "startDate": ["2019-01-01"], "sourceUrl": ["https://example.org/filing"]}}
        {"id": "own-2", "schema": "Ownership", "properties": {"owner": ["co-missing"], "asset": ["co-agg"], "percentage": ["25"]}}

        {"id": "own-3", "schema": "Ownership", "properties": {"owner": [{"id": "co-fund", "schema": "Company", "properties": {"name": ["Pension Fund"]}}], "asset": ["co-agg"]}}
        """

    @Test func followTheMoneyLinesResolveEntitiesAndSkipUnknownOnes() throws {
        let read = try read(Self.followTheMoney, "ftm.jsonl")
        #expect(read.format == "followthemoney")
        #expect(read.edges.map(\.owner) == ["Huawei Technologies Co., Ltd.", "Pension Fund"])
        let start = try CalendarDay("2019-01-01")
        #expect(read.edges[0].percent == 30 && read.edges[0].from == start)
        #expect(read.edges[0].source == "https://example.org/filing" && read.edges[0].evidence == "S")
        #expect(read.edges[1].percent == nil && read.edges[1].source == "OpenSanctions own-3")
        #expect(
            read.skipped == [
                "ftm.jsonl:4: Ownership own-2 names co-missing, which this file does not describe "
                    + "(add the entity's line, or the edge as CSV)"
            ])
    }

    @Test func badFollowTheMoneyLines() throws {
        #expect(
            throws: OwnershipError(
                "ftm.jsonl:2: not a FollowTheMoney entity (a JSON object with id, schema and properties per line)")
        ) {
            try read(
                "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {}}\n{\"id\": \"b\", \"schema\"", "ftm.jsonl")
        }
        #expect(throws: OwnershipError("ftm.jsonl:1: Ownership o has no owner or no asset")) {
            try read("{\"id\": \"o\", \"schema\": \"Ownership\", \"properties\": {\"owner\": [\"x\"]}}", "ftm.jsonl")
        }
        let lines = Self.followTheMoney.replacingOccurrences(
            of: "\"percentage\": [\"30\"]", with: "\"percentage\": [\"most\"]")
        #expect(throws: OwnershipError("ftm.jsonl:3: percent 'most' is not a number (write 30 or 30%)")) {
            try read(lines, "ftm.jsonl")
        }
    }
}
