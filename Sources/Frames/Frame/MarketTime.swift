/// UTC timestamps as seconds since 1970-01-01, parsed from and printed as ISO dates (civil-calendar arithmetic, no
/// Foundation, so it is fast enough for millions of rows).
public enum MarketTime {
    public static let day: Int64 = 86_400

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// (year, month, day) of a day number.
    public static func civil(days z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(_ seconds: Int64) -> Int {
        let days = floorDiv(seconds, day)
        return Int(((days % 7) + 7 + 3) % 7)
    }

    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`; nil otherwise.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The same over raw bytes (the importers' fast path).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        // Fast path: exactly YYYY-MM-DD.
        if bytes.count == 10, bytes[4] == 45, bytes[7] == 45 {
            func digit(_ at: Int) -> Int64? {
                let c = bytes[at] &- 48
                return c < 10 ? Int64(c) : nil
            }
            if let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3), let m0 = digit(5),
                let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
            {
                let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
                let month = m0 * 10 + m1
                let day = d0 * 10 + d1
                guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
                return days(year: year, month: month, day: day) * self.day
            }
            return nil
        }
        let n = bytes.count
        var i = 0
        func digits(_ count: Int) -> Int64? {
            guard i + count <= n else { return nil }
            var value: Int64 = 0
            for _ in 0..<count {
                let c = bytes[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
                i += 1
            }
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < n, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4) else { return nil }
        let dashed = expect(45)
        guard let month = digits(2) else { return nil }
        if dashed { guard expect(45) else { return nil } }
        guard let dayOfMonth = digits(2), (1...12).contains(month), dayOfMonth >= 1,
            dayOfMonth <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = days(year: year, month: month, day: dayOfMonth) * day
        if i == n { return seconds }
        guard bytes[i] == 32 || bytes[i] == 84 else { return nil }  // ' ' or 'T'
        i += 1
        guard let hour = digits(2), expect(58), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        if expect(58) {
            guard let s = digits(2), s < 61 else { return nil }
            second = s
            if expect(46) {  // fractional seconds are dropped (bars are stored to the second)
                let start = i
                while i < n, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
        }
        seconds += hour * 3600 + minute * 60 + second
        if i == n { return seconds }
        if expect(90) { return i == n ? seconds : nil }  // 'Z'
        guard i < n, bytes[i] == 43 || bytes[i] == 45 else { return nil }
        let sign: Int64 = bytes[i] == 45 ? -1 : 1
        i += 1
        guard let offsetHours = digits(2) else { return nil }
        _ = expect(58)
        guard let offsetMinutes = digits(2), i == n else { return nil }
        return seconds - sign * (offsetHours * 3600 + offsetMinutes * 60)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DD` for midnight, `YYYY-MM-DD HH:MM:SS` otherwise.
    public static func format(_ seconds: Int64) -> String {
        let dayNumber = floorDiv(seconds, day)
        let (y, m, d) = civil(days: dayNumber)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        let rest = seconds - dayNumber * day
        if rest == 0 { return date }
        return "\(date) \(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))"
    }

    /// `YYYY-MM-DD` of the day holding `seconds`.
    public static func formatDate(_ seconds: Int64) -> String { format(floorDiv(seconds, day) * day) }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
