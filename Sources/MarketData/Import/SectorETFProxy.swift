/// The SPDR sector ETFs as a proxy of sector performance: a wide CSV of daily changes, `Date,XLK,XLC,…` (one
/// column per ETF, as the bundled sample's `sector_daily_pct_change.csv`), is read as one sector-performance row
/// per day and ETF, sector "Information Technology (XLK)", exchange "SPDR ETF proxy".
///
/// Source of the mapping: State Street's Select Sector SPDR funds, one per GICS sector (ssga.com, "Select Sector
/// SPDR ETFs").
enum SectorETFProxy {
    static let sectors: [String: String] = [
        "XLK": "Information Technology", "XLC": "Communication Services", "XLY": "Consumer Discretionary",
        "XLP": "Consumer Staples", "XLE": "Energy", "XLF": "Financials", "XLV": "Health Care", "XLI": "Industrials",
        "XLB": "Materials", "XLRE": "Real Estate", "XLU": "Utilities",
    ]

    static let exchange = "SPDR ETF proxy"

    /// The sector name of `etf`'s rows: "Information Technology (XLK)".
    static func sector(of etf: String) -> String { "\(sectors[etf] ?? etf) (\(etf))" }

    /// The ETF columns of a header whose other columns are a date alone (upper-cased ticker by column index), or
    /// nil when the header is not the wide proxy (some column is neither the date nor a sector ETF).
    static func columns(of header: [String], date: Int) -> [Int: String]? {
        var columns: [Int: String] = [:]
        for (index, name) in header.enumerated() where index != date {
            let ticker = name.trimmingCharactersWhitespace().uppercased()
            guard sectors[ticker] != nil else { return nil }
            columns[index] = ticker
        }
        return columns.isEmpty ? nil : columns
    }
}
