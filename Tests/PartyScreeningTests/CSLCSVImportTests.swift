import Testing

@testable import PartyScreening

/// Importing the Consolidated Screening List CSV export (fixtures are fictional parties in CSL shape).
@Suite struct CSLCSVImportTests {
    static let header =
        "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
        + "start_date,end_date,standard_order,license_requirement,license_policy,remarks,source_list_url,alt_names"

    @Test func readsRecordsWithQuotedFields() throws {
        let csv =
            Self.header + "\r\n"
            + "a1,Entity List (EL) - Bureau of Industry and Security,17,Entity,EAR,"
            + "\"Fictional Photonics, Inc.\",,\"1 Dream Ave, Suite \"\"9\"\", Nowhere, CN; 2 Fog Rd, Elsewhere, HK\","
            + "99 FR 111,2024-05-01,,,For all items subject to the EAR,Presumption of denial,"
            + "\"Line one\nline two\",https://example.invalid,\"FP; Fictional Photonics Company\"\r\n"
            + "a2,Test List,,,,Imaginary Traders,,,,,,,,,,,\n"
        let parties = try PartyList.parseCSL(csv: csv, origin: "csl.csv")
        #expect(parties.count == 2)
        let first = parties[0]
        #expect(first.name == "Fictional Photonics, Inc.")
        #expect(first.altNames == ["FP", "Fictional Photonics Company"])
        #expect(first.countries == ["CN", "HK"])
        #expect(first.listedOn == (try CalendarDay("2024-05-01")))
        #expect(first.federalRegisterNotice == "99 FR 111")
        #expect(first.licensePolicy == "Presumption of denial")
        #expect(first.remarks == "Line one\nline two")
        #expect(first.source == "csl.csv line 2 (id 17)")
        #expect(parties[1].name == "Imaginary Traders")
        #expect(parties[1].source == "csl.csv line 4 (id a2)")  // the quoted newline moved it to line 4
        #expect(parties[1].listedOn == nil && parties[1].altNames.isEmpty)
    }

    @Test func columnsAreFoundByNameInAnyOrder() throws {
        let csv = "\u{FEFF}NAME,Start_Date,SOURCE,country\nFictional Rotor Works,2022-02-02,Test List,ru\n\n"
        let party = try #require(try PartyList.parseCSL(csv: csv, origin: "x.csv").first)
        #expect(party.name == "Fictional Rotor Works")
        #expect(party.countries == ["RU"])
        #expect(party.listedOn == (try CalendarDay("2022-02-02")))
    }

    @Test(arguments: [
        (
            "name,source,start_date\nA,L,2023-01-01\nB,L,2023-13-01\n",
            "bad.csv:3: field 'start_date': '2023-13-01' is not a date on the calendar (13/1)"
        ),
        (
            "name,source,start_date,end_date\nA,L,2023-01-01,2023-02-29\n",
            "bad.csv:2: field 'end_date': '2023-02-29' is not a date on the calendar (2/29)"
        ),
        (
            "name,source,end_date\nA,L,yesterday\n",
            "bad.csv:2: field 'end_date': 'yesterday' is not a date; write YYYY-MM-DD, e.g. 2025-01-27"
        ),
        ("name,source\nA,L\n,L\n", "bad.csv:3: field 'name': missing or empty; every listed party needs a name"),
        (
            "name,start_date\nA,2020-01-01\n",
            "bad.csv:1: missing column 'source' in the header (found: name, start_date)"
        ),
        (
            "name,source\nA,L\nFictional, Inc.,L\n",
            "bad.csv:3: record has 3 fields, the header has 2 (quote fields that contain commas)"
        ),
        (
            "name,source\nA,L\n\"Unclosed,L\nB,L\n",
            "bad.csv:3: a quoted field is not closed (a closing \" is missing before the end of the file)"
        ),
        (
            "name,source\n\"A\"x,L\n",
            "bad.csv:2: unexpected 'x' after a closing quote (inside quotes, write \"\" for \")"
        ),
        ("", "bad.csv:1: empty file; expected a header row with 'name' and 'source'"),
    ])
    func badInputNamesLineAndField(_ csv: String, _ message: String) {
        let error = #expect(throws: ScreeningError.self) { try PartyList.parseCSL(csv: csv, origin: "bad.csv") }
        #expect(error?.description == message)
        #expect(error?.origin == "bad.csv")
    }

    @Test func errorsCarryTheirParts() {
        let error = #expect(throws: ScreeningError.self) {
            try PartyList.parseCSL(csv: "name,source,start_date\nA,L,2023-13-01\n", origin: "bad.csv")
        }
        #expect(error?.line == 2)
        #expect(error?.field == "start_date")
    }
}
