internal import FoundationEssentials
public import PartyScreening

/// The Gregorian calendar in UTC, for day arithmetic off the hot path (as-of notes, data set ages).
private let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar
}()

extension CalendarDay {
    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        let date = utc.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The day `count` days later (earlier when negative); nil off the calendar aikit reads (years 1–9999).
    public func adding(days count: Int) -> CalendarDay? {
        let parts = utc.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: Double(dayNumber + count) * 86_400))
        return try? CalendarDay(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }
}
