internal import FoundationEssentials
internal import Frames
package import JSONValue

/// A JSON document's import: parsed once, then handed to the importer of the shape it has — Yahoo's chart JSON
/// (`{"chart": …}`), FRED's series observations (`{"observations": […]}`), or one of FMP's (see `FMPJSONImporter`).
struct JSONImport {
    let path: String
    let options: ImportOptions
    let writer: any MarketWriter

    func run(_ bytes: [UInt8]) throws(ImportError) -> ImportReport.File {
        let root: Any
        do {
            root = try JSONValue.parse(bytes, limit: options.memoryLimit).any
        } catch let error as JSONValue.TooLarge {
            throw .file(path, "too large to import: \(error); split it (or ask the provider for a shorter range)")
        } catch {
            throw .file(
                path,
                "not valid JSON (\(Self.reason(error))); the JSON formats are FMP's, Yahoo's chart and "
                    + "FRED's observations")
        }
        if let object = root as? [String: Any] {
            if object["chart"] != nil {
                return try YahooChartImporter(path: path, options: options, writer: writer).run(object)
            }
            if object["observations"] != nil || object["error_code"] != nil {
                return try FREDImporter(path: path, options: options, writer: writer).run(object)
            }
        }
        return try FMPJSONImporter(path: path, options: options, writer: writer).run(root)
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = context.underlyingError.map { ": \($0)" } ?? ""
            return String((context.debugDescription + underlying).prefix(160))
        }
        return String("\(error)".prefix(120))
    }
}

/// What every JSON importer reads the same way: dates, numbers given as numbers or text, and checked values, each
/// error naming the document and the JSON path (`historical[12]`).
protocol JSONDocumentImporter {
    var path: String { get }
}

extension JSONDocumentImporter {
    func date(_ row: [String: Any], _ location: String, key: String = "date") throws(ImportError) -> Int64 {
        guard let text = row[key] as? String else { throw .json(path, location, "no \(key)") }
        guard let time = MarketTime.parse(text) else {
            throw .json(path, location, "cannot read the date '\(text.prefix(40))' (expected YYYY-MM-DD)")
        }
        return time
    }

    /// A number, NaN when the value is missing (absent, `null`, or a missing-value word).
    func number(_ row: [String: Any], _ key: String, _ location: String) throws(ImportError) -> Double {
        try number(row[key], key, location)
    }

    func number(_ value: Any?, _ key: String, _ location: String) throws(ImportError) -> Double {
        switch value {
        case nil, is JSONTree.Null: return .nan
        case let value as Double:
            guard value.isFinite else { throw .json(path, location, "\(key): \(value) is not a finite number") }
            return value
        case let text as String:
            return try checked(location) { () throws(ImportChecks.Problem) in
                try ImportChecks.number(text, field: key)
            }
        default: throw .json(path, location, "\(key) is not a number")
        }
    }

    /// One bar of a JSON document, checked as every importer checks a bar (a close is required; high not below low;
    /// a whole, bounded volume), into `accumulator`.
    func appendBar(
        _ accumulator: BarAccumulator, symbol: String, interval: String, time: Int64, open: Double, high: Double,
        low: Double, close: Double, adjClose: Double, volume: Double, at location: String, index: Int
    ) throws(ImportError) {
        if close.isNaN { throw .json(path, location, "no close") }
        try checked(location) { () throws(ImportChecks.Problem) in
            try ImportChecks.bar(high: high, low: low, volume: volume, names: ("high", "low", "volume"))
        }
        try accumulator.append(
            symbol: symbol, interval: interval, time: time, open: open, high: high, low: low, close: close,
            adjClose: adjClose, volume: volume, location: Int32(index))
    }

    /// Reads one row with `body`; with `skipBad`, a row's own problem is listed in the report and the row skipped,
    /// rather than failing the document.
    func eachRow(_ accumulator: BarAccumulator, skipBad: Bool, _ body: () throws -> Void) throws(ImportError) {
        do {
            try body()
        } catch let error as ImportError {
            guard skipBad, error.kind == .json else { throw error }
            accumulator.skip(error.description)
        } catch {
            throw .file(path, "\(error)")
        }
    }

    /// `body`'s value, or its problem as an error at `location`.
    func checked<T>(_ location: String, _ body: () throws(ImportChecks.Problem) -> T) throws(ImportError) -> T {
        do { return try body() } catch { throw .json(path, location, error.message) }
    }
}

/// A JSON document as `JSONSerialization` gave it (`[String: Any]`, `[Any]`, `String`, `Double`, `Bool`, null as
/// `JSONTree.Null`), for the importers and providers that walk it by casting.
package enum JSONTree {
    package typealias Null = JSONValue.Null

    /// The tree of `bytes`, or nil when they are not JSON.
    package static func parse(_ bytes: [UInt8]) -> Any? {
        (try? JSONValue.parse(bytes))?.any
    }
}
