/// A market data provider: turns "this dataset, these symbols, these dates" into HTTP requests and reads the
/// provider's own way of saying no. The bodies it gets back are imported by `MarketImporter` as files are, so every
/// fetched row passes the same checks (`ImportChecks`) and the same atomic, idempotent upsert.
public protocol MarketProvider: Sendable {
    /// The short name used on the command line and in the store's provenance (`fmp`).
    var name: String { get }
    /// The name people know (`Financial Modeling Prep`).
    var title: String { get }
    /// The base URL the provider's endpoints hang off, overridden by `AIKIT_<NAME>_BASE_URL` or config.toml.
    var defaultBaseURL: String { get }
    /// The environment variable holding the API key (nil: the provider needs none).
    var keyVariable: String? { get }
    /// Where a user gets a key, for the message when it is missing or refused.
    var keyHelp: String { get }
    var datasets: [ProviderDataset] { get }
    /// Requests per minute and per day when config.toml says nothing (nil: no limit).
    var defaultCallsPerMinute: Double? { get }
    var defaultCallsPerDay: Int? { get }

    /// The requests for `targets` of `dataset` (one per target unless the dataset says otherwise).
    func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest]
    /// The provider's own refusal or "nothing here" in a response that has a success status (FMP's
    /// `{"Error Message": …}`, Stooq's `No data`); nil when the body holds data.
    func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem?
    /// The provider's message in an error response (4xx/5xx body), for the user.
    func errorMessage(in response: HTTPResponse) -> String?
    /// One document from the bodies of a request and its companions (in their order); by default the first.
    func combine(_ bodies: [[UInt8]], for request: ProviderRequest) throws(FetchError) -> [UInt8]
}

extension MarketProvider {
    public func combine(_ bodies: [[UInt8]], for request: ProviderRequest) throws(FetchError) -> [UInt8] { bodies[0] }
}

/// One dataset a provider serves.
public struct ProviderDataset: Sendable {
    public var name: String
    /// What the store receives: `bars`, `series`, `sectors` or `securities`.
    public var kind: String
    public var summary: String
    /// The provider's endpoint name(s), as its documentation calls them.
    public var endpoint: String
    /// Targets when none are given (FMP's sectors), else nil: targets are required.
    public var defaultTargets: [String]?
    /// Whether the request takes a date range (`update` asks only for what is newer).
    public var ranged: Bool

    public init(
        name: String, kind: String, summary: String, endpoint: String, defaultTargets: [String]? = nil,
        ranged: Bool = true
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.endpoint = endpoint
        self.defaultTargets = defaultTargets
        self.ranged = ranged
    }
}

/// Inclusive dates, as store times (seconds since 1970, midnight UTC); nil: the provider's default.
public struct FetchRange: Sendable, Equatable {
    public var from: Int64?
    public var to: Int64?
    public init(from: Int64? = nil, to: Int64? = nil) {
        self.from = from
        self.to = to
    }
}

/// One HTTP request and what its body fills.
public struct ProviderRequest: Sendable {
    /// The symbol, series id or sector the body is for (its store id).
    public var target: String
    public var kind: String
    public var url: String
    /// Further requests whose bodies complete this one's (`MarketProvider.combine`): FMP's dividend-adjusted closes
    /// beside its prices.
    public var companions: [String] = []
    public var headers: [String] = []
    /// The import's symbol or series id (responses that do not name their own).
    public var symbol: String?
    public var series: String?
    /// Whether the answer can never change (its range ended before today), so the cache keeps it for good.
    public var immutable = false
    /// Request parameters worth keeping in the provenance (`exchange=NASDAQ`).
    public var parameters = ""
    /// The dates asked for (set by `MarketFetcher`): rows outside them are refused, nothing stored.
    public var range = FetchRange()

    public init(target: String, kind: String, url: String) {
        self.target = target
        self.kind = kind
        self.url = url
    }
}

/// What a provider's success-status body says when it holds no data.
public enum ResponseProblem: Sendable, Equatable {
    /// Nothing in the range, or a symbol the provider does not know (it cannot tell which).
    case empty(String)
    /// A refusal or an error dressed as data.
    case failure(String)
}

/// A fetch that cannot start (unknown provider or dataset, missing key, bad dates).
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
