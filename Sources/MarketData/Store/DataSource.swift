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

    public init(kind: String, id: String, provider: String, dataset: String, parameters: String = "", fetchedAt: Int64)
    {
        self.kind = kind
        self.id = id
        self.provider = provider
        self.dataset = dataset
        self.parameters = parameters
        self.fetchedAt = fetchedAt
    }
}

/// A reference data set kept in the store for another engine (the compliance engine's rule packs and lists, `aikit
/// compliance update`): its bytes as loaded, with its name, kind and as-of date.
public struct StoredDataSet: Sendable, Equatable {
    public var name: String
    public var kind: String
    /// YYYY-MM-DD, or nil when the data set does not say.
    public var asOf: String?
    public var source: String
    /// When it was stored, in seconds since 1970.
    public var storedAt: Int64
    public var content: [UInt8]

    public init(name: String, kind: String, asOf: String?, source: String, storedAt: Int64, content: [UInt8]) {
        self.name = name
        self.kind = kind
        self.asOf = asOf
        self.source = source
        self.storedAt = storedAt
        self.content = content
    }
}
