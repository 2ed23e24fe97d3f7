import Foundation
import PartyScreening
import Testing

/// Imported text fields are bounded: a 256 KiB party name took 79 s to import (fuzzy-matching work grows with the
/// square of a name's length); now it is refused at once, naming the file, the line or record, and the field.
@Suite struct ImportLimitsTests {
    static let huge = String(repeating: "A", count: 256 * 1024)
    static let long = String(repeating: "Acme ", count: 300)  // 1,500 characters: a name too long, a text not

    func timed<T>(_ body: () throws -> T) rethrows -> (T, TimeInterval) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }

    @Test func aHugeNameInACSVExportIsRefusedAtOnce() throws {
        let csv = "name,source\n\"\(Self.huge)\",Entity List (EL)\n"
        let start = Date()
        let error = try #require(throws: ScreeningError.self) {
            try PartyList.parseCSL(Array(csv.utf8), origin: "parties.csv")
        }
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(
            error.description
                == "parties.csv:2: field 'name': name is 262144 characters long ('\(Self.huge.prefix(40))…'); at most "
                + "1000 are taken (is the file broken?)")
    }

    @Test func aNameOrAliasPastTheNameLimitIsRefused() throws {
        let csv = "name,source,alt_names\n\"\(Self.long)\",Entity List (EL),\nAcme,Entity List (EL),\"\(Self.long)\"\n"
        let error = try #require(throws: ScreeningError.self) {
            try PartyList.parseCSL(Array(csv.utf8), origin: "parties.csv")
        }
        #expect(error.line == 2 && error.field == "name")
        #expect(error.message.hasPrefix("name is 1499 characters long ('Acme Acme"))
        #expect(error.message.hasSuffix("at most 1000 are taken (is the file broken?)"))
        #expect(error.recordName?.count == 81)
        let alias = "name,source,alt_names\nAcme,Entity List (EL),\"\(Self.long)\"\n"
        #expect(throws: ScreeningError.self) { try PartyList.parseCSL(Array(alias.utf8), origin: "parties.csv") }
    }

    @Test func aHugeNameInAJSONExportIsRefusedAtOnce() throws {
        let json =
            "{\"results\": [{\"name\": \"Acme\", \"source\": \"EL\"}, {\"name\": \"\(Self.huge)\", \"source\": \"EL\"}]}"
        let (error, seconds) = timed {
            #expect(throws: ScreeningError.self) { try PartyList.parseCSL(Array(json.utf8), origin: "csl.json") }
        }
        #expect(seconds < 2)
        #expect(error?.record == 2 && error?.field == "name")
        let remarks = "{\"results\": [{\"name\": \"Acme\", \"source\": \"EL\", \"remarks\": \"\(Self.huge)\"}]}"
        #expect(throws: ScreeningError.self) { try PartyList.parseCSL(Array(remarks.utf8), origin: "csl.json") }
        let country =
            "{\"results\": [{\"name\": \"Acme\", \"source\": \"EL\", \"addresses\": [{\"country\": \"\(Self.long)\"}]}]}"
        #expect(throws: ScreeningError.self) { try PartyList.parseCSL(Array(country.utf8), origin: "csl.json") }
    }

    @Test func ownershipRowsAreBounded() throws {
        let csv = "owner,owned,percent\nFund,Target,10\n\"\(Self.huge)\",Target,20\n"
        let (error, seconds) = timed {
            #expect(throws: OwnershipError.self) { try OwnershipImport.read(Array(csv.utf8), origin: "owners.csv") }
        }
        #expect(seconds < 2)
        #expect(error?.description.hasPrefix("owners.csv:3: owner is 262144 characters long ('AAAA") == true)
        let source = "owner,owned,percent,source\nFund,Target,10,\"\(Self.huge)\"\n"
        #expect(throws: OwnershipError.self) { try OwnershipImport.read(Array(source.utf8), origin: "owners.csv") }
        let ftm = """
            {"id": "co-x", "schema": "Company", "properties": {"name": ["\(Self.huge)"], "topics": ["sanction"]}}
            """
        let listed = try #require(throws: OwnershipError.self) {
            try OwnershipImport.read(Array(ftm.utf8), origin: "ftm.jsonl")
        }
        #expect(listed.description.hasPrefix("ftm.jsonl:1: Company co-x: name is 262144 characters long"))
    }
}
