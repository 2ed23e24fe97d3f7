internal import CSV
internal import FoundationEssentials
internal import Frames
internal import JSONValue
public import MarketData
internal import Redaction

/// What fetching one target (a symbol, series or sector) did.
public struct FetchOutcome: Sendable {
    public enum Status: String, Sendable {
        /// Rows were inserted or changed.
        case added
        /// Every row was there already (or, for `update`, nothing is newer than the store's last row).
        case unchanged
        /// The provider had no rows for it.
        case empty
        case failed
        /// Not tried, because the provider could not be reached or its quota is spent.
        case skipped
        /// `--dry-run`: the request that would be sent (key redacted).
        case planned
    }

    public var target: String
    public var provider: String
    public var dataset: String
    public var status: Status
    public var report: ImportReport.File?
    public var fromCache = false
    /// What went wrong or what was planned: never holds a key.
    public var message: String?

    public var isFailure: Bool { status == .failed || status == .skipped }
}

/// A provider's requests for one dataset.
public struct FetchJob: Sendable {
    public var provider: any MarketProvider
    public var dataset: ProviderDataset
    public var requests: [ProviderRequest]
    public var key: String?
    /// Targets already current (`update`), reported without a request.
    public var current: [String] = []
}

/// Fetches provider data into a store: each target in its own atomic write (so the store holds exactly what
/// succeeded), through the importers' checks, with provenance recorded for `update`.
public final class MarketFetcher {
    public let store: any MarketStore
    public var settings: FetchSettings
    public let providers: MarketProviders
    /// Called before each request with (done, total, target).
    public var progress: ((Int, Int, String) -> Void)?

    public init(store: any MarketStore, settings: FetchSettings, providers: MarketProviders = MarketProviders()) {
        self.store = store
        self.settings = settings
        self.providers = providers
    }

    /// The requests for `targets` (or the dataset's default targets) of a provider's dataset.
    public func job(
        provider name: String, dataset datasetName: String, targets: [String], range: FetchRange,
        parameters: [String: String] = [:], requireKey: Bool = true
    ) throws(FetchError) -> FetchJob {
        let provider = try providers.provider(named: name)
        let dataset = try providers.dataset(datasetName, of: provider)
        if let from = range.from, let to = range.to, from > to {
            throw FetchError("--from \(MarketTime.formatDate(from)) is after --to \(MarketTime.formatDate(to))")
        }
        let chosen = targets.isEmpty ? (dataset.defaultTargets ?? []) : targets
        guard !chosen.isEmpty else {
            throw FetchError(
                "\(provider.name) \(dataset.name) needs at least one symbol (e.g. `aikit fetch "
                    + "\(provider.name) \(dataset.name) NVDA`)")
        }
        for target in chosen where target.isEmpty || target.utf8.count > 64 || target.contains(where: \.isNewline) {
            throw FetchError("'\(target.prefix(40))' is not a symbol")
        }
        let key = settings.key(for: provider)
        if let variable = provider.keyVariable, key == nil, requireKey {
            throw FetchError(
                "\(provider.name) needs an API key: set \(variable), or api_key under "
                    + "[providers.\(provider.name)] in config.toml (\(provider.keyHelp))")
        }
        let requests = try requests(provider, dataset, targets: chosen, range: range, parameters: parameters, key: key)
        return FetchJob(provider: provider, dataset: dataset, requests: requests, key: key)
    }

    /// The provider's requests, each URL checked as a `ProviderURL` against the base URL in effect: a request (and
    /// with it the key) goes to the base URL's scheme, host and port, or not at all. A refusal, which quotes the URL,
    /// has the key redacted.
    func requests(
        _ provider: any MarketProvider, _ dataset: ProviderDataset, targets: [String], range: FetchRange,
        parameters: [String: String], key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        do {
            return try checkedRequests(
                provider, dataset, targets: targets, range: range, parameters: parameters, key: key)
        } catch {
            throw FetchError(Redaction.text(Redaction.url(error.description), secrets: key.map { [$0] } ?? []))
        }
    }

