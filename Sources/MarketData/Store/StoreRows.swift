internal import Frames

/// A query's answer read row by row, its columns by index from 0: the one thing the two stores' reads differ in
/// (SQLite steps a statement; PostgreSQL holds the whole result). The records and frames both stores return are
/// decoded once, here, from the columns their queries select in the same order.
protocol StoreRows {
    /// Moves to the next row; false past the last.
    mutating func next() throws(StoreError) -> Bool
    /// The column's text, nil for NULL.
    func textValue(at column: Int) -> String?
    /// The column's integer, nil for NULL.
    func integerValue(at column: Int) -> Int64?
    /// The column's number, NaN for NULL.
    func doubleValue(at column: Int) -> Double
}

extension SQLiteStatement: StoreRows {
    func next() throws(StoreError) -> Bool { try step() }
    func textValue(at column: Int) -> String? { optionalText(Int32(column)) }
    func integerValue(at column: Int) -> Int64? { optionalInteger(Int32(column)) }
    func doubleValue(at column: Int) -> Double { double(Int32(column)) }
}

/// A PostgreSQL result (text format) as rows to step through.
struct PostgresRows: StoreRows {
    let result: PostgresResult
    private var row = -1

    init(_ result: PostgresResult) { self.result = result }

    mutating func next() -> Bool {
        row += 1
        return row < result.rows
    }
    func textValue(at column: Int) -> String? { result.text(row, column) }
    func integerValue(at column: Int) -> Int64? { result.integer(row, column) }
    func doubleValue(at column: Int) -> Double { result.double(row, column) }
}

extension StoreRows {
    private func text(_ column: Int) -> String { textValue(at: column) ?? "" }
    private func integer(_ column: Int) -> Int64 { integerValue(at: column) ?? 0 }

    /// Rows of symbol, name, kind, sector, industry, exchange, currency.
    mutating func securities() throws(StoreError) -> [Security] {
        var result: [Security] = []
        while try next() {
            result.append(
                Security(
                    symbol: text(0), name: textValue(at: 1), kind: textValue(at: 2), sector: textValue(at: 3),
                    industry: textValue(at: 4), exchange: textValue(at: 5), currency: textValue(at: 6)))
        }
        return result
    }

    /// Rows of a security's seven fields, then interval, bars, first and last time (NULL for none).
    mutating func symbols() throws(StoreError) -> Frame {
        var text: [[String]] = Array(repeating: [], count: 8)
        var bars: [Int64] = []
        var first: [Int64] = []
        var last: [Int64] = []
        while try next() {
            for column in 0..<8 { text[column].append(self.text(column)) }
            bars.append(integer(8))
            first.append(integer(9))
            last.append(integer(10))
        }
        return try Frame.stored([
            ("symbol", .text(text[0])), ("name", .text(text[1])), ("kind", .text(text[2])),
            ("sector", .text(text[3])), ("industry", .text(text[4])), ("exchange", .text(text[5])),
            ("currency", .text(text[6])), ("interval", .text(text[7])), ("bars", .int(bars)),
            ("first", .time(first)), ("last", .time(last)),
        ])
    }

    /// Rows of time, sector, exchange, average_change.
    mutating func sectors() throws(StoreError) -> Frame {
        var time: [Int64] = []
        var sector: [String] = []
        var exchange: [String] = []
        var change: [Double] = []
        while try next() {
            time.append(integer(0))
            sector.append(text(1))
            exchange.append(text(2))
            change.append(doubleValue(at: 3))
        }
        return try Frame.stored([
            ("time", .time(time)), ("sector", .categorical(sector)), ("exchange", .categorical(exchange)),
            ("average_change", .double(change)),
        ])
    }

    /// Rows of time, value.
    mutating func series() throws(StoreError) -> Frame {
        var time: [Int64] = []
        var value: [Double] = []
        while try next() {
            time.append(integer(0))
            value.append(doubleValue(at: 1))
        }
        return try Frame.stored([("time", .time(time)), ("value", .double(value))])
    }

    /// Rows of kind, id, provider, dataset, parameters, fetched_at.
    mutating func sources() throws(StoreError) -> [DataSource] {
        var result: [DataSource] = []
        while try next() {
            result.append(
                DataSource(
                    kind: text(0), id: text(1), provider: text(2), dataset: text(3), parameters: text(4),
                    fetchedAt: integer(5)))
        }
        return result
    }

    /// Rows of id, count.
    mutating func seriesIDs() throws(StoreError) -> [(id: String, points: Int)] {
        var result: [(id: String, points: Int)] = []
        while try next() { result.append((text(0), Int(integer(1)))) }
        return result
    }

    /// Rows of time, title, tags, source.
    mutating func events() throws(StoreError) -> Frame {
        var time: [Int64] = []
        var title: [String] = []
        var tags: [String] = []
        var source: [String] = []
        while try next() {
            time.append(integer(0))
            title.append(text(1))
            tags.append(text(2))
            source.append(text(3))
        }
        return try Frame.stored([
            ("time", .time(time)), ("title", .text(title)), ("tags", .text(tags)), ("source", .text(source)),
        ])
    }
}
