import PartyScreening
import Testing

/// A day prints as the `YYYY-MM-DD` it was read from, with every part padded to its width.
@Suite struct CalendarDayTests {
    @Test(arguments: ["0001-01-01", "0999-10-09", "2024-02-29", "2025-12-31", "9999-12-31"])
    func descriptionIsTheISOSpelling(_ text: String) throws {
        #expect(try CalendarDay(text).description == text)
    }

    @Test func monthOnlyMeansTheFirst() throws {
        #expect(try CalendarDay("2025-04").description == "2025-04-01")
        #expect(try CalendarDay(year: 7, month: 3, day: 5).description == "0007-03-05")
    }
}