    private func checkedRequests(
        _ provider: any MarketProvider, _ dataset: ProviderDataset, targets: [String], range: FetchRange,
        parameters: [String: String], key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        let variable = "AIKIT_\(provider.name.uppercased().replacing("-", with: "_"))_BASE_URL"
        let base = try ProviderURL(parsing: settings.baseURL(for: provider), what: "\(provider.name)'s base URL")
        var requests = try provider.requests(
            dataset, targets: targets, range: range, parameters: parameters, base: settings.baseURL(for: provider),
            key: key)
        for index in requests.indices { requests[index].range = range }
        for request in requests {
            for url in [request.url] + request.companions {
                let parsed = try ProviderURL(parsing: url, what: "\(provider.name) \(request.target): the request URL")
                guard parsed.origin == base.origin else {
                    throw FetchError(
                        "\(provider.name) \(request.target): the request goes to \(parsed.origin), not to the base "
                            + "URL's \(base.origin) (\(variable)); aikit sends requests and keys only there")
                }
            }
        }
        return requests
    }

    /// Runs the jobs' requests in order; with `dryRun`, lists them instead (keys redacted).
    public func run(_ jobs: [FetchJob], dryRun: Bool = false, update: Bool = false) -> [FetchOutcome] {
        let total = jobs.reduce(0) { $0 + $1.requests.count }
        var done = 0
        var outcomes: [FetchOutcome] = []
        for job in jobs {
            let name = job.provider.name
            for target in job.current {
                outcomes.append(
                    FetchOutcome(
                        target: target, provider: name, dataset: job.dataset.name, status: .unchanged,
                        message: "up to date"))
            }
            var stopped: String?
            for request in job.requests {
                var outcome = FetchOutcome(
                    target: request.target, provider: name, dataset: job.dataset.name, status: .planned)
                if dryRun {
                    outcome.message = ([request.url] + request.companions).map { "GET " + Redaction.url($0) }
                        .joined(separator: "\n")
                } else if let stopped = stopped ?? (interrupted ? "not tried: interrupted" : nil) {
                    outcome.status = .skipped
                    outcome.message = stopped
                } else {
                    progress?(done, total, "\(name) \(request.target)")
                    outcome = fetch(request, job, update: update)
                    if outcome.status == .skipped { stopped = "not tried: \(outcome.message ?? "")" }
                }
                outcome.message = outcome.message.map { Redaction.text($0, secrets: job.key.map { [$0] } ?? []) }
                outcomes.append(outcome)
                done += 1
            }
        }
        progress?(total, total, "")
        return outcomes
    }

    private func fetch(_ request: ProviderRequest, _ job: FetchJob, update: Bool) -> FetchOutcome {
        let provider = job.provider
        var outcome = FetchOutcome(
            target: request.target, provider: provider.name, dataset: job.dataset.name,
            status: .failed)
        let now = settings.now()
        let secrets = job.key.map { [$0] } ?? []
        var bodies: [(url: String, body: [UInt8], cached: Bool)] = []
        for url in [request.url] + request.companions {
            if !settings.refresh,
                let cached = settings.cache?.body(provider: provider.name, url: url, secrets: secrets, now: now)
            {
                bodies.append((url, cached, true))
                continue
            }
            switch download(url, request, provider, secrets: secrets) {
            case .success(let fetched): bodies.append((url, fetched, false))
            case .failure(let failure):
                outcome.status = failure.stopsProvider ? .skipped : .failed
                outcome.message = failure.message
                return outcome
            }
        }
        outcome.fromCache = bodies.allSatisfy(\.cached)
        for (_, body, _) in bodies {
            let first = CSVReader.firstSignificantByte(of: body)
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let reserve = settings.reserveMemory else {
                continue
            }
            do {
                try reserve(
                    JSONValue.parseCost(of: body),
                    "reading \(provider.name) \(request.target)'s answer (\(body.count) bytes of JSON)")
            } catch {
                outcome.message = "\(error); nothing was stored for \(request.target)"
                return outcome
            }
        }
        for (_, body, _) in bodies {
            guard let problem = problem(in: body, request, provider) else { continue }
            switch problem {
            case .empty(let message):
                outcome.status = update ? .unchanged : .empty
                outcome.message = update ? "nothing new" : message + "; check the symbol and the dates"
            case .failure(let message):
                outcome.message = message
            }
            return outcome
        }
        let body: [UInt8]
        do { body = try provider.combine(bodies.map(\.body), for: request) } catch {
            outcome.message = error.description
            return outcome
        }
        var options = ImportOptions(symbol: request.symbol, series: request.series)
        options.windowRows = 1_000_000
        let importer = MarketImporter(store: store, options: options)
        do {
            let report = try store.write { writer in
                let report = try importer.importDocument(
                    name: "\(provider.name) \(job.dataset.endpoint)", bytes: body, into: writer)
                // Thrown inside the write, so nothing of the answer is kept.
                try Self.checkAnswer(report, for: request, provider: provider)
                for id in report.symbols {
                    try writer.record(
                        DataSource(
                            kind: request.kind, id: id, provider: provider.name, dataset: job.dataset.name,
                            parameters: request.parameters, fetchedAt: Int64(now)))
                }
                return report
            }
            outcome.report = report
            outcome.status = report.counts.inserted + report.counts.updated > 0 ? .added : .unchanged
            for (url, body, cached) in bodies where !cached {
                settings.cache?.store(
                    provider: provider.name, url: url, secrets: secrets, immutable: request.immutable, body: body,
                    now: now)
            }
        } catch {
            outcome.message = "\(error); nothing was stored for \(request.target)"
        }
        return outcome
    }

