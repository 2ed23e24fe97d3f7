internal import CSV
internal import Frames

/// The rows of a CSV file of securities, series, sector performance or events, each checked (`ImportChecks`) as it
/// is read and kept until the file ends (then written in one go by `CSVImport`).
struct RecordRows {
    var securities: [Security] = []
    var series: [String: (times: [Int64], values: [Double], lines: [Int])] = [:]
    var sectors: [SectorPerformance] = []
    var events: [MarketEvent] = []

    let path: String
    let header: [String]
    let options: ImportOptions

    init(path: String, header: [String], options: ImportOptions) {
        self.path = path
        self.header = header
        self.options = options
    }

    /// Checks and keeps one row of a non-bar layout.
    mutating func add(_ row: CSVReader.Row, _ layout: CSVLayout) throws(ImportError) {
        do throws(ImportChecks.Problem) {
            switch layout {
            case .bars: break
            case .securities(let symbol, let fields, let count):
                try checkCount(row, count)
                func text(_ index: Int?) throws(ImportChecks.Problem) -> String? {
                    guard let index else { return nil }
                    let value = row.string(index).trimmingCharactersWhitespace()
                    try ImportChecks.plainText(value, field: header[index])
                    return value.isEmpty ? nil : value
                }
                securities.append(
                    Security(
                        symbol: try ImportChecks.name(row.string(symbol), field: header[symbol]),
                        name: try text(fields[0]),
                        kind: try text(fields[1])?.lowercased(), sector: try text(fields[2]),
                        industry: try text(fields[3]),
                        exchange: try text(fields[4]), currency: try text(fields[5])))
            case .series(let date, let value, let id, let count):
                try checkCount(row, count)
                let time = try self.time(row, date)
                let number = try ImportChecks.number(row[value], field: header[value], excerpt: row.excerpt(value))
                let seriesID =
                    try id.map { index throws(ImportChecks.Problem) in
                        try ImportChecks.name(row.string(index), field: header[index])
                    } ?? options.series ?? MarketImporter.stem(path)
                series[seriesID, default: ([], [], [])].times.append(time)
                series[seriesID]!.values.append(number)
                series[seriesID]!.lines.append(row.line)
            case .sectors(let date, let sector, let exchange, let change, let count):
                try checkCount(row, count)
                let time = try self.time(row, date)
                let number = try ImportChecks.number(row[change], field: header[change], excerpt: row.excerpt(change))
                if number.isNaN { throw ImportChecks.Problem("\(header[change]) is missing") }
                let market = exchange.map { row.string($0).trimmingCharactersWhitespace() } ?? ""
                try ImportChecks.plainText(market, field: exchange.map { header[$0] } ?? "exchange")
                sectors.append(
                    SectorPerformance(
                        time: time, sector: try ImportChecks.name(row.string(sector), field: header[sector]),
                        exchange: market, averageChange: number))
            case .sectorETFs(let date, let etfs, let count):
                try checkCount(row, count)
                let time = try self.time(row, date)
                for (index, etf) in etfs.sorted(by: { $0.key < $1.key }) {
                    let number = try ImportChecks.number(row[index], field: header[index], excerpt: row.excerpt(index))
                    if number.isNaN { continue }  // no change that day (a missing cell)
                    sectors.append(
                        SectorPerformance(
                            time: time, sector: SectorETFProxy.sector(of: etf), exchange: SectorETFProxy.exchange,
                            averageChange: number))
                }
            case .events(let date, let title, let tags, let source, let count):
                try checkCount(row, count)
                let time = try self.time(row, date)
                let name = row.string(title).trimmingCharactersWhitespace()
                guard !name.isEmpty else { throw ImportChecks.Problem("\(header[title]) is empty") }
                try ImportChecks.plainText(name, field: header[title])
                var tagList: [String] = []
                if let tags {
                    for tag in row.string(tags).split(separator: ",") {
                        tagList.append(try ImportChecks.name(String(tag), field: header[tags]))
                    }
                }
                let sourceText = source.map { row.string($0).trimmingCharactersWhitespace() }
                if let source, let sourceText { try ImportChecks.plainText(sourceText, field: header[source]) }
                events.append(
                    MarketEvent(
                        time: time, title: name, tags: tagList, source: sourceText?.isEmpty == false ? sourceText : nil)
                )
            }
        } catch {
            throw .row(path, row.line, error.message)
        }
    }

    private func checkCount(_ row: CSVReader.Row, _ expected: Int) throws(ImportChecks.Problem) {
        guard row.count == expected else { throw .init("\(row.count) fields, but the header has \(expected)") }
    }

    private func time(_ row: CSVReader.Row, _ index: Int) throws(ImportChecks.Problem) -> Int64 {
        guard let time = MarketTime.parse(row[index]) else {
            throw .init(
                "\(header[index]): cannot read the date '\(row.excerpt(index))' "
                    + "(expected YYYY-MM-DD, YYYYMMDD or YYYY-MM-DD HH:MM:SS)")
        }
        return time
    }
}
