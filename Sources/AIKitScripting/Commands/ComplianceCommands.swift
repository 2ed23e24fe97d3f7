internal import Compliance
internal import FoundationEssentials
internal import Frames
internal import MarketData
internal import MarketFeeds
internal import PartyScreening
internal import SystemCalls

/// The work of `aikit compliance update`, `list`, `fetch` and `news` (the CLI parses and prints): data sets checked
/// by loading them, kept in the default market store, and listed as every later answer sees them.
public enum ComplianceCommands {
    /// `compliance update FILE…`: rule packs, CSL exports or ownership files, each checked by loading it first; all
    /// are stored or none. Throws `CommandUsageError` for a file that cannot be read.
    public static func update(_ files: [String], name: String?, asOf: String?) throws -> ResultTable {
        var engine = ComplianceEngine()
        var stored: [(StoredDataSet, DataSetInfo)] = []
        let day = try asOf.map { try CalendarDay($0) }
        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        for file in files {
            let bytes: [UInt8]
            switch SystemCall.readRegularFile(file) {
            case .success(let read): bytes = read
            case .failure(let error): throw CommandUsageError("cannot read \(file): \(error)")
            }
            let source = file.split(separator: "/").last.map(String.init) ?? file
            let info = try engine.load(bytes, name: name ?? source, source: source, asOf: day)
            stored.append(
                (
                    StoredDataSet(
                        name: info.name, kind: info.kind.rawValue, asOf: info.asOf?.description, source: source,
                        storedAt: now, content: bytes), info
                ))
        }
        let store = try MarketStores.open(StoreLocation.defaultPath())
        try store.write { writer in for (set, _) in stored { try writer.put(set) } }
        return ResultTable(try frame(stored.map(\.1)))
    }

    /// `compliance list`: the data sets answers are made from, bundled then stored.
    public static func list() throws -> ResultTable {
        ResultTable(try frame(catalogs().dataSets))
    }

    /// Whether `name` can be an OpenSanctions dataset (lower-case letters, digits and `_`).
    public static func isOpenSanctionsDataset(_ name: String) -> Bool { OpenSanctionsSource.isDatasetName(name) }

    /// `compliance fetch csl` (`dataset` nil) or `compliance fetch opensanctions DATASET`: the stored data set's row,
    /// and a note saying as of when (and whether it came from the cache).
    public static func fetch(openSanctions dataset: String?, refresh: Bool) throws -> CommandReport {
        let fetcher = try ComplianceFetching.fetcher(store: StoreLocation.defaultPath(), refresh: refresh)
        let stored =
            if let dataset {
                try ComplianceFetching.fetchOpenSanctions(dataset, fetcher)
            } else {
                try ComplianceFetching.fetchCSL(fetcher, today: .today)
            }
        var report = CommandReport(table: ResultTable(try frame([stored.info])))
        report.summary =
            "stored '\(stored.info.name)' as of \(stored.info.asOf?.description ?? "an unstated date")"
            + (stored.cached ? " (from the cache; --refresh fetches it again)" : "")
        return report
    }

    /// `compliance news [--since DATE]`: BIS's Federal Register documents published after the date (default: the
    /// rules' as-of date). Throws `CommandUsageError` for a malformed date.
    public static func news(since: String?, refresh: Bool) throws -> CommandReport {
        let day: CalendarDay?
        do { day = try since.map { try CalendarDay($0) } } catch {
            throw CommandUsageError("--since: \(error) (use YYYY-MM-DD)")
        }
        let rulesAsOf = catalogs().dataSets.filter { $0.kind == .rules }.compactMap(\.asOf).max()
        let fetcher = try ComplianceFetching.fetcher(store: StoreLocation.defaultPath(), refresh: refresh)
        let news = try ComplianceFetching.news(since: day, rulesAsOf: rulesAsOf, fetcher, today: .today)
        let documents = news.documents
        var report = CommandReport(
            table: try ResultTable(textColumns: [
                ("date", documents.map(\.publicationDate.description)), ("type", documents.map(\.type)),
                ("title", documents.map(\.title)), ("citation", documents.map { $0.citation ?? "" }),
                ("link", documents.map(\.htmlURL)),
            ]))
        if news.truncated {
            report.messages.append(
                .error(
                    "aikit: compliance news: more than \(news.pages) pages of documents; only the oldest are listed "
                        + "(give a later --since)"))
        }
        report.summary =
            "\(documents.count) BIS document\(documents.count == 1 ? "" : "s") published after \(news.since)"
        return report
    }

    /// The data sets as a frame: name, kind, as-of date, its age in days (today − as-of), records, source.
    static func frame(_ sets: [DataSetInfo], today: CalendarDay = .today) throws -> Frame {
        try Frame([
            ("name", .text(sets.map(\.name))), ("kind", .text(sets.map(\.kind.rawValue))),
            ("as_of", .text(sets.map { $0.asOf?.description ?? "" })),
            ("age_days", .int(sets.map { set in set.asOf.map { Int64(today.dayNumber - $0.dayNumber) } ?? Int64.min })),
            ("records", .int(sets.map { Int64($0.records) })),
            ("source", .text(sets.map(\.source))),
        ])
    }

    /// Catalogs that read the data sets kept in the default store (as a script's do).
    static func catalogs() -> ScriptCatalogs {
        let catalogs = ScriptCatalogs()
        catalogs.dataSetStore = { StoreLocation.defaultPath() }
        return catalogs
    }
}
