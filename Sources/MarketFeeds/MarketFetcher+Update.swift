internal import FoundationEssentials
internal import Frames
internal import MarketData

/// `update`: what is newer than each fetched symbol's, series' and sector's last stored row.
extension MarketFetcher {
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
        for source in sources {
            groups["\(source.provider)\t\(source.dataset)\t\(source.parameters)", default: []].append(source)
        }
        var jobs: [FetchJob] = []
        var unknown: [FetchOutcome] = []
        let now = today()
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let first = group[0]
            guard let provider = try? providers.provider(named: first.provider) else {
                unknown += group.map {
                    FetchOutcome(
                        target: $0.id, provider: first.provider, dataset: first.dataset, status: .skipped,
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
                job = try self.job(
                    provider: first.provider, dataset: first.dataset, targets: [group[0].id],
                    range: FetchRange(), parameters: parameters)
            } catch {
                // A missing key stops this provider's updates, not the others'.
                unknown += group.map {
                    FetchOutcome(
                        target: $0.id, provider: first.provider, dataset: first.dataset, status: .skipped,
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
                job.requests += try requests(
                    provider, dataset, targets: [source.id], range: FetchRange(from: from, to: now),
                    parameters: parameters, key: job.key)
            }
            jobs.append(job)
        }
        return (jobs, unknown)
    }

    func lastTime(_ source: DataSource, exchange: String?) throws -> Int64? {
        switch source.kind {
        case "bars": return try store.bars(BarQuery(symbols: [source.id])).times().last
        case "series": return try store.series(source.id, from: nil, to: nil).times().last
        case "sectors": return try store.sectors(SectorQuery(sectors: [source.id], exchange: exchange)).times().last
        default: return nil
        }
    }
}
