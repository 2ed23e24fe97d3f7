internal import FoundationEssentials
internal import Frames

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Financial Modeling Prep JSON: `historical-price-eod/full` (a list of bars, each with its symbol),
/// the legacy `historical-price-full` (`{symbol, historical: [...]}` or `{historicalStockList: [...]}`),
/// `historical-sector-performance` (rows `{date, sector, exchange, averageChange}`) and the legacy wide
/// `historical-sectors-performance` (`{date, technologyChangesPercentage, ...}`). JSON files are read whole (FMP
/// serves them per symbol or per query, so they are small); unknown keys are ignored, as FMP adds fields over time.
struct FMPJSONImporter: JSONDocumentImporter {
    let path: String
    let options: ImportOptions
    let writer: any MarketWriter

    func run(_ root: Any) throws(ImportError) -> ImportReport.File {
        if let object = root as? [String: Any] {
            if let message = object["Error Message"] as? String ?? object["error"] as? String {
                throw .file(path, "the file holds an FMP error response, not data: \(message)")
            }
            if let list = object["historicalStockList"] as? [Any] {
                return try bars(
                    list.enumerated().flatMap { index, item -> [(String, Any, String)] in
                        guard let entry = item as? [String: Any], let symbol = entry["symbol"] as? String,
                            let rows = entry["historical"] as? [Any]
                        else { return [] }
                        return rows.enumerated().map { (symbol, $1, "historicalStockList[\(index)].historical[\($0)]") }
                    }, format: "fmp-historical-price-full")
            }
            if let rows = object["historical"] as? [Any] {
                let symbol = options.symbol ?? object["symbol"] as? String ?? MarketImporter.symbol(fromFileName: path)
                return try bars(
                    rows.enumerated().map { (symbol, $1, "historical[\($0)]") }, format: "fmp-historical-price-full")
            }
            throw .file(path, "a JSON object without `historical` or `historicalStockList`; \(CSVLayout.formatsHelp)")
        }
        guard let rows = root as? [Any] else { throw .file(path, "JSON that is neither an array nor an object") }
        guard let first = rows.first as? [String: Any] else {
            throw .file(path, rows.isEmpty ? "an empty JSON array: no rows to import" : "a JSON array of non-objects")
        }
        if first["companyName"] != nil, first["symbol"] != nil {
            return try profiles(rows)
        }
        if first["sector"] != nil {
            return try sectors(rows)
        }
        if first.keys.contains(where: { $0.hasSuffix("ChangesPercentage") }) {
            return try legacySectors(rows)
        }
        if first["date"] != nil, first["close"] != nil {
            let fallback = options.symbol ?? MarketImporter.symbol(fromFileName: path)
            return try bars(
                rows.enumerated().map { index, row in
                    (((row as? [String: Any])?["symbol"] as? String) ?? fallback, row, "[\(index)]")
                }, format: "fmp-eod")
        }
        throw .file(
            path,
            "cannot tell which FMP endpoint produced this JSON (keys: \(first.keys.sorted().joined(separator: ", ")))")
    }

    private func bars(_ rows: [(String, Any, String)], format: String) throws(ImportError) -> ImportReport.File {
        let locations = rows.map(\.2)
        let accumulator = BarAccumulator(
            writer: writer, report: .init(path: path, format: format, kind: "bars"), windowRows: options.windowRows,
            skipBad: options.skipBad, locate: { [path] index, message in .json(path, locations[Int(index)], message) })
        var symbols = Set<String>()
        for (index, (given, item, location)) in rows.enumerated() {
            try eachRow(accumulator, skipBad: options.skipBad) {
                guard let row = item as? [String: Any] else { throw ImportError.json(path, location, "not an object") }
                let symbol = try checked(location) { () throws(ImportChecks.Problem) in
                    try ImportChecks.name(given, field: "symbol")
                }
                let time = try date(row, location)
                try appendBar(
                    accumulator, symbol: symbol, interval: options.interval ?? ImportChecks.defaultInterval(for: time),
                    time: time, open: try number(row, "open", location), high: try number(row, "high", location),
                    low: try number(row, "low", location), close: try number(row, "close", location),
                    adjClose: try number(row, "adjClose", location), volume: try number(row, "volume", location),
                    at: location, index: index)
                symbols.insert(symbol)
            }
        }
        try accumulator.flush()
        var report = accumulator.report
        report.symbols = symbols.sorted()
        do {
            for symbol in report.symbols {
                try writer.upsert(Security(symbol: symbol, kind: Security.guessedKind(symbol)), overwrite: false)
            }
        } catch { throw .store(error) }
        if report.rows == 0 && report.skippedCount == 0 { throw .file(path, "no bars in the file") }
        return report
    }

