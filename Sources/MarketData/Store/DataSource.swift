/// Where a symbol's bars, a series or a sector's performance came from, recorded when a provider fills it
/// (`aikit fetch`), so `aikit update` asks the same provider for what is newer.
public struct DataSource: Sendable, Equatable {
    /// What the id names: `bars`, `series`, `sectors` or `securities`.
    public var kind: String
    /// The symbol, series id or sector name in the store.
    public var id: String
    /// The provider (`fmp`, `yahoo`, `stooq`, `fred`, or a plugin's) and its dataset (`prices`, `sectors` …).
    public var provider: String
    public var dataset: String
    /// What else the request named (an exchange for sectors), as `key=value` pairs joined by `&`.
    public var parameters: String
    /// When it was last fetched, in seconds since 1970.
    public var fetchedAt: Int64

    public init(kind: String, id: String, provider: String, dataset: String, parameters: String = "", fetchedAt: Int64) {
        self.kind = kind
        self.id = id
        self.provider = provider
        self.dataset = dataset
        self.parameters = parameters
        self.fetchedAt = fetchedAt
    }
}
