internal import FoundationEssentials
public import MarketData

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
    public func job(provider name: String, dataset datasetName: String, targets: [String], range: FetchRange,
                    parameters: [String: String] = [:], requireKey: Bool = true) throws(FetchError) -> FetchJob {
        let provider = try providers.provider(named: name)
        let dataset = try providers.dataset(datasetName, of: provider)
        if let from = range.from, let to = range.to, from > to {
            throw FetchError("--from \(MarketTime.formatDate(from)) is after --to \(MarketTime.formatDate(to))")
        }
        let chosen = targets.isEmpty ? (dataset.defaultTargets ?? []) : targets
        guard !chosen.isEmpty else {
            throw FetchError("\(provider.name) \(dataset.name) needs at least one symbol (e.g. `aikit fetch "
                + "\(provider.name) \(dataset.name) NVDA`)")
        }
        for target in chosen where target.isEmpty || target.utf8.count > 64 || target.contains(where: \.isNewline) {
            throw FetchError("'\(target.prefix(40))' is not a symbol")
        }
        let key = settings.key(for: provider)
        if let variable = provider.keyVariable, key == nil, requireKey {
            throw FetchError("\(provider.name) needs an API key: set \(variable), or api_key under "
                + "[providers.\(provider.name)] in config.toml (\(provider.keyHelp))")
        }
        let requests = try provider.requests(
            dataset, targets: chosen, range: range, parameters: parameters, base: settings.baseURL(for: provider), key: key)
        return FetchJob(provider: provider, dataset: dataset, requests: requests, key: key)
    }

    /// Brings every fetched symbol, series and sector up to today: from the day after its last stored row, from the
    /// provider it came from. Data from a provider this run does not know (one a script or plugin registered) is
    /// reported as skipped, saying so.
    public func update(dryRun: Bool = false) throws -> [FetchOutcome] {
        let (jobs, unknown) = try updateJobs()
        return unknown + run(jobs, dryRun: dryRun, update: true)
    }

    /// The jobs of `update`, and the outcomes of sources whose provider is not registered.
    func updateJobs() throws -> (jobs: [FetchJob], unknown: [FetchOutcome]) {
        let sources = try store.sources()
        var groups: [String: [DataSource]] = [:]
        for source in sources { groups["\(source.provider)\t\(source.dataset)\t\(source.parameters)", default: []].append(source) }
        var jobs: [FetchJob] = []
        var unknown: [FetchOutcome] = []
        let now = today()
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let first = group[0]
            guard let provider = try? providers.provider(named: first.provider) else {
                unknown += group.map {
                    FetchOutcome(target: $0.id, provider: first.provider, dataset: first.dataset, status: .skipped,
                                 message: "provider '\(first.provider)' is not registered in this run (a script or plugin "
                                    + "registered it); update from there with store:update()")
                }
                continue
            }
            let dataset = try providers.dataset(first.dataset, of: provider)
            guard dataset.ranged else { continue }
            var parameters: [String: String] = [:]
            for pair in first.parameters.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { parameters[String(parts[0])] = String(parts[1]) }
            }
            var job: FetchJob
            do {
                job = try self.job(provider: first.provider, dataset: first.dataset, targets: [group[0].id],
                                   range: FetchRange(), parameters: parameters)
            } catch {
                // A missing key stops this provider's updates, not the others'.
                unknown += group.map {
                    FetchOutcome(target: $0.id, provider: first.provider, dataset: first.dataset, status: .skipped,
                                 message: error.description)
                }
                continue
            }
            job.requests = []
            for source in group {
                guard let last = try lastTime(source, exchange: parameters["exchange"]) else { continue }
                let from = MarketTime.floorDiv(last, MarketTime.day) * MarketTime.day + MarketTime.day
                if from > now {
                    job.current.append(source.id)
                    continue
                }
                job.requests += try provider.requests(
                    dataset, targets: [source.id], range: FetchRange(from: from, to: now), parameters: parameters,
                    base: settings.baseURL(for: provider), key: job.key)
            }
            jobs.append(job)
        }
        return (jobs, unknown)
    }

    private func lastTime(_ source: DataSource, exchange: String?) throws -> Int64? {
        switch source.kind {
        case "bars": return try store.bars(BarQuery(symbols: [source.id])).times().last
        case "series": return try store.series(source.id, from: nil, to: nil).times().last
        case "sectors": return try store.sectors(SectorQuery(sectors: [source.id], exchange: exchange)).times().last
        default: return nil
        }
    }

    /// Runs the jobs' requests in order; with `dryRun`, lists them instead (keys redacted).
    public func run(_ jobs: [FetchJob], dryRun: Bool = false, update: Bool = false) -> [FetchOutcome] {
        let total = jobs.reduce(0) { $0 + $1.requests.count }
        var done = 0
        var outcomes: [FetchOutcome] = []
        for job in jobs {
            let name = job.provider.name
            for target in job.current {
                outcomes.append(FetchOutcome(target: target, provider: name, dataset: job.dataset.name, status: .unchanged,
                                             message: "up to date"))
            }
            var stopped: String?
            for request in job.requests {
                var outcome = FetchOutcome(target: request.target, provider: name, dataset: job.dataset.name, status: .planned)
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

    /// Waits before a retry; with a cancel flag, in slices, so Ctrl-C ends a long `Retry-After` wait at once.
    private func pause(_ seconds: Double) {
        guard settings.client.cancel != nil else { return settings.sleep(seconds) }
        var left = seconds
        while left > 0, !interrupted {
            settings.sleep(min(0.1, left))
            left -= 0.1
        }
    }

    /// Whether the client's cancel flag is set (every remaining request is then skipped).
    private var interrupted: Bool { (settings.client.cancel?.pointee ?? 0) != 0 }

    private func fetch(_ request: ProviderRequest, _ job: FetchJob, update: Bool) -> FetchOutcome {
        let provider = job.provider
        var outcome = FetchOutcome(target: request.target, provider: provider.name, dataset: job.dataset.name,
                                   status: .failed)
        let now = settings.now()
        var bodies: [(url: String, body: [UInt8], cached: Bool)] = []
        for url in [request.url] + request.companions {
            if !settings.refresh, let cached = settings.cache?.body(provider: provider.name, url: url, now: now) {
                bodies.append((url, cached, true))
                continue
            }
            switch download(url, request, provider) {
            case .success(let fetched): bodies.append((url, fetched, false))
            case .failure(let failure):
                outcome.status = failure.stopsProvider ? .skipped : .failed
                outcome.message = failure.message
                return outcome
            }
        }
        outcome.fromCache = bodies.allSatisfy(\.cached)
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
                for id in report.symbols {
                    try writer.record(DataSource(kind: request.kind, id: id, provider: provider.name, dataset: job.dataset.name,
                                                 parameters: request.parameters, fetchedAt: Int64(now)))
                }
                return report
            }
            outcome.report = report
            outcome.status = report.counts.inserted + report.counts.updated > 0 ? .added : .unchanged
            for (url, body, cached) in bodies where !cached {
                settings.cache?.store(provider: provider.name, url: url, immutable: request.immutable, body: body, now: now)
            }
        } catch {
            outcome.message = "\(error); nothing was stored for \(request.target)"
        }
        return outcome
    }

    /// A success-status body that holds no data: an HTML page, or the provider's own refusal or empty answer.
    private func problem(in body: [UInt8], _ request: ProviderRequest, _ provider: any MarketProvider) -> ResponseProblem? {
        let start = body.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF })
        if start.first == UInt8(ascii: "<") {
            return .failure("\(provider.title) sent an HTML page, not data (\(Self.title(of: body))); "
                + "a changed URL, a proxy or a login page — check the base URL (AIKIT_\(provider.name.uppercased())_BASE_URL)")
        }
        if start.isEmpty { return .failure("\(provider.title) sent an empty body") }
        return provider.problem(in: HTTPResponse(status: 200, body: body), for: request)
    }

    private static func title(of html: [UInt8]) -> String {
        let text = String(decoding: html.prefix(4096), as: UTF8.self)
        let lower = text.lowercased()
        if lower.count == text.count, let open = lower.firstRange(of: "<title>"),
            let close = lower[open.upperBound...].firstRange(of: "</title>")
        {
            // (Lowercasing kept every character's length, so the ranges fit the original text too.)
            let start = text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: open.upperBound))
            let end = text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: close.lowerBound))
            let title = String(text[start..<end]).trimmingCharactersWhitespace()
            return "\"" + String(title.prefix(80)) + "\""
        }
        return "no title"
    }

    struct DownloadFailure: Error {
        var message: String
        /// The provider cannot be reached or will not answer today: the other targets are not tried.
        var stopsProvider = false
    }

    /// The body of a 2xx answer, after the rate limits and retries (5xx, 429 within `maxRetryAfter`, broken
    /// connections), or why there is none.
    private func download(_ url: String, _ request: ProviderRequest, _ provider: any MarketProvider)
        -> Result<[UInt8], DownloadFailure>
    {
        let settings = self.settings
        let limits = settings.providers[provider.name]
        var lastProblem = ""
        for attempt in 1...max(1, settings.maxAttempts) {
            do {
                try settings.budget.spend(
                    provider.name, perMinute: limits?.callsPerMinute ?? provider.defaultCallsPerMinute,
                    perDay: limits?.callsPerDay ?? provider.defaultCallsPerDay, now: settings.now, sleep: settings.sleep)
            } catch {
                return .failure(DownloadFailure(message: error.description, stopsProvider: true))
            }
            let retryWait = settings.backoff * Double(1 << min(attempt - 1, 10))
            switch settings.client.get(url, headers: request.headers) {
            case .failure(let failure):
                switch failure.kind {
                case .unreachable:
                    return .failure(DownloadFailure(
                        message: "cannot reach \(provider.title) (\(failure.message)); are you offline? "
                            + "(a mirror or proxy: AIKIT_\(provider.name.uppercased())_BASE_URL)", stopsProvider: true))
                case .noLibrary:
                    return .failure(DownloadFailure(message: failure.message, stopsProvider: true))
                case .cancelled:
                    return .failure(DownloadFailure(message: "interrupted", stopsProvider: true))
                case .timeout:
                    return .failure(DownloadFailure(
                        message: "\(provider.title) did not answer within \(Self.seconds(settings.client.timeout)) "
                            + "(\(failure.message)); try again later"))
                case .broken:
                    lastProblem = "the connection broke (\(failure.message))"
                    if attempt < settings.maxAttempts { pause(retryWait) }
                case .tooLarge:
                    return .failure(DownloadFailure(message: "the answer is larger than "
                        + "\(settings.client.maxBodyBytes >> 20) MB; ask for a shorter range"))
                case .tls, .other:
                    return .failure(DownloadFailure(message: "\(provider.title): \(failure.message)"))
                }
            case .success(let response):
                let said = provider.errorMessage(in: response).map { ": \($0.prefix(200))" } ?? ""
                switch response.status {
                case 200..<300: return .success(response.body)
                case 429:
                    let wait = response.retryAfter.flatMap { Self.retryAfterSeconds($0, now: settings.now()) } ?? retryWait
                    lastProblem = "HTTP 429 too many requests\(said)"
                    if wait > settings.maxRetryAfter {
                        return .failure(DownloadFailure(
                            message: "\(lastProblem); \(provider.title) asks to wait \(Self.seconds(wait)), longer than "
                                + "aikit waits (\(Self.seconds(settings.maxRetryAfter))); try again then", stopsProvider: true))
                    }
                    if attempt < settings.maxAttempts { pause(wait) }
                case 500..<600:
                    lastProblem = "HTTP \(response.status) server error\(said)"
                    if attempt < settings.maxAttempts { pause(retryWait) }
                case 401, 403:
                    let help = provider.keyVariable.map { "; check \($0) (\(provider.keyHelp))" } ?? ""
                    return .failure(DownloadFailure(
                        message: "HTTP \(response.status) \(response.status == 401 ? "invalid key" : "forbidden")\(said)"
                            + help, stopsProvider: true))
                case 404:
                    return .failure(DownloadFailure(
                        message: "HTTP 404 not found\(said); check the symbol (\(provider.title) does not know "
                            + "'\(request.target)')"))
                default:
                    let excerpt = said.isEmpty ? ": " + Query.excerpt(response.body, limit: 120) : said
                    return .failure(DownloadFailure(message: "HTTP \(response.status)\(excerpt)"))
                }
            }
        }
        return .failure(DownloadFailure(
            message: "\(lastProblem), still after \(settings.maxAttempts) tries; try again later"))
    }

    /// `Retry-After` as seconds: a number of seconds or an HTTP date (RFC 9110's IMF-fixdate,
    /// "Wed, 21 Oct 2015 07:28:00 GMT").
    static func retryAfterSeconds(_ value: String, now: Double) -> Double? {
        let text = value.trimmingCharactersWhitespace()
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
            let month = months.firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        let days = MarketTime.days(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = Double(days * 86_400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2]))
        return max(0, seconds - now)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
    }
}
