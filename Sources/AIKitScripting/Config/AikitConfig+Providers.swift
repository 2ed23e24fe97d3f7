internal import FoundationEssentials
public import MarketFeeds

extension AikitConfig {
    /// One `key = value` line of a `[providers.NAME]` section (market data providers for `aikit fetch`).
    mutating func readProvider(_ name: String, key: String, value: String, at where_: String) throws {
        var settings = providers[name] ?? ProviderSettings()
        switch key {
        case "api_key", "base_url":
            guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
                throw PluginError("\(where_): \(key) takes a quoted string")
            }
            if key == "api_key" {
                settings.apiKey = AikitConfig.unquote(value)
            } else {
                settings.baseURL = AikitConfig.unquote(value)
            }
        case "calls_per_minute":
            guard let number = Double(value), number > 0 else {
                throw PluginError("\(where_): calls_per_minute must be a positive number, got \(value)")
            }
            settings.callsPerMinute = number
        case "calls_per_day":
            guard let number = Int(value), number > 0 else {
                throw PluginError("\(where_): calls_per_day must be a positive whole number, got \(value)")
            }
            settings.callsPerDay = number
        default:
            throw PluginError(
                "\(where_): unknown key '\(key)' (known: api_key, base_url, calls_per_minute, calls_per_day)")
        }
        providers[name] = settings
    }
}

extension FetchSettings {
    /// The fetch settings `aikit fetch`, `aikit update`, `aikit compliance fetch` and `store:fetch` share:
    /// config.toml's `[providers.*]`, the environment (keys, `AIKIT_<PROVIDER>_BASE_URL`), the response cache in
    /// `$XDG_CACHE_HOME/aikit/http`, and the day's call counts in `$XDG_STATE_HOME/aikit/http-calls.tsv`.
    /// `AIKIT_HTTP_TIMEOUT` (seconds) and `AIKIT_HTTP_BACKOFF` adjust the client for slow links (and the tests).
    public static func configured(by config: AikitConfig? = nil) throws -> FetchSettings {
        let config = try config ?? AikitConfig.load()
        let environment = ProcessInfo.processInfo.environment
        var settings = FetchSettings(
            environment: environment, cache: ResponseCache(folder: AikitFolders.cache + "/http"),
            budget: RequestBudget(countsFile: AikitFolders.state + "/http-calls.tsv"))
        settings.providers = config.providers
        settings.client.userAgent = "aikit/\(AikitModule.version)"
        if let text = environment["AIKIT_HTTP_TIMEOUT"], let seconds = Double(text), seconds > 0 {
            settings.client.timeout = seconds
            settings.client.connectTimeout = min(settings.client.connectTimeout, seconds)
        }
        if let text = environment["AIKIT_HTTP_BACKOFF"], let seconds = Double(text), seconds >= 0 {
            settings.backoff = seconds
        }
        return settings
    }
}