    /// Refuses an answer that holds rows for another target than the one asked for (a provider answering for A
    /// must not overwrite B's stored bars) or dated outside the dates asked for (a row in 9999 would make `update`
    /// call the symbol current for ever). Without `to`, rows up to today (UTC) pass.
    static func checkAnswer(_ report: ImportReport.File, for request: ProviderRequest, provider: any MarketProvider)
        throws(FetchError)
    {
        let asked = (request.symbol ?? request.series ?? request.target).uppercased()
        let checksTarget =
            ["bars", "series", "securities"].contains(request.kind) || (request.kind == "sectors" && asked != "ALL")
        if checksTarget, let other = report.symbols.first(where: { $0.uppercased() != asked }) {
            throw FetchError(
                "\(provider.title) answered for \(asked) with rows for \(other.prefix(64)); aikit refuses an answer "
                    + "for another \(request.kind == "bars" ? "symbol" : "target") than the one asked for")
        }
        let latest = request.range.to ?? today()
        let earliest = request.range.from
        for time in [report.first, report.last].compactMap({ $0 }) {
            let day = MarketTime.floorDiv(time, MarketTime.day) * MarketTime.day
            guard day > latest || (earliest.map { day < $0 } ?? false) else { continue }
            let asked =
                "\(earliest.map(MarketTime.formatDate) ?? "the start") to \(MarketTime.formatDate(latest))"
            throw FetchError(
                "\(provider.title) sent a row dated \(MarketTime.formatDate(time)), outside the dates asked for "
                    + "(\(asked)); aikit refuses the answer")
        }
    }

    /// A success-status body that holds no data: an HTML page, or the provider's own refusal or empty answer.
    func problem(in body: [UInt8], _ request: ProviderRequest, _ provider: any MarketProvider)
        -> ResponseProblem?
    {
        let first = CSVReader.firstSignificantByte(of: body)
        if first == UInt8(ascii: "<") {
            return .failure(
                "\(provider.title) sent an HTML page, not data (\(Self.title(of: body))); "
                    + "a changed URL, a proxy or a login page — check the base URL (AIKIT_\(provider.name.uppercased())_BASE_URL)"
            )
        }
        if first == nil { return .failure("\(provider.title) sent an empty body") }
        return provider.problem(in: HTTPResponse(status: 200, body: body), for: request)
    }

    private static func title(of html: [UInt8]) -> String {
        let text = String(decoding: html.prefix(4096), as: UTF8.self)
        let lower = text.lowercased()
        if lower.count == text.count, let open = lower.firstRange(of: "<title>"),
            let close = lower[open.upperBound...].firstRange(of: "</title>")
        {
            // (Lowercasing kept every character's length, so the ranges fit the original text too.)
            let start = text.index(
                text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: open.upperBound))
            let end = text.index(
                text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: close.lowerBound))
            let title = String(text[start..<end]).trimmingCharactersWhitespace()
            return "\"" + String(title.prefix(80)) + "\""
        }
        return "no title"
    }
}
