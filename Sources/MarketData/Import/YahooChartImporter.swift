internal import Frames

/// Yahoo Finance's chart JSON (`v8/finance/chart/SYMBOL?…&interval=1d&events=div|split`): bars from the parallel
/// arrays `timestamp` and `indicators.quote[0]` (with `indicators.adjclose[0]`), the security from `meta`, and the
/// dividends and splits under `events` as store events tagged `dividend`/`split` and the symbol. Daily timestamps
/// are the session's open in UTC; the bar's day is taken in the exchange's time (`meta.gmtoffset`).
struct YahooChartImporter: JSONDocumentImporter {
    let path: String
    let options: ImportOptions
    let writer: any MarketWriter

    func run(_ object: [String: Any]) throws(ImportError) -> ImportReport.File {
        guard let chart = object["chart"] as? [String: Any] else { throw .json(path, "chart", "not an object") }
        if let error = chart["error"] as? [String: Any] {
            let code = error["code"] as? String ?? "error"
            let text = error["description"] as? String ?? ""
            throw .file(path, "Yahoo answered with an error, not data: \(code): \(text.prefix(200))")
        }
        guard let results = chart["result"] as? [Any], let result = results.first as? [String: Any] else {
            throw .json(path, "chart.result", "no result")
        }
        let meta = result["meta"] as? [String: Any] ?? [:]
        let given = options.symbol ?? meta["symbol"] as? String ?? MarketImporter.symbol(fromFileName: path)
        let symbol = try checked("chart.result[0].meta.symbol") { () throws(ImportChecks.Problem) in
            try ImportChecks.name(given, field: "symbol")
        }
        let offset = (meta["gmtoffset"] as? Double).map { Int64($0) } ?? 0
        let timestamps = result["timestamp"] as? [Any] ?? []
        let indicators = result["indicators"] as? [String: Any] ?? [:]
        let quote = ((indicators["quote"] as? [Any])?.first as? [String: Any]) ?? [:]
        let adjusted = ((indicators["adjclose"] as? [Any])?.first as? [String: Any])?["adjclose"] as? [Any]
        func column(_ name: String) throws(ImportError) -> [Any] {
            guard let values = quote[name] as? [Any] else {
                if timestamps.isEmpty { return [] }
                throw .json(path, "chart.result[0].indicators.quote[0]", "no \(name) array")
            }
            guard values.count == timestamps.count else {
                throw .json(
                    path, "chart.result[0].indicators.quote[0].\(name)",
                    "has \(values.count) values for \(timestamps.count) timestamps")
            }
            return values
        }
        let open = try column("open")
        let high = try column("high")
        let low = try column("low")
        let close = try column("close")
        let volume = try column("volume")
        if let adjusted, adjusted.count != timestamps.count {
            throw .json(
                path, "chart.result[0].indicators.adjclose[0].adjclose",
                "has \(adjusted.count) values for \(timestamps.count) timestamps")
        }
        let accumulator = BarAccumulator(
            writer: writer, report: .init(path: path, format: "yahoo-chart", kind: "bars"),
            windowRows: options.windowRows,
            skipBad: options.skipBad, locate: { [path] index, message in .json(path, "timestamp[\(index)]", message) })
        let interval = options.interval ?? "1d"
        for index in timestamps.indices {
            let location = "timestamp[\(index)]"
            try eachRow(accumulator, skipBad: options.skipBad) {
                guard let seconds = timestamps[index] as? Double, let stamp = Int64(exactly: seconds.rounded(.down))
                else {
                    throw ImportError.json(path, location, "not a number of seconds")
                }
                let values = (
                    open: try number(open[index], "open", location), high: try number(high[index], "high", location),
                    low: try number(low[index], "low", location), close: try number(close[index], "close", location),
                    volume: try number(volume[index], "volume", location)
                )
                let adjClose =
                    try adjusted.map { list throws(ImportError) in try number(list[index], "adjclose", location) }
                    ?? .nan
                if values.close.isNaN, values.open.isNaN, values.high.isNaN, values.low.isNaN {
                    accumulator.report.emptyRows += 1  // a day Yahoo lists without a trade
                    return
                }
                try appendBar(
                    accumulator, symbol: symbol, interval: interval,
                    time: interval == "1d" ? Self.day(stamp, offset: offset) : stamp, open: values.open,
                    high: values.high, low: values.low, close: values.close, adjClose: adjClose, volume: values.volume,
                    at: location, index: index)
            }
        }
        try accumulator.flush()
        var report = accumulator.report
        report.symbols = [symbol]
        let events = try self.events(result["events"] as? [String: Any] ?? [:], symbol: symbol, offset: offset)
        do {
            try writer.upsert(security(symbol, meta), overwrite: false)
            if !events.isEmpty { report.counts += try writer.add(events: events) }
        } catch { throw .store(error) }
        if report.rows == 0 && report.skippedCount == 0 && events.isEmpty {
            throw .file(path, "no bars in the chart (timestamp is empty)")
        }
        return report
    }

    /// Midnight UTC of the exchange-local day of `stamp` (seconds since 1970, as store times are).
    static func day(_ stamp: Int64, offset: Int64) -> Int64 {
        let local = stamp + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return days * MarketTime.day
    }

    private func security(_ symbol: String, _ meta: [String: Any]) -> Security {
        let kinds = [
            "EQUITY": "stock", "ETF": "etf", "INDEX": "index", "MUTUALFUND": "fund", "CRYPTOCURRENCY": "crypto",
        ]
        let kind = (meta["instrumentType"] as? String).flatMap { kinds[$0] } ?? Security.guessedKind(symbol)
        func text(_ key: String) -> String? {
            guard let value = meta[key] as? String, !value.isEmpty,
                (try? ImportChecks.plainText(value, field: key)) != nil
            else { return nil }
            return value
        }
        return Security(
            symbol: symbol, name: text("longName") ?? text("shortName"), kind: kind,
            exchange: text("fullExchangeName") ?? text("exchangeName"), currency: text("currency"))
    }

    /// Dividends (`amount`) and splits (`numerator`/`denominator`) as events on their exchange-local day.
    private func events(_ events: [String: Any], symbol: String, offset: Int64) throws(ImportError) -> [MarketEvent] {
        var result: [MarketEvent] = []
        for (kind, tag) in [("dividends", "dividend"), ("splits", "split")] {
            guard let entries = events[kind] as? [String: Any] else { continue }
            for key in entries.keys.sorted() {
                let location = "chart.result[0].events.\(kind).\(key)"
                guard let entry = entries[key] as? [String: Any],
                    let stamp = (entry["date"] as? Double).flatMap({ Int64(exactly: $0.rounded(.down)) }) ?? Int64(key)
                else { throw .json(path, location, "not an event with a date") }
                let title: String
                if tag == "dividend" {
                    let amount = try number(entry, "amount", location)
                    guard amount.isFinite else { throw .json(path, location, "no amount") }
                    title = "\(symbol) dividend \(Self.plain(amount))"
                } else {
                    let numerator = try number(entry, "numerator", location)
                    let denominator = try number(entry, "denominator", location)
                    guard numerator > 0, denominator > 0 else { throw .json(path, location, "no split ratio") }
                    title = "\(symbol) split \(Self.plain(numerator)):\(Self.plain(denominator))"
                }
                result.append(
                    MarketEvent(
                        time: Self.day(stamp, offset: offset), title: title, tags: [tag, symbol],
                        source: "yahoo"))
            }
        }
        return result
    }

    /// 10.0 → "10", 0.01 → "0.01".
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
