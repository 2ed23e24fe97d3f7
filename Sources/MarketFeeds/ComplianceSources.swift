internal import FoundationEssentials

/// The public sources of compliance data `aikit compliance fetch` and `news` read, as providers of the one HTTP
/// client, cache and retry discipline (`MarketFetcher.document`). None needs a key. They are not market data
/// providers: `MarketProviders` does not list them, and what they answer is parsed by the compliance engine.

/// A public source that needs no key, has no daily quota, and whose answers the caller parses (a refusal comes as
/// an HTTP status, never as data).
public protocol KeylessSource: MarketProvider {}

extension KeylessSource {
    public var keyVariable: String? { nil }
    public var keyHelp: String { "" }
    public var defaultCallsPerDay: Int? { nil }
    public func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem? { nil }
    public func errorMessage(in response: HTTPResponse) -> String? { nil }
}

/// The US Consolidated Screening List's full JSON export (International Trade Administration, trade.gov; "Download
/// the full CSL in JSON": `downloadable_consolidated_screening_list/v1/consolidated.json`, keyless), the same
/// `{"results": […]}` shape `aikit compliance update` reads from a file.
public struct CSLSource: KeylessSource {
    public init() {}
    public let name = "csl"
    public let title = "the Consolidated Screening List (trade.gov)"
    public let defaultBaseURL = "https://data.trade.gov"
    public let defaultCallsPerMinute: Double? = 10

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "csl", kind: "parties", summary: "every party on the Consolidated Screening List",
                endpoint: "downloadable_consolidated_screening_list/v1/consolidated.json", defaultTargets: ["csl"],
                ranged: false)
        ]
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        [ProviderRequest(target: "csl", kind: "parties", url: Query.url(base, "/" + dataset.endpoint, []))]
    }

}

/// OpenSanctions' bulk data (`data.opensanctions.org/datasets/latest/DATASET/`): `entities.ftm.json`, one
/// FollowTheMoney entity per line, and `index.json`, whose `updated_at` dates the export
/// (https://www.opensanctions.org/docs/bulk/json/).
public struct OpenSanctionsSource: KeylessSource {
    public init() {}
    public let name = "opensanctions"
    public let title = "OpenSanctions"
    public let defaultBaseURL = "https://data.opensanctions.org"
    public let defaultCallsPerMinute: Double? = 30

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "entities", kind: "ownership", summary: "a dataset's FollowTheMoney entities, one per line",
                endpoint: "datasets/latest/DATASET/entities.ftm.json", ranged: false),
            ProviderDataset(
                name: "index", kind: "metadata", summary: "a dataset's metadata (updated_at: its as-of date)",
                endpoint: "datasets/latest/DATASET/index.json", ranged: false),
        ]
    }

    /// Whether `name` can be an OpenSanctions dataset name (`us_ofac_sdn`, `sanctions`): lower-case letters,
    /// digits and underscores, as the project names them; anything else never reaches a URL path.
    public static func isDatasetName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        try targets.map { target throws(FetchError) in
            guard Self.isDatasetName(target) else {
                throw FetchError(
                    "'\(target.prefix(40))' is not an OpenSanctions dataset name (lower-case letters, digits and _, "
                        + "e.g. us_ofac_sdn or sanctions; see https://www.opensanctions.org/datasets/)")
            }
            let path = "/" + dataset.endpoint.replacing("DATASET", with: target)
            return ProviderRequest(target: target, kind: dataset.kind, url: Query.url(base, path, []))
        }
    }

}

/// The Federal Register's public documents API (`/api/v1/documents.json`, no key;
/// https://www.federalregister.gov/developers/documentation/api/v1): one agency's documents published on or after a
/// date, oldest first, 100 a page, with the fields `aikit compliance news` shows.
public struct FederalRegisterSource: KeylessSource {
    public init() {}
    public let name = "federalregister"
    public let title = "the Federal Register"
    public let defaultBaseURL = "https://www.federalregister.gov"
    public let defaultCallsPerMinute: Double? = 60
    /// The Bureau of Industry and Security, as the API names agencies.
    public static let bis = "industry-and-security-bureau"
    public static let path = "/api/v1/documents.json"

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "documents", kind: "news", summary: "an agency's documents published since a date",
                endpoint: "api/v1/documents.json", defaultTargets: [Self.bis])
        ]
    }

    /// The first page for each agency in `targets`, published on or after `range.from`.
    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        targets.map { agency in
            let fields = ["document_number", "type", "title", "citation", "publication_date", "html_url"]
            let items: [(String, String?)] =
                [("conditions[agencies][]", agency), ("conditions[publication_date][gte]", Query.date(range.from))]
                + fields.map { ("fields[]", $0) } + [("order", "oldest"), ("per_page", "100")]
            return ProviderRequest(
                target: agency, kind: "news", url: Query.url(base, Self.path, items.map { (Query.encode($0), $1) }))
        }
    }

    /// Whether `next` (a page's `next_page_url`) is a further page of the same search on the same server: anything
    /// else is not followed.
    public static func isNextPage(_ next: String, of base: String) -> Bool {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return next.hasPrefix(trimmed + path + "?")
            && next.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

}
