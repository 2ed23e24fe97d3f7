import PartyScreening
import Testing

/// Importing the Consolidated Screening List JSON export (fixtures are fictional parties in CSL shape).
@Suite struct CSLJSONImportTests {
    static let sample = """
        {"total": 2, "sources_used": [], "results": [
          {"id": "f1c2", "source": "Entity List (EL) - Bureau of Industry and Security", "entity_number": 101,
           "type": "Entity", "name": "Fictional Quantum Widgets Co., Ltd.", "alt_names": ["FQW", "Fictional Quantum"],
           "programs": ["EAR"], "title": null,
           "addresses": [{"address": "1 Imaginary Road", "city": "Nowhere", "state": null, "postal_code": "000000",
                          "country": "CN"}, {"address": "2 Pretend St", "city": "Elsewhere", "country": "HK"}],
           "ids": [], "federal_register_notice": "99 FR 12345", "start_date": "2024-02-29", "end_date": "",
           "license_requirement": "For all items subject to the EAR.", "license_policy": "Presumption of denial.",
           "remarks": "", "source_list_url": "https://example.invalid/list", "source_information_url": null},
          {"source": "Specially Designated Nationals (SDN) - Treasury Department", "name": "Imaginary Shipping LLC",
           "alt_names": [], "addresses": [], "start_date": "2019-01-01T00:00:00", "end_date": "2021-07-01"}
        ]}
        """

    @Test func readsResults() throws {
        let parties = try PartyList.parseCSL(json: Array(Self.sample.utf8), origin: "csl.json")
        #expect(parties.count == 2)
        let first = parties[0]
        #expect(first.name == "Fictional Quantum Widgets Co., Ltd.")
        #expect(first.altNames == ["FQW", "Fictional Quantum"])
        #expect(first.countries == ["CN", "HK"])
        #expect(first.list == "Entity List (EL) - Bureau of Industry and Security")
        #expect(first.listedOn == (try CalendarDay("2024-02-29")))
        #expect(first.removedOn == nil)
        #expect(first.federalRegisterNotice == "99 FR 12345")
        #expect(first.licenseRequirement == "For all items subject to the EAR.")
        #expect(first.licensePolicy == "Presumption of denial.")
        #expect(first.remarks == nil)
        #expect(first.evidence == "P")
        #expect(first.source == "csl.json record 1 (id 101)")
        let second = parties[1]
        #expect(second.listedOn == (try CalendarDay("2019-01-01")))
        #expect(second.removedOn == (try CalendarDay("2021-07-01")))
        #expect(second.countries.isEmpty)
    }

    @Test func importedPartiesAreScreened() throws {
        var list = PartyList(parties: [])
        list.add(try PartyList.parseCSL(json: Array(Self.sample.utf8), origin: "csl.json"))
        #expect(list.screen("FICTIONAL QUANTUM WIDGETS COMPANY LIMITED").first?.score == 1)
        #expect(list.screen("FQW").first?.matchedName == "FQW")
        #expect(list.isListed("Imaginary Shipping", on: try CalendarDay("2021-07-01")) == nil)
        #expect(list.isListed("Imaginary Shipping", on: try CalendarDay("2020-07-01")) != nil)
    }

    @Test func aBareArrayOfResultsIsAccepted() throws {
        let json = #"[{"source": "Test List", "name": "Fictional Alpha Labs"}]"#
        #expect(
            try PartyList.parseCSL(json: Array(json.utf8), origin: "a.json").map(\.name) == ["Fictional Alpha Labs"])
    }

    @Test(arguments: [
        (
            #"{"results": [{"source": "L", "name": "A"}, {"source": "L", "name": "B", "start_date": "2023-13-01"}]}"#,
            "bad.json: record 2 ('B'): field 'start_date': '2023-13-01' is not a date on the calendar (13/1)"
        ),
        (
            #"{"results": [{"source": "L", "name": "A", "start_date": "2023-02-30"}]}"#,
            "bad.json: record 1 ('A'): field 'start_date': '2023-02-30' is not a date on the calendar (2/30)"
        ),
        (
            #"{"results": [{"source": "L", "name": "A", "start_date": "16 May 2019"}]}"#,
            "bad.json: record 1 ('A'): field 'start_date': '16 May 2019' is not a date; "
                + "write YYYY-MM-DD, e.g. 2025-01-27"
        ),
        (
            #"{"results": [{"source": "L", "name": "A", "start_date": "2020-01-02", "end_date": "2019-01-01"}]}"#,
            "bad.json: record 1 ('A'): field 'end_date': 2019-01-01 is before start_date 2020-01-02; "
                + "a party cannot leave a list before joining it"
        ),
        (
            #"{"results": [{"source": "L", "name": "A", "alt_names": 42}]}"#,
            "bad.json: record 1 ('A'): field 'alt_names': expected a list of strings"
        ),
        (#"{"results": [{"source": "L", "name": 7}]}"#, "bad.json: record 1: field 'name': expected a string"),
        (
            #"{"results": [{"source": "L", "name": "A", "addresses": "Beijing"}]}"#,
            "bad.json: record 1 ('A'): field 'addresses': expected a list of objects with 'country'"
        ),
        (
            #"{"results": [{"source": "L"}]}"#,
            "bad.json: record 1: field 'name': missing or empty; every listed party needs a name"
        ),
        (
            #"{"results": [{"source": "L", "name": "A"}, {"name": "B"}]}"#,
            "bad.json: record 2 ('B'): field 'source': missing or empty; give the list, "
                + "e.g. 'Entity List (EL) - Bureau of Industry and Security'"
        ),
        (
            #"{"results": [{"source": "L", "name": "A"}, "B"]}"#,
            "bad.json: record 2: expected an object with 'name' and 'source'"
        ),
        (
            #"{"parties": []}"#,
            #"bad.json: expected the CSL JSON shape {"results": [ {"name": ..., "source": ...}, ... ]}; "#
                + "missing key 'results'"
        ),
    ])
    func badRecordsNameTheRecordAndField(_ json: String, _ message: String) {
        let error = #expect(throws: ScreeningError.self) {
            try PartyList.parseCSL(json: Array(json.utf8), origin: "bad.json")
        }
        #expect(error?.description == message)
    }

    @Test(arguments: [
        (
            "{\"results\": [\n  {\"source\": \"L\", \"name\": \"A\"}\n  {\"source\": \"L\", \"name\": \"B\"}\n]}",
            "bad.json:3:3: not valid JSON: expected ',' or ']' after the array element"
        ),
        (
            "{\"results\": [\n  {\"source\": \"L\" \"name\": \"A\"}]}",
            "bad.json:2:18: not valid JSON: expected ',' or '}' after the value (a comma may be missing)"
        ),
        (
            "{\"results\": [{\"source\": 'L'}]}",
            "bad.json:1:25: not valid JSON: unexpected character '''; expected a value"
        ),
        (
            "{\"results\": [{\"source\": \"L\", \"name\": \"A\"}]",
            "bad.json:1:43: not valid JSON: expected ',' or '}' after the value (a comma may be missing)"
        ),
        ("", "bad.json:1:1: not valid JSON: unexpected end of text; a value is missing"),
    ])
    func syntaxErrorsNameLineAndColumn(_ json: String, _ message: String) {
        let error = #expect(throws: ScreeningError.self) {
            try PartyList.parseCSL(json: Array(json.utf8), origin: "bad.json")
        }
        #expect(error?.description == message)
    }
}
