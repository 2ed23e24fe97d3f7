public import Compliance
internal import FoundationEssentials
internal import Frames
internal import MarketData
public import MarketFeeds
public import PartyScreening
internal import Redaction

/// `aikit compliance fetch csl`, `aikit compliance fetch opensanctions DATASET` and `aikit compliance news`: public
/// compliance data through the market providers' HTTP client, cache and error discipline, checked by the compliance
/// engine's own loader before anything is stored, and kept in the store as data sets with their own as-of dates
/// (so every later answer, in any process, is made from them and says how current they are).
public enum ComplianceFetching {
    /// A data set fetched and stored.
    public struct Stored: Sendable {
        public var info: DataSetInfo
        /// The request, as it may be shown.
        public var url: String
        public var cached: Bool
    }

    /// What `news` found: BIS's documents published after `since` (all of them are stored, from the rules' as-of
    /// date on, so answers can count them).
    public struct News: Sendable {
        public var documents: [RegulatoryDocument]
        public var since: CalendarDay
        /// Pages requested (or read from the cache).
        public var pages: Int
        /// Whether the search had more pages than `maxPages` (the newest documents are then missing).
        public var truncated: Bool
        public var stored: DataSetInfo
    }

    /// The name `fetch csl` stores its data set under.
    public static let cslName = "csl"
    /// The name `news` stores BIS's documents under.
    public static let newsName = "bis news"

    /// A fetcher over the store at `location` with the settings `aikit fetch` uses (config.toml, the environment's
    /// `AIKIT_<SOURCE>_BASE_URL`, the response cache); answers larger than `AIKIT_COMPLIANCE_MAX_MB` (default 256)
    /// fail rather than fill memory.
    public static func fetcher(store location: String, refresh: Bool) throws -> MarketFetcher {
        var settings = try FetchSettings.configured()
        settings.refresh = refresh
        let megabytes = settings.environment["AIKIT_COMPLIANCE_MAX_MB"].flatMap { Double($0) } ?? 256
        settings.client.maxBodyBytes = max(1, Int(megabytes * 1_048_576))
        return MarketFetcher(store: try MarketStores.open(location), settings: settings)
    }

    /// The Consolidated Screening List's full JSON export, stored as the parties data set `csl`. Its as-of date is
    /// the latest `source_last_updated` of the lists it consolidates when the export says, else the day fetched.
    public static func fetchCSL(_ fetcher: MarketFetcher, today: CalendarDay) throws -> Stored {
        let source = CSLSource()
        let request = try requests(source, dataset: "csl", targets: [], fetcher: fetcher)[0]
        let shown = Redaction.url(request.url)
        let (loaded, cached) = try fetcher.document(request.url, from: source, target: "csl") { body in
            let asOf = CSLExportDate.latest(in: body) ?? today
            return (try check(body, kind: .parties, name: cslName, source: shown, asOf: asOf), body)
        }
        try store(loaded.1, info: loaded.0, in: fetcher)
        return Stored(info: loaded.0, url: shown, cached: cached)
    }

    /// An OpenSanctions dataset's FollowTheMoney entities (its listed parties and its ownership stakes), stored as
    /// the data set `opensanctions DATASET`, as of its `index.json`'s `updated_at`.
    public static func fetchOpenSanctions(_ dataset: String, _ fetcher: MarketFetcher) throws -> Stored {
        let source = OpenSanctionsSource()
        let index = try requests(source, dataset: "index", targets: [dataset], fetcher: fetcher)[0]
        let (asOf, _) = try fetcher.document(index.url, from: source, target: "\(dataset) index.json") { body in
            try OpenSanctionsIndex.updated(body)
        }
        let request = try requests(source, dataset: "entities", targets: [dataset], fetcher: fetcher)[0]
        let shown = Redaction.url(request.url)
        let name = "opensanctions \(dataset)"
        let (loaded, cached) = try fetcher.document(request.url, from: source, target: dataset) { body in
            (try check(body, kind: .ownership, name: name, source: shown, asOf: asOf), body)
        }
        try store(loaded.1, info: loaded.0, in: fetcher)
        return Stored(info: loaded.0, url: shown, cached: cached)
    }

