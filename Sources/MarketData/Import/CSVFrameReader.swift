internal import CSV
public import Frames

/// Any CSV with a header as a `Frame` (for probe lists, signals and other tables that are not market data): each
/// column's kind — time, number or string — is inferred from its first 1,000 values; a later value that does not fit
/// is an error naming its line.
public enum CSVFrameReader {
    enum Kind { case time, number, string }

    public static func read(_ path: String) throws(ImportError) -> Frame {
        let reader = try CSVReader.importing(path)
        var header: [String] = []
        var sample: [[String]] = []
        var sampleLines: [Int] = []
        var kinds: [Kind] = []
        var times: [[Int64]] = []
        var numbers: [[Double]] = []
        var strings: [[String]] = []
        func append(_ row: CSVReader.Row) throws(ImportError) {
            for column in 0..<header.count {
                switch kinds[column] {
                case .time:
                    guard let value = MarketTime.parse(row[column]) else {
                        throw .row(
                            path, row.line,
                            "\(header[column]): '\(row.excerpt(column))' is not a date like the column's first values")
                    }
                    times[column].append(value)
                case .number:
                    guard let value = NumberParsing.parse(row[column]) else {
                        throw .row(
                            path, row.line,
                            "\(header[column]): '\(row.excerpt(column))' is not a number like the column's first values"
                        )
                    }
                    numbers[column].append(value)
                case .string: strings[column].append(row.string(column))
                }
            }
        }
        func settleKinds() {
            kinds = (0..<header.count).map { column in
                let values = sample.map { $0[column] }
                if !values.isEmpty, values.allSatisfy({ MarketTime.parse($0) != nil }) { return .time }
                if !values.isEmpty,
                    values.allSatisfy({ value in
                        var copy = value
                        return copy.withUTF8 { NumberParsing.parse(UnsafeRawBufferPointer($0)) } != nil
                    })
                {
                    return .number
                }
                return .string
            }
            times = Array(repeating: [], count: header.count)
            numbers = Array(repeating: [], count: header.count)
            strings = Array(repeating: [], count: header.count)
        }
        var settled = false
        try reader.forEachRow { row throws(ImportError) in
            if header.isEmpty {
                header = (0..<row.count).map { row.string($0).trimmingCharactersWhitespace() }
                return true
            }
            if row.count == 1, row[0].isEmpty { return true }
            guard row.count == header.count else {
                throw .row(path, row.line, "\(row.count) fields, but the header has \(header.count)")
            }
            if !settled {
                sample.append((0..<row.count).map { row.string($0) })
                sampleLines.append(row.line)
                if sample.count == 1000 {
                    settleKinds()
                    settled = true
                    for values in sample { appendStrings(values) }
                }
                return true
            }
            try append(row)
            return true
        }
        guard !header.isEmpty else { throw .file(path, "the file is empty") }
        if !settled {
            settleKinds()
            for values in sample { appendStrings(values) }
        }
        func appendStrings(_ values: [String]) {
            for (column, value) in values.enumerated() {
                switch kinds[column] {
                case .time: times[column].append(MarketTime.parse(value)!)
                case .number:
                    var copy = value
                    numbers[column].append(copy.withUTF8 { NumberParsing.parse(UnsafeRawBufferPointer($0)) }!)
                case .string: strings[column].append(value)
                }
            }
        }
        var frame = Frame()
        do {
            for (column, name) in header.enumerated() {
                switch kinds[column] {
                case .time: try frame.add(name, .time(times[column]))
                case .number: try frame.add(name, .double(numbers[column]))
                case .string: try frame.add(name, .categorical(strings[column]))
                }
            }
        } catch {
            throw .file(path, error.description)
        }
        return frame
    }
}
