import FoundationEssentials

/// A calendar date (no time, no zone): the unit of effective dates, listing dates and transaction dates.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the date ("2023-02-30" is an error, not March 2nd).
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDay.daysInMonth(year: year, month: month)
        else {
            throw CalendarDayError("impossible date \(year)-\(month)-\(day)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD" (also "YYYY-MM", meaning the first of the month).
    public init(_ text: String) throws {
        if let (year, month, day) = CalendarDay.digitsOfISODate(text) {
            do {
                try self.init(year: year, month: month, day: day)
                return
            } catch {
                throw CalendarDayError("'\(text)' is not a date on the calendar (\(month)/\(day))")
            }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = parts.count == 3 ? Int(parts[2]) : 1
        else {
            throw CalendarDayError("'\(text)' is not a date; write YYYY-MM-DD, e.g. 2025-01-27")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw CalendarDayError("'\(text)' is not a date on the calendar (\(month)/\(day))")
        }
    }

    /// Today in UTC.
    public static var today: CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        // (A Gregorian date from Foundation is always on the calendar.)
        return (try? CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
            ?? (try! CalendarDay("1970-01-01"))
    }

    /// Year, month and day of exactly `DDDD-DD-DD` (the common spelling, read without splitting), else nil.
    static func digitsOfISODate(_ text: String) -> (Int, Int, Int)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    let digit = Int(bytes[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// "2025-01-27".
    public var description: String {
        // Ten ASCII bytes written in place (a small string: no allocation); the initializer keeps the year in
        // 1...9999, so every part fits its width.
        String(unsafeUninitializedCapacity: 10) { text in
            func put(_ number: Int, at start: Int, width: Int) {
                var rest = number
                for i in (start..<start + width).reversed() {
                    text[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, at: 0, width: 4)
            text[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2)
            text[7] = UInt8(ascii: "-")
            put(day, at: 8, width: 2)
            return 10
        }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A date that could not be read.
public struct CalendarDayError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
