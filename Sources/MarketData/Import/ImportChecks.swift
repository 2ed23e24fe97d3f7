internal import Frames

/// The checks every imported value passes, whichever importer read it — CSV bars, FMP JSON, series, sectors,
/// securities, events — so one file's rules are every file's: numbers are finite (`NaN`, `inf`, `1e400` are refused;
/// an empty, `null`, `NA`, `N/A`, `-` or `none` field is a missing value), volumes are whole numbers of shares in
/// `0..<maximumVolume`, and symbols, ids and names are non-empty text without control characters. Each check
/// throws what is wrong, naming the field as the file does; the importer adds where (`file:line`, a JSON path).
package enum ImportChecks {
    /// What is wrong with one value (the importer says where).
    struct Problem: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The largest volume a bar may have, exclusive: 10^15 shares, a thousand times the busiest day any US listing
    /// has traded, and small enough that every volume below it is an exact integer in a Double (2^53 ≈ 9·10^15).
    static let maximumVolume = 1e15

    /// The dates a row may have: from 1000-01-01 up to (not including) 3000-01-01 — centuries of history either
    /// side of any real data (and of long synthetic series), while the sentinels and unit mistakes that poison a
    /// store are out: 0001-01-01, 9999-12-31 (which would make `aikit update` call its symbol current for ever),
    /// a timestamp in milliseconds or of 9.2e18 s. (A fetch also refuses rows outside the dates it asked for.)
    package static let dates: Range<Int64> =
        MarketTime.days(year: 1000, month: 1, day: 1) * MarketTime.day..<MarketTime.days(year: 3000, month: 1, day: 1)
        * MarketTime.day

    /// The dates aikit stores, for messages.
    static let datesText = "1000-01-01 to 2999-12-31"

    /// Refuses a document whose rows are dated outside `dates`.
    static func dates(of report: ImportReport.File) throws(ImportError) {
        for time in [report.first, report.last].compactMap({ $0 }) where !dates.contains(time) {
            throw .file(
                report.path,
                "a row is dated \(MarketTime.formatDate(time)), outside the dates aikit stores "
                    + "(\(datesText)); check the file's dates (or timestamps' unit)")
        }
    }

    /// The longest symbol, series id or sector name, in bytes.
    static let maximumNameBytes = 64

    /// A numeric field's value, NaN when it is missing.
    /// (The field's name and excerpt are autoclosures: evaluated for a message only, not retained once per field.)
    @inline(__always)
    static func number(
        _ bytes: UnsafeRawBufferPointer, field: @autoclosure () -> String,
        excerpt: @autoclosure () -> String
    ) throws(Problem) -> Double {
        guard let value = NumberParsing.parse(bytes) else {
            throw Problem("\(field()): '\(excerpt())' is not a number")
        }
        if value.isFinite { return value }
        if value.isNaN, !isNaNLiteral(bytes) { return value }  // a missing value
        throw Problem("\(field()): '\(excerpt())' is not a finite number")
    }

    /// A number given as text in JSON, checked as in a CSV file.
    static func number(_ text: String, field: String) throws(Problem) -> Double {
        var copy = text
        let excerpt = String(text.prefix(40))
        let result = copy.withUTF8 { bytes in
            Result { () throws(Problem) in try number(UnsafeRawBufferPointer(bytes), field: field, excerpt: excerpt) }
        }
        return try result.get()
    }

    /// `NaN` (any case, with blanks around it): a number that is not finite, unlike the words for a missing value.
    private static func isNaNLiteral(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var letters: UInt32 = 0
        var count = 0
        for byte in bytes where byte != 32 {
            count += 1
            if count > 3 { return false }
            letters = letters << 8 | UInt32(byte | 0x20)
        }
        return count == 3 && letters == 0x6E_61_6E  // "nan"
    }

    /// What is wrong with a bar's values, naming its fields as the file does. Missing values (NaN) pass.
    @inline(__always)
    static func bar(
        high: Double, low: Double, volume: Double,
        names: @autoclosure () -> (high: String, low: String, volume: String)
    ) throws(Problem) {
        // The row loop's test, inlined; the message (below) only for a bad bar. (Int64(volume) is reached only for
        // 0 <= volume < 10^15, where it cannot trap.)
        if high < low || (!volume.isNaN && (volume < 0 || volume >= maximumVolume || volume != Double(Int64(volume)))) {
            throw barProblem(high: high, low: low, volume: volume, names: names())
        }
    }

    /// The message for a bar `bar` found bad.
    private static func barProblem(
        high: Double, low: Double, volume: Double,
        names: (high: String, low: String, volume: String)
    ) -> Problem {
        if high < low { return Problem("\(names.high) \(high) is below \(names.low) \(low)") }
        if volume < 0 { return Problem("\(names.volume) \(volume) is negative") }
        if volume >= maximumVolume {
            return Problem("\(names.volume) \(volume) is not below 10^15 shares (the most a bar may have)")
        }
        return Problem("\(names.volume) \(volume) is not a whole number of shares")
    }

    /// A symbol, series id or sector name: trimmed, non-empty, at most `maximumNameBytes`, no control characters.
    static func name(_ text: String, field: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharactersWhitespace()
        guard !trimmed.isEmpty else { throw Problem("\(field) is empty") }
        guard trimmed.utf8.count <= maximumNameBytes else {
            throw Problem("\(field) '\(trimmed.prefix(40))…' is longer than \(maximumNameBytes) bytes")
        }
        try plainText(trimmed, field: field)
        return trimmed
    }

    /// Free text (a title, a company name, a tag): no control characters (tabs, line breaks, escapes).
    static func plainText(_ text: String, field: String) throws(Problem) {
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let shown = text.unicodeScalars.prefix(40).map {
                $0.properties.generalCategory == .control ? "?" : String($0)
            }
            throw Problem("\(field) '\(shown.joined())' contains a control character (U+\(hex(bad.value)))")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A series given whole (`store:add_series(id, frame)`): the id is a name, every date in `dates`, every value
    /// finite or missing.
    package static func series(id: String, times: [Int64], values: [Double]) throws(StoreError) {
        do {
            _ = try name(id, field: "series id")
        } catch {
            throw .badArgument(error.message)
        }
        if let index = times.firstIndex(where: { !dates.contains($0) }) {
            throw .badArgument(
                "series '\(id)': time \(index + 1) (\(MarketTime.formatDate(times[index]))) is outside the dates aikit "
                    + "stores (\(datesText))")
        }
        if let index = values.firstIndex(where: { $0.isInfinite }) {
            throw .badArgument("series '\(id)': value \(index + 1) (\(values[index])) is not a finite number")
        }
    }

    /// An event given whole (`store:add_event{...}`): a title and tags as an event file's.
    package static func event(_ event: MarketEvent) throws(StoreError) {
        do throws(Problem) {
            guard !event.title.trimmingCharactersWhitespace().isEmpty else { throw Problem("title is empty") }
            guard dates.contains(event.time) else {
                throw Problem(
                    "date \(MarketTime.formatDate(event.time)) is outside the dates aikit stores (\(datesText))")
            }
            try plainText(event.title, field: "title")
            for tag in event.tags { _ = try name(tag, field: "tag") }
            if let source = event.source { try plainText(source, field: "source") }
        } catch {
            throw .badArgument(error.message)
        }
    }

    /// The interval of a bar whose file does not say: daily for bars at midnight, intraday otherwise.
    static func defaultInterval(for time: Int64) -> String {
        time % MarketTime.day == 0 ? "1d" : "intraday"
    }
}