    /// BIS's Federal Register documents published after `since` (default: the rules' as-of date), page by page
    /// (`next_page_url`, followed only on the same server, at most `maxPages`). Every document after the earlier of
    /// `since` and the rules' as-of date is stored as the news data set, dated today.
    public static func news(
        since: CalendarDay?, rulesAsOf: CalendarDay?, _ fetcher: MarketFetcher, today: CalendarDay,
        maxPages: Int = 40
    ) throws -> News {
        guard let shownFrom = since ?? rulesAsOf else {
            throw FetchError("the rules do not say what date they are as of: give --since DATE")
        }
        let from = min(shownFrom, rulesAsOf ?? shownFrom)
        guard let firstDay = from.adding(days: 1), let start = MarketTime.parse(firstDay.description) else {
            throw FetchError("--since \(from) is the last day aikit knows")
        }
        let source = FederalRegisterSource()
        let base = fetcher.settings.baseURL(for: source)
        var url = try requests(
            source, dataset: "documents", targets: [FederalRegisterSource.bis], fetcher: fetcher,
            range: FetchRange(from: start))[0].url
        var documents: [RegulatoryDocument] = []
        var seen = Set<String>()
        var pages = 0
        var truncated = false
        while true {
            pages += 1
            let (page, _) = try fetcher.document(url, from: source, target: "documents page \(pages)") { body in
                try RegulatoryNews.page(body, origin: "page \(pages)")
            }
            for document in page.documents where seen.insert(document.documentNumber).inserted {
                documents.append(document)
            }
            guard let next = page.nextPageURL, !next.isEmpty, !page.documents.isEmpty else { break }
            guard FederalRegisterSource.isNextPage(next, of: base) else {
                throw FetchError(
                    "the Federal Register's page \(pages) points its next page elsewhere ("
                        + "\(String(Redaction.url(next).prefix(80)).debugDescription)); not followed, nothing was stored"
                )
            }
            guard pages < maxPages else {
                truncated = true
                break
            }
            url = next
        }
        documents.sort { ($0.publicationDate, $0.documentNumber) < ($1.publicationDate, $1.documentNumber) }
        let news = RegulatoryNews(
            agency: FederalRegisterSource.bis, since: firstDay, fetchedOn: today, documents: documents)
        let bytes = news.encoded()
        let info = try check(
            bytes, kind: .news, name: newsName, source: Redaction.url(base) + FederalRegisterSource.path, asOf: today)
        try store(bytes, info: info, in: fetcher)
        return News(
            documents: documents.filter { $0.publicationDate > shownFrom }, since: shownFrom, pages: pages,
            truncated: truncated, stored: info)
    }

    /// The requests of a source's dataset, base URL from the settings.
    private static func requests(
        _ source: any MarketProvider, dataset: String, targets: [String], fetcher: MarketFetcher,
        range: FetchRange = FetchRange()
    ) throws(FetchError) -> [ProviderRequest] {
        guard let found = source.datasets.first(where: { $0.name == dataset }) else {
            throw FetchError("\(source.name) has no dataset '\(dataset)'")
        }
        return try source.requests(
            found, targets: targets.isEmpty ? (found.defaultTargets ?? []) : targets, range: range, parameters: [:],
            base: fetcher.settings.baseURL(for: source), key: nil)
    }

    /// The data set as the engine loads it (so what is stored is what every later process will load), refused if
    /// the answer is not the kind asked for.
    private static func check(
        _ bytes: [UInt8], kind: DataSetInfo.Kind, name: String, source: String, asOf: CalendarDay
    ) throws -> DataSetInfo {
        let found = ComplianceEngine.dataSetKind(of: bytes)
        guard found == kind else {
            throw FetchError("the answer reads as \(found.rawValue), not \(kind.rawValue); is the base URL right?")
        }
        var engine = ComplianceEngine()
        return try engine.load(bytes, name: name, source: source, asOf: asOf)
    }

    private static func store(_ bytes: [UInt8], info: DataSetInfo, in fetcher: MarketFetcher) throws {
        let set = StoredDataSet(
            name: info.name, kind: info.kind.rawValue, asOf: info.asOf?.description, source: info.source,
            storedAt: Int64(fetcher.settings.now()), content: bytes)
        try fetcher.store.write { writer in try writer.put(set) }
    }
}

/// The date a CSL export describes: the latest `source_last_updated` (or `last_updated`) of the lists under
/// `sources_used` (or `sources`), when the export carries them.
enum CSLExportDate {
    private struct Export: Decodable {
        struct Source: Decodable {
            var sourceLastUpdated: String?
            var lastUpdated: String?
            enum CodingKeys: String, CodingKey {
                case sourceLastUpdated = "source_last_updated", lastUpdated = "last_updated"
            }
        }
        var sourcesUsed: [Source]?
        var sources: [Source]?
        enum CodingKeys: String, CodingKey { case sourcesUsed = "sources_used", sources }
    }

    static func latest(in body: [UInt8]) -> CalendarDay? {
        guard let export = try? JSONDecoder().decode(Export.self, from: Data(body)) else { return nil }
        let stamps = (export.sourcesUsed ?? []) + (export.sources ?? [])
        return stamps.compactMap { ($0.sourceLastUpdated ?? $0.lastUpdated).flatMap(day) }.max()
    }

    /// "2026-12-04" or "2026-12-04T05:00:00+00:00" as a day.
    static func day(_ stamp: String) -> CalendarDay? { try? CalendarDay(String(stamp.prefix(10))) }
}

/// An OpenSanctions dataset's `index.json`: its `updated_at` (or `last_export`) is the data's as-of date.
enum OpenSanctionsIndex {
    private struct Index: Decodable {
        var updatedAt: String?
        var lastExport: String?
        enum CodingKeys: String, CodingKey { case updatedAt = "updated_at", lastExport = "last_export" }
    }

    static func updated(_ body: [UInt8]) throws -> CalendarDay {
        let index: Index
        do { index = try JSONDecoder().decode(Index.self, from: Data(body)) } catch {
            throw FetchError("index.json is not a dataset's metadata (a JSON object with updated_at)")
        }
        guard let stamp = index.updatedAt ?? index.lastExport, let day = CSLExportDate.day(stamp) else {
            throw FetchError("index.json has no updated_at date; cannot say what date the data is as of")
        }
        return day
    }
}
