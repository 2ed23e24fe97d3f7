internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// One provider's settings from config.toml (`[providers.fmp]`): all optional.
public struct ProviderSettings: Sendable, Equatable {
    public var apiKey: String?
    public var baseURL: String?
    public var callsPerMinute: Double?
    public var callsPerDay: Int?
    public init() {}
}

/// How fetches run: keys and base URLs (environment first, then config.toml, then the provider's defaults), the
/// response cache, rate limits, and the retry policy.
public struct FetchSettings {
    public var providers: [String: ProviderSettings] = [:]
    public var environment: [String: String]
    public var cache: ResponseCache?
    /// Ignore cached answers (still refresh the cache).
    public var refresh = false
    public var budget: RequestBudget
    public var client = HTTPClient()
    /// Tries per request on 5xx, 429 and broken connections.
    public var maxAttempts = 4
    /// Seconds before the first retry, doubled for each next one.
    public var backoff = 0.5
    /// Counts memory the fetch is about to take outside Lua (an answer's JSON parse, `JSONValue.parseCost`) against
    /// the memory cap of the script it runs for, throwing when it would not fit (a script's `store:fetch` sets it;
    /// nil: no cap but `JSONValue.defaultParseLimit`).
    public var reserveMemory: ((_ bytes: Double, _ what: String) throws -> Void)?
    /// The longest `Retry-After` aikit waits out; a longer one fails the request saying when to try again.
    public var maxRetryAfter = 120.0
    public var sleep: @Sendable (Double) -> Void = { seconds in
        guard seconds > 0 else { return }
        var remaining = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        while true {
            let request = remaining
            guard nanosleep([request], &remaining) != 0, errno == EINTR else { break }
        }
    }
    /// Wall-clock seconds since 1970 (UTC days count the daily quota; cache entries and documents are dated).
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    public init(environment: [String: String], cache: ResponseCache?, budget: RequestBudget) {
        self.environment = environment
        self.cache = cache
        self.budget = budget
    }

    /// The API key for `provider`: its environment variable, else config.toml's `api_key`.
    public func key(for provider: any MarketProvider) -> String? {
        if let variable = provider.keyVariable, let value = environment[variable], !value.isEmpty { return value }
        return providers[provider.name]?.apiKey.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What in the user's environment or config.toml names provider `name` (its key or base URL variable, or a
    /// `[providers.NAME]` section), or nil. A plugin may not register such a name: the key the user set for it is
    /// meant for the host the user had in mind, not for one the plugin declares.
    public func userDefinition(of name: String) -> String? {
        let stem = "AIKIT_\(name.uppercased().replacing("-", with: "_"))"
        for variable in [stem + "_API_KEY", stem + "_BASE_URL"] where !(environment[variable] ?? "").isEmpty {
            return "\(variable) is set in the environment"
        }
        return providers[name] != nil ? "config.toml has a [providers.\(name)] section" : nil
    }

    /// `AIKIT_<NAME>_BASE_URL`, else config.toml's `base_url`, else the provider's own.
    public func baseURL(for provider: any MarketProvider) -> String {
        let variable = "AIKIT_\(provider.name.uppercased().replacing("-", with: "_"))_BASE_URL"
        if let value = environment[variable], !value.isEmpty { return value }
        return providers[provider.name]?.baseURL ?? provider.defaultBaseURL
    }
}
