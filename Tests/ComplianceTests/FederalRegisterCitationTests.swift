import Compliance
import Testing

@Suite struct FederalRegisterCitationTests {
    func links(_ text: String) -> [String] {
        FederalRegisterCitation.find(in: text).map { "\(text[$0.range]) → \($0.url)" }
    }

    @Test func citationsInTextAreFoundWithTheirFederalRegisterURL() {
        #expect(
            links("88 FR 73458 (FR Doc 2023-23055; 15 CFR 742.6(a)(6)(iii)) [P]; see 87 F.R. 62186.") == [
                "88 FR 73458 → https://www.federalregister.gov/citation/88-FR-73458",
                "87 F.R. 62186 → https://www.federalregister.gov/citation/87-FR-62186",
            ])
        #expect(links("91 FR 1684") == ["91 FR 1684 → https://www.federalregister.gov/citation/91-FR-1684"])
    }

    @Test(arguments: [
        "FR Doc 2023-23055",  // a document number, not a citation
        "58 FR 12345",  // before FederalRegister.gov's first volume (59, 1994)
        "x88 FR 73458", "88 FR 73458x", "1088 FR 73458", "88 FR 1234567",  // not standalone numbers
        "88 FR", "88 FRA 73458", "15 CFR 744.23", "",
    ])
    func notCitationsOrNotOnline(text: String) {
        #expect(links(text).isEmpty)
    }

    @Test func everyCitationInTheRuleDataGetsALink() {
        // The bundled rules cite volumes 84–91; each of those citations must be found in its own text.
        let rules = RuleBook.bundled.rules
        let cited = Set(rules.flatMap { $0.citations.compactMap(\.federalRegister) })
        #expect(cited.count >= 5)
        for citation in cited {
            #expect(links(citation).count == 1, "no link for '\(citation)'")
        }
    }
}
