import AIKitTesting
import Foundation
import Frames
import MarketData
import MarketFeeds

/// A fetcher pointed at the local provider server, with its own cache and call counts, and sleeps recorded
/// instead of slept (so a test of Retry-After or backoff sees the waits without spending them).
final class FetchFixture: @unchecked Sendable {
    let store: any MarketStore
    let folder: String
    let fetcher: MarketFetcher
    /// This fixture's own requests on the shared server.
    let tag = String(UUID().uuidString.prefix(8)).lowercased()
    private let lock = NSLock()
    private var waits: [Double] = []

    /// `changes` adjust the server's environment (nil removes a variable).
    init(
        store: (any MarketStore)? = nil, changes: [String: String?] = [:],
        providers: [String: ProviderSettings] = [:]
    ) throws {
        folder = NSTemporaryDirectory() + "aikit-fetch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.store = try store ?? SQLiteMarketStore(path: folder + "/market.sqlite")
        var environment = ProviderServer.shared.environment(tag: tag)
        for (name, value) in changes { environment[name] = value }
        var settings = FetchSettings(
            environment: environment,
            cache: ResponseCache(folder: folder + "/http"), budget: RequestBudget(countsFile: folder + "/calls.tsv"))
        // No pacing unless a test asks for it (its waits would be recorded with the retries').
        for provider in ["fmp", "yahoo", "stooq", "fred"] {
            settings.providers[provider] =
                providers[provider]
                ?? {
                    var unpaced = ProviderSettings()
                    unpaced.callsPerMinute = 1e9
                    return unpaced
                }()
        }
        settings.client.timeout = 1.5
        fetcher = MarketFetcher(store: self.store, settings: settings)
        fetcher.settings.sleep = { [weak self] seconds in self?.record(seconds) }
    }

    private func record(_ seconds: Double) {
        lock.lock()
        waits.append(seconds)
        lock.unlock()
    }

    var recordedWaits: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return waits
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func fetch(
        _ provider: String, _ dataset: String, _ targets: [String], from: String? = nil, to: String? = nil,
        parameters: [String: String] = [:]
    ) throws -> [FetchOutcome] {
        let range = FetchRange(from: from.flatMap(MarketTime.parse), to: to.flatMap(MarketTime.parse))
        return fetcher.run([
            try fetcher.job(
                provider: provider, dataset: dataset, targets: targets, range: range,
                parameters: parameters)
        ])
    }

    var requests: [(path: String, query: [String: String])] {
        get throws { try ProviderServer.shared.requests(tag: tag) }
    }

    /// The server's environment for this fixture's tag.
    var serverEnvironment: [String: String] { ProviderServer.shared.environment(tag: tag) }

    func closes(_ symbol: String) throws -> [String: Double] {
        let frame = try store.bars(BarQuery(symbols: [symbol]))
        return Dictionary(
            uniqueKeysWithValues: zip(try frame.times().map(MarketTime.formatDate), try frame.doubles("close")))
    }

    func barCount(_ symbol: String) throws -> Int {
        do { return try store.bars(BarQuery(symbols: [symbol])).count } catch { return 0 }
    }
}

extension Array where Element == FetchOutcome {
    func outcome(_ target: String) -> FetchOutcome? { first { $0.target == target } }
}

/// Why the provider tests cannot run here, or nil.
let providerServerMissing: String? = ProviderServer.shared.unavailable
