/// Bars of one symbol and interval as columns, sorted by time with unique times (what a writer merges).
public struct BarColumns: Sendable, Equatable {
    public var time: [Int64] = []
    public var open: [Double] = []
    public var high: [Double] = []
    public var low: [Double] = []
    public var close: [Double] = []
    public var adjClose: [Double] = []
    public var volume: [Double] = []

    public init() {}

    public var count: Int { time.count }

    public mutating func reserve(_ capacity: Int) {
        time.reserveCapacity(capacity)
        for path in BarColumns.prices { self[keyPath: path].reserveCapacity(capacity) }
    }

    public mutating func append(
        time: Int64, open: Double, high: Double, low: Double, close: Double, adjClose: Double,
        volume: Double
    ) {
        self.time.append(time)
        self.open.append(open)
        self.high.append(high)
        self.low.append(low)
        self.close.append(close)
        self.adjClose.append(adjClose)
        self.volume.append(volume)
    }

    /// Appends row `index` of `other`.
    public mutating func append(_ other: BarColumns, row index: Int) {
        time.append(other.time[index])
        open.append(other.open[index])
        high.append(other.high[index])
        low.append(other.low[index])
        close.append(other.close[index])
        adjClose.append(other.adjClose[index])
        volume.append(other.volume[index])
    }

    /// Rows `range`.
    public func slice(_ range: Range<Int>) -> BarColumns {
        var result = BarColumns()
        result.time = Array(time[range])
        result.open = Array(open[range])
        result.high = Array(high[range])
        result.low = Array(low[range])
        result.close = Array(close[range])
        result.adjClose = Array(adjClose[range])
        result.volume = Array(volume[range])
        return result
    }

    nonisolated(unsafe) static let prices: [WritableKeyPath<BarColumns, [Double]>] = [
        \.open, \.high, \.low, \.close, \.adjClose, \.volume,
    ]
}

/// A security's reference data (`kind` is stock, etf or index).
public struct Security: Sendable, Equatable {
    public var symbol: String
    public var name: String?
    public var kind: String?
    public var sector: String?
    public var industry: String?
    public var exchange: String?
    public var currency: String?

    public init(
        symbol: String, name: String? = nil, kind: String? = nil, sector: String? = nil,
        industry: String? = nil, exchange: String? = nil, currency: String? = nil
    ) {
        self.symbol = symbol
        self.name = name
        self.kind = kind
        self.sector = sector
        self.industry = industry
        self.exchange = exchange
        self.currency = currency
    }

    /// Kinds guessed from the symbol alone (`^GSPC` is an index); nil when it cannot tell.
    public static func guessedKind(_ symbol: String) -> String? { symbol.hasPrefix("^") ? "index" : nil }

    /// What a store holds after writing `self` over `existing` (the stored row, if any): with `overwrite`, each field
    /// `self` has replaces the stored one; without, a stored row stays as it is. Returns the row to write (nil: leave
    /// the store as it is) and how the write counts (one of inserted, updated, unchanged), so importing the same
    /// securities again reports them unchanged.
    func merged(over existing: Security?, overwrite: Bool) -> (write: Security?, counts: MergeCounts) {
        guard let existing else { return (self, MergeCounts(inserted: 1)) }
        guard overwrite else { return (nil, MergeCounts(unchanged: 1)) }
        let merged = Security(
            symbol: symbol, name: name ?? existing.name, kind: kind ?? existing.kind, sector: sector ?? existing.sector,
            industry: industry ?? existing.industry, exchange: exchange ?? existing.exchange,
            currency: currency ?? existing.currency)
        return merged == existing ? (nil, MergeCounts(unchanged: 1)) : (merged, MergeCounts(updated: 1))
    }
}

/// One row of sector performance as FMP's historical sector performance reports it (average change in percent).
public struct SectorPerformance: Sendable, Equatable {
    public var time: Int64
    public var sector: String
    public var exchange: String
    public var averageChange: Double

    public init(time: Int64, sector: String, exchange: String = "", averageChange: Double) {
        self.time = time
        self.sector = sector
        self.exchange = exchange
        self.averageChange = averageChange
    }
}

/// A dated event for annotating analyses and charts.
public struct MarketEvent: Sendable, Equatable {
    public var time: Int64
    public var title: String
    public var tags: [String]
    public var source: String?

    public init(time: Int64, title: String, tags: [String] = [], source: String? = nil) {
        self.time = time
        self.title = title
        self.tags = tags
        self.source = source
    }
}

/// How many rows a write added, changed or found identical.
public struct MergeCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public static func += (lhs: inout MergeCounts, rhs: MergeCounts) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
    }
}

public struct BarQuery: Sendable {
    public var symbols: [String]?
    public var from: Int64?
    public var to: Int64?
    public var interval: String

    public init(symbols: [String]? = nil, from: Int64? = nil, to: Int64? = nil, interval: String = "1d") {
        self.symbols = symbols
        self.from = from
        self.to = to
        self.interval = interval
    }
}

public struct SectorQuery: Sendable {
    public var sectors: [String]?
    public var exchange: String?
    public var from: Int64?
    public var to: Int64?

    public init(sectors: [String]? = nil, exchange: String? = nil, from: Int64? = nil, to: Int64? = nil) {
        self.sectors = sectors
        self.exchange = exchange
        self.from = from
        self.to = to
    }
}

public struct EventQuery: Sendable {
    public var tag: String?
    public var from: Int64?
    public var to: Int64?

    public init(tag: String? = nil, from: Int64? = nil, to: Int64? = nil) {
        self.tag = tag
        self.from = from
        self.to = to
    }
}
