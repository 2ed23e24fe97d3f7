internal import Foundation

/// A JSON document's import: parsed once, then handed to the importer of the shape it has — Yahoo's chart JSON
/// (`{"chart": …}`), FRED's series observations (`{"observations": […]}`), or one of FMP's (see `FMPJSONImporter`).
struct JSONImport {
    let path: String
    let options: ImportOptions
    let writer: any MarketWriter

    func run(_ data: Data) throws(ImportError) -> ImportReport.File {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .file(path, "not valid JSON (\(Self.reason(error))); the JSON formats are FMP's, Yahoo's chart and "
                + "FRED's observations")
        }
        if let object = root as? [String: Any] {
            if object["chart"] != nil { return try YahooChartImporter(path: path, options: options, writer: writer).run(object) }
            if object["observations"] != nil || object["error_code"] != nil {
                return try FREDImporter(path: path, options: options, writer: writer).run(object)
            }
        }
        return try FMPJSONImporter(path: path, options: options, writer: writer).run(root)
    }

    private static func reason(_ error: any Error) -> String {
        let text = "\(error)"
        if let range = text.range(of: "NSDebugDescription=") {
            return String(text[range.upperBound...].prefix(120)).replacingOccurrences(of: "}", with: "")
        }
        return String(text.prefix(120))
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
        case nil, is NSNull: return .nan
        case let number as NSNumber:
            let value = number.doubleValue
            guard value.isFinite else { throw .json(path, location, "\(key): \(value) is not a finite number") }
            return value
        case let text as String:
            return try checked(location) { () throws(ImportChecks.Problem) in
                try ImportChecks.number(text, field: key)
            }
        default: throw .json(path, location, "\(key) is not a number")
        }
    }

    /// `body`'s value, or its problem as an error at `location`.
    func checked<T>(_ location: String, _ body: () throws(ImportChecks.Problem) -> T) throws(ImportError) -> T {
        do { return try body() } catch { throw .json(path, location, error.message) }
    }
}
