import FoundationEssentials
import PartyScreening
import Testing

/// A party is a match only while it is listed: from its listing date, until its removal date.
@Suite struct ListingDateTests {
    let list = PartyList.bundled

    @Test func zhipuIsListedFromJanuary16th2025() throws {
        let before = try CalendarDay("2025-01-10")
        let after = try CalendarDay("2025-01-20")
        #expect(list.isListed("Zhipu AI", on: before) == nil)
        #expect(list.screen("Beijing Zhipu Huazhang Technology Co., Ltd.", date: before).isEmpty)
        let match = try #require(list.isListed("Zhipu AI", on: after))
        #expect(match.party.federalRegisterNotice == "90 FR 4617")
        #expect(match.reasons.contains("listed since 2025-01-16 (90 FR 4617)"))
        // The listing date itself counts.
        #expect(list.isListed("Zhipu AI", on: try CalendarDay("2025-01-16")) != nil)
    }

    @Test(arguments: [
        ("Huawei Technologies Co., Ltd.", "2019-05-15", false), ("Huawei Technologies Co., Ltd.", "2019-06-01", true),
        ("SMIC", "2020-12-17", false), ("SMIC", "2020-12-18", true),
        ("Moore Threads", "2023-10-16", false), ("Moore Threads", "2023-10-17", true),
        ("Sugon", "2019-06-23", false), ("Sugon", "2019-06-24", true),
        ("Inspur Taiwan", "2025-03-24", false), ("Inspur Taiwan", "2025-03-25", true),
    ])
    func listingDates(_ name: String, _ day: String, _ listed: Bool) throws {
        #expect((list.isListed(name, on: try CalendarDay(day)) != nil) == listed)
    }

    @Test func removedPartiesStopMatchingOnTheirRemovalDate() throws {
        let party = Party(
            name: "Obviously Fictional Widgets Co., Ltd.", list: "Test List", listedOn: try CalendarDay("2020-01-01"),
            removedOn: try CalendarDay("2022-06-30"))
        let list = PartyList(parties: [party])
        #expect(list.isListed("Obviously Fictional Widgets", on: try CalendarDay("2022-06-29")) != nil)
        #expect(list.isListed("Obviously Fictional Widgets", on: try CalendarDay("2022-06-30")) == nil)
        #expect(list.screen("Obviously Fictional Widgets").count == 1)  // without a date: every party
    }

    @Test func partiesWithoutAListingDateAreAlwaysListed() throws {
        let list = PartyList(parties: [Party(name: "Undated Fictional Trading LLC", list: "Test List")])
        #expect(list.isListed("Undated Fictional Trading", on: try CalendarDay("1999-01-01")) != nil)
    }

    @Test func addedPartiesAreScreened() throws {
        var list = PartyList.bundled
        let before = list.parties.count
        list.add([Party(name: "Zyxwv Fictional Optics GmbH", countries: ["DE"], list: "Test List")])
        #expect(list.parties.count == before + 1)
        #expect(list.screen("ZYXWV FICTIONAL OPTICS").first?.party.countries == ["DE"])
        #expect(PartyList.bundled.screen("Zyxwv Fictional Optics").isEmpty)  // copies are independent
    }
}

/// The bundled sample: real Entity List listings with their dates, citations and evidence.
@Suite struct BundledSampleTests {
    let parties = PartyList.bundled.parties

    @Test func everyRecordHasADateACitationAndASource() {
        #expect((10...30).contains(parties.count))
        for party in parties {
            #expect(party.listedOn != nil, "\(party.name)")
            #expect(party.federalRegisterNotice?.contains(" FR ") == true, "\(party.name)")
            #expect(["P", "S", "U"].contains(party.evidence), "\(party.name)")
            #expect(party.source?.isEmpty == false, "\(party.name)")
            #expect(party.list == "Entity List (EL) - Bureau of Industry and Security")
            #expect(party.removedOn == nil)
        }
    }

    @Test(arguments: [
        ("Huawei", "2019-05-16", "84 FR 22961"), ("Sugon", "2019-06-24", "84 FR 29371"),
        ("Higon", "2019-06-24", "84 FR 29371"),
        ("Wuxi Jiangnan Institute of Computing Technology", "2019-06-24", "84 FR 29371"),
        ("SMIC", "2020-12-18", "85 FR 83416"), ("Shanghai Biren Technology", "2023-10-17", "88 FR 71991"),
        ("Moore Threads", "2023-10-17", "88 FR 71991"), ("Zhipu AI", "2025-01-16", "90 FR 4617"),
        ("Sophgo", "2025-01-16", "90 FR 4621"), ("Inspur Software", "2025-03-25", "90 FR 14046"),
    ])
    func referenceListings(_ name: String, _ day: String, _ notice: String) throws {
        let match = try #require(PartyList.bundled.screen(name).first, "\(name)")
        #expect(match.party.listedOn == (try CalendarDay(day)))
        #expect(match.party.federalRegisterNotice == notice)
    }

    @Test func unverifiedCitationsAreMarked() throws {
        let huawei = try #require(parties.first { $0.name == "Huawei Technologies Co., Ltd." })
        #expect(huawei.evidence == "U")
        #expect(huawei.licensePolicy == "Presumption of denial")
    }

    @Test func partiesRoundTripThroughJSON() throws {
        for party in parties {
            let encoded = try JSONEncoder().encode(party)
            #expect(try JSONDecoder().decode(Party.self, from: encoded) == party)
        }
    }
}
