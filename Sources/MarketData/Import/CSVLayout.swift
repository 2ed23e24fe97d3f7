/// Which CSV dialect a header announces and where each field is.
enum CSVLayout {
    struct Bars {
        var format: String
        var symbol: Int?
        var period: Int?
        var date: Int
        /// Stooq bulk's separate HHMMSS column.
        var timeOfDay: Int?
        var open: Int?
        var high: Int?
        var low: Int?
        var close: Int
        var adjClose: Int?
        var volume: Int?
        var columnCount: Int
    }

    case bars(Bars)
    case securities(symbol: Int, fields: [Int?], columnCount: Int)
    case series(date: Int, value: Int, id: Int?, columnCount: Int)
    case sectors(date: Int, sector: Int, exchange: Int?, change: Int, columnCount: Int)
    /// The wide `Date,XLK,XLC,…` file of sector-ETF daily changes (`SectorETFProxy`); ticker by column index.
    case sectorETFs(date: Int, etfs: [Int: String], columnCount: Int)
    case events(date: Int, title: Int, tags: Int?, source: Int?, columnCount: Int)

    static let formatsHelp = """
        aikit reads Yahoo CSV (Date,Open,High,Low,Close,Adj Close,Volume), Stooq CSV (Date,Open,High,Low,Close,Volume), \
        Stooq bulk (<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>), a long CSV with a \
        Ticker or Symbol column, securities (Symbol,Name,Kind,Sector,Industry,Exchange,Currency), series \
        (Date,Value[,Series]), sector performance (Date,Sector[,Exchange],AverageChange, or Date,XLK,XLC,… of sector-ETF \
        changes), events \
        (Date,Title[,Tags,Source]) and FMP JSON
        """

    /// Lower-case, without `<>`, spaces, underscores and dashes: "Adj Close" → "adjclose", "<VOL>" → "vol".
    static func normalize(_ name: String) -> String {
        String(
            name.lowercased().unicodeScalars.filter { !"<> _-".unicodeScalars.contains($0) }
                .map(Character.init)
        ).trimmingCharactersWhitespace()
    }

    static func detect(header: [String], path: String) throws(ImportError) -> CSVLayout {
        let names = header.map(normalize)
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else { throw .row(path, 1, "column \(index + 1) of the header has no name") }
            if positions[name] != nil { throw .row(path, 1, "the header names '\(header[index])' twice") }
            positions[name] = index
        }
        func take(_ aliases: String...) -> Int? {
            for alias in aliases { if let index = positions.removeValue(forKey: alias) { return index } }
            return nil
        }
        func rejectExtra(_ kind: String) throws(ImportError) {
            guard positions.isEmpty else {
                let extra = positions.sorted { $0.value < $1.value }.map { "'\(header[$0.value])'" }
                throw .row(
                    path, 1,
                    "unexpected column\(extra.count > 1 ? "s" : "") \(extra.joined(separator: ", ")) "
                        + "for \(kind); remove \(extra.count > 1 ? "them" : "it") or check the file. \(formatsHelp)")
            }
        }
        let count = header.count
        let symbol = take("ticker", "symbol")
        let date = take("date", "datetime", "timestamp")
        if let date {
            if let close = take("close") {
                let period = take("per", "period")
                let timeOfDay = take("time")
                let adjClose = take("adjclose", "adjustedclose")
                var layout = Bars(
                    format: "", symbol: symbol, period: period, date: date, timeOfDay: timeOfDay, open: take("open"),
                    high: take("high"), low: take("low"), close: close, adjClose: adjClose,
                    volume: take("volume", "vol"), columnCount: count)
                _ = take("openint")
                if header.first?.hasPrefix("<") == true {
                    layout.format = "stooq-bulk"
                } else if symbol != nil {
                    layout.format = "long-csv"
                } else if adjClose != nil {
                    layout.format = "yahoo-csv"
                } else {
                    layout.format = "stooq-csv"
                }
                try rejectExtra("bars")
                return .bars(layout)
            }
            if let value = take("value") {
                let id = symbol ?? take("series", "id")
                try rejectExtra("a series")
                return .series(date: date, value: value, id: id, columnCount: count)
            }
            if let sector = take("sector") {
                let exchange = take("exchange")
                guard let change = take("averagechange", "changespercentage", "change", "changepercent") else {
                    throw .row(path, 1, "a sector performance file needs an AverageChange column")
                }
                try rejectExtra("sector performance")
                return .sectors(date: date, sector: sector, exchange: exchange, change: change, columnCount: count)
            }
            if let title = take("title") {
                let tags = take("tags")
                let source = take("source")
                try rejectExtra("events")
                return .events(date: date, title: title, tags: tags, source: source, columnCount: count)
            }
            if let etfs = SectorETFProxy.columns(of: header, date: date) {
                return .sectorETFs(date: date, etfs: etfs, columnCount: count)
            }
            let hasPrices = ["open", "high", "low", "adjclose"].contains { positions[$0] != nil }
            throw .row(
                path, 1,
                hasPrices
                    ? "no Close column; bars need at least Date and Close"
                    : "cannot tell the format from the header '\(header.joined(separator: ","))'. \(formatsHelp)")
        }
        if let symbol {
            let fields = [
                take("name"), take("kind", "type"), take("sector"), take("industry"), take("exchange"),
                take("currency"),
            ]
            if fields.contains(where: { $0 != nil }) {
                try rejectExtra("securities")
                return .securities(symbol: symbol, fields: fields, columnCount: count)
            }
        }
        throw .row(
            path, 1,
            "no Date column; cannot tell the format from the header '\(header.joined(separator: ","))'. "
                + formatsHelp)
    }
}

extension String {
    /// The text without surrounding whitespace (no Foundation on this path).
    package func trimmingCharactersWhitespace() -> String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
