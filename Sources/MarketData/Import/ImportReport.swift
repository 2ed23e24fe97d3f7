/// How an import behaves.
public struct ImportOptions: Sendable {
    /// The symbol for single-symbol files (default: from the file name, `NVDA.csv` → NVDA).
    public var symbol: String?
    /// The id for a series CSV (default: from the file name).
    public var series: String?
    /// The bar interval to record (`1d`, `1h`, `5m` …); default `1d` for bars at midnight, else `intraday`.
    public var interval: String?
    /// Report and skip bad rows instead of rejecting the whole import.
    public var skipBad = false
    /// Rows buffered before they are merged into the store (memory stays proportional to this).
    public var windowRows = 1_000_000
    /// Threads parsing a large CSV file (nil: one per core, at most 8, or `AIKIT_IMPORT_THREADS`; 1: sequential).
    public var threads: Int?
    /// CSV files at least this large are parsed on several threads (smaller ones gain nothing).
    public var parallelMinimumBytes: Int64 = 16 << 20
    /// Bytes per parallel round (tests make it small to cross many round boundaries).
    var parallelRoundBytes = 32 << 20
    /// The most memory a JSON document's parse may take, in bytes (nil: `JSONValue.defaultParseLimit`); a script's
    /// fetch passes what its memory cap leaves.
    public var memoryLimit: Double?
    /// Called now and then with (bytes read, file size) of the current file.
    public var progress: (@Sendable (String, Int64, Int64) -> Void)?

    public init(symbol: String? = nil, series: String? = nil, interval: String? = nil, skipBad: Bool = false) {
        self.symbol = symbol
        self.series = series
        self.interval = interval
        self.skipBad = skipBad
    }
}

/// What an import did, per file.
public struct ImportReport: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var path: String
        /// yahoo-csv, stooq-csv, stooq-bulk, long-csv, securities-csv, series-csv, sector-csv, fmp-eod,
        /// fmp-historical-price-full, fmp-sector-performance, fmp-sectors-performance-legacy
        public var format: String
        public var kind: String  // bars, securities, series, sectors
        public var rows = 0
        public var counts = MergeCounts()
        public var symbols: [String] = []
        public var first: Int64?
        public var last: Int64?
        /// Rows with no values at all (Yahoo's `null` rows), not imported.
        public var emptyRows = 0
        /// With `skipBad`: what was wrong with each skipped row (at most 100 kept; `skippedCount` has them all).
        public var skipped: [String] = []
        public var skippedCount = 0

        init(path: String, format: String, kind: String) {
            self.path = path
            self.format = format
            self.kind = kind
        }

        mutating func note(time: Int64) {
            first = min(first ?? time, time)
            last = max(last ?? time, time)
        }
    }

    public var files: [File] = []
    /// Files of a folder that were not imported, with why (`SOURCES.md: not a data file (.csv, .json or .txt)`).
    public var notes: [String] = []

    public var rows: Int { files.reduce(0) { $0 + $1.rows } }
    public var counts: MergeCounts {
        files.reduce(into: MergeCounts()) { $0 += $1.counts }
    }
}
