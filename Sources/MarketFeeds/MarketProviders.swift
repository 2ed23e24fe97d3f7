internal import SystemCalls

/// The providers aikit knows: the four built in, and those plugins register (`market.register_provider`). Threads
/// may share it (registrations are made under a lock).
public final class MarketProviders: Sendable {
    private let registered = Locked<[any MarketProvider]>([
        FMPProvider(), YahooProvider(), StooqProvider(), FREDProvider(),
    ])

    /// The providers, built-in ones first, then in the order they were registered.
    public var all: [any MarketProvider] { registered.withLock { $0 } }

    public init() {}

    /// The names of the providers built into aikit.
    public static let builtInNames: Set<String> = ["fmp", "yahoo", "stooq", "fred"]

    public func register(_ provider: any MarketProvider) throws(FetchError) {
        guard !Self.builtInNames.contains(provider.name) else {
            throw FetchError("'\(provider.name)' is a built-in provider; register yours under another name")
        }
        try registered.withLock { (all) throws(FetchError) in
            guard !all.contains(where: { $0.name == provider.name }) else {
                throw FetchError("a provider named '\(provider.name)' is already registered")
            }
            all.append(provider)
        }
    }

    public func provider(named name: String) throws(FetchError) -> any MarketProvider {
        let all = all
        if let found = all.first(where: { $0.name == name.lowercased() }) { return found }
        throw FetchError("unknown provider '\(name)'; the providers are \(all.map(\.name).joined(separator: ", "))")
    }

    public func dataset(_ name: String, of provider: any MarketProvider) throws(FetchError) -> ProviderDataset {
        if let found = provider.datasets.first(where: { $0.name == name.lowercased() }) { return found }
        throw FetchError(
            "\(provider.name) has no dataset '\(name)'; its datasets are "
                + provider.datasets.map { "\($0.name) (\($0.summary))" }.joined(separator: ", "))
    }
}