    private func sectors(_ rows: [Any]) throws(ImportError) -> ImportReport.File {
        var result = ImportReport.File(path: path, format: "fmp-sector-performance", kind: "sectors")
        var records: [SectorPerformance] = []
        var seen: [String: Int] = [:]
        for (index, item) in rows.enumerated() {
            let location = "[\(index)]"
            guard let row = item as? [String: Any] else { throw .json(path, location, "not an object") }
            guard let text = row["sector"] as? String else { throw .json(path, location, "no sector") }
            let sector = try checked(location) { () throws(ImportChecks.Problem) in
                try ImportChecks.name(text, field: "sector")
            }
            let exchange = try checked(location) { () throws(ImportChecks.Problem) -> String in
                let exchange = row["exchange"] as? String ?? ""
                try ImportChecks.plainText(exchange, field: "exchange")
                return exchange
            }
            let time = try date(row, location)
            let change = try number(row, "averageChange", location)
            guard !change.isNaN else { throw .json(path, location, "no averageChange") }
            if let first = seen.updateValue(index, forKey: "\(time)|\(sector)|\(exchange)") {
                throw .json(
                    path, location,
                    "duplicate row for \(sector) \(exchange) on \(MarketTime.format(time)) (first at [\(first)])")
            }
            records.append(SectorPerformance(time: time, sector: sector, exchange: exchange, averageChange: change))
            result.note(time: time)
        }
        return try write(records, into: result)
    }

    private func legacySectors(_ rows: [Any]) throws(ImportError) -> ImportReport.File {
        let result = ImportReport.File(path: path, format: "fmp-sectors-performance-legacy", kind: "sectors")
        var records: [SectorPerformance] = []
        var seen = Set<Int64>()
        var report = result
        for (index, item) in rows.enumerated() {
            let location = "[\(index)]"
            guard let row = item as? [String: Any] else { throw .json(path, location, "not an object") }
            let time = try date(row, location)
            guard seen.insert(time).inserted else {
                throw .json(path, location, "duplicate row for \(MarketTime.format(time))")
            }
            for key in row.keys.sorted() where key.hasSuffix("ChangesPercentage") {
                let change = try number(row, key, location)
                if change.isNaN { continue }
                records.append(SectorPerformance(time: time, sector: Self.sectorName(key), averageChange: change))
            }
            report.note(time: time)
        }
        return try write(records, into: report)
    }

    /// `profile` (one object per symbol): securities with their name, kind, sector, industry, exchange and currency.
    private func profiles(_ rows: [Any]) throws(ImportError) -> ImportReport.File {
        var report = ImportReport.File(path: path, format: "fmp-profile", kind: "securities")
        var securities: [Security] = []
        for (index, item) in rows.enumerated() {
            let location = "[\(index)]"
            guard let row = item as? [String: Any] else { throw .json(path, location, "not an object") }
            let symbol = try checked(location) { () throws(ImportChecks.Problem) in
                try ImportChecks.name(row["symbol"] as? String ?? "", field: "symbol")
            }
            var texts: [String: String] = [:]
            for key in ["companyName", "sector", "industry", "exchange", "currency"] {
                guard let value = row[key] as? String, !value.isEmpty else { continue }
                try checked(location) { () throws(ImportChecks.Problem) in try ImportChecks.plainText(value, field: key)
                }
                texts[key] = value
            }
            let kind = (row["isEtf"] as? Bool ?? false) ? "etf" : (row["isFund"] as? Bool ?? false) ? "fund" : "stock"
            securities.append(
                Security(
                    symbol: symbol, name: texts["companyName"], kind: kind, sector: texts["sector"],
                    industry: texts["industry"], exchange: texts["exchange"], currency: texts["currency"]))
        }
        try CSVImport.rejectDuplicates(securities.map(\.symbol), path, "symbol")
        do {
            for security in securities { report.counts += try writer.upsert(security, overwrite: true) }
        } catch { throw .store(error) }
        report.rows = securities.count
        report.symbols = securities.map(\.symbol)
        return report
    }

    private func write(_ records: [SectorPerformance], into report: ImportReport.File) throws(ImportError)
        -> ImportReport.File
    {
        var report = report
        do { report.counts = try writer.upsert(sectors: records) } catch { throw .store(error) }
        report.rows = records.count
        report.symbols = Array(Set(records.map(\.sector))).sorted()
        if records.isEmpty { throw .file(path, "no sector rows in the file") }
        return report
    }

    /// `basicMaterialsChangesPercentage` → "Basic Materials".
    static func sectorName(_ key: String) -> String {
        let stem = key.dropLast("ChangesPercentage".count)
        var words = ""
        for character in stem {
            if character.isUppercase, !words.isEmpty { words.append(" ") }
            words.append(words.isEmpty ? Character(character.uppercased()) : character)
        }
        return words
    }
}
