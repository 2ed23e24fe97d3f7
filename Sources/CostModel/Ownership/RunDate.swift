/// A date of the ownership method ("2024-09-01"), with its day number for differences in days. (PartyScreening's
/// `CalendarDay` and MarketData's `MarketTime` have the calendar too, but CostModel depends on neither; a shared leaf
/// for dates would serve all three.)
struct RunDate: Sendable, Comparable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    /// Parses "YYYY-MM-DD" (years 1900–2200); nil for anything else, including impossible days ("2023-02-30").
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1900...2200).contains(y), (1...12).contains(m), (1...RunDate.length(y, m)).contains(d)
        else { return nil }
        (year, month, day) = (y, m, d)
    }

    private init(_ y: Int, _ m: Int, _ d: Int) { (year, month, day) = (y, m, d) }

    static func length(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`, for years after 1 AD).
    var days: Int {
        let y = month <= 2 ? year - 1 : year
        let yoe = y % 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return (y / 400) * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The date `count` days later (count ≥ 0), a month at a time.
    func adding(days count: Int) -> RunDate {
        var (y, m, d) = (year, month, day + count)
        while d > RunDate.length(y, m) {
            d -= RunDate.length(y, m)
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return RunDate(y, m, d)
    }

    var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func < (a: RunDate, b: RunDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
