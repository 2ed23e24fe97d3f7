internal import Frames

/// FRED's series observations (`fred/series/observations?series_id=…&file_type=json`): `{"observations": [{"date",
/// "value"}, …]}`, where a value of "." is a missing observation. The response does not name its series, so the id
/// is the import's `series` option (the fetcher passes the requested id; a file defaults to its name).
struct FREDImporter: JSONDocumentImporter {
    let path: String
    let options: ImportOptions
    let writer: any MarketWriter

    func run(_ object: [String: Any]) throws(ImportError) -> ImportReport.File {
        if let code = object["error_code"] {
            let message = object["error_message"] as? String ?? ""
            throw .file(path, "FRED answered with an error, not data: \(code): \(message.prefix(200))")
        }
        guard let rows = object["observations"] as? [Any] else { throw .json(path, "observations", "not an array") }
        let given = options.series ?? MarketImporter.stem(path)
        let id = try checked("observations") { () throws(ImportChecks.Problem) in
            try ImportChecks.name(given, field: "series id")
        }
        var report = ImportReport.File(path: path, format: "fred-observations", kind: "series")
        var times: [Int64] = []
        var values: [Double] = []
        for (index, item) in rows.enumerated() {
            let location = "observations[\(index)]"
            guard let row = item as? [String: Any] else { throw .json(path, location, "not an object") }
            let time = try date(row, location)
            let value = row["value"] as? String == "." ? .nan : try number(row, "value", location)
            if let last = times.last, time <= last {
                throw .json(
                    path, location,
                    time == last
                        ? "duplicate observation for \(MarketTime.format(time))"
                        : "observations are not in date order")
            }
            times.append(time)
            values.append(value)
            report.note(time: time)
        }
        if times.isEmpty { throw .file(path, "no observations for series \(id)") }
        do { report.counts = try writer.upsert(series: id, times: times, values: values) } catch { throw .store(error) }
        report.rows = times.count
        report.symbols = [id]
        return report
    }
}
