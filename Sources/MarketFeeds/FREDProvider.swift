internal import FoundationEssentials
internal import MarketData

/// FRED, the St. Louis Fed's economic data (`fred/series/observations?series_id=&file_type=json`), into generic
/// series (DGS10, DEXCHUS, SP500 …). The key travels as the `api_key` query parameter, as FRED documents.
public struct FREDProvider: MarketProvider {
    public init() {}
    public let name = "fred"
    public let title = "FRED (Federal Reserve Bank of St. Louis)"
    public let defaultBaseURL = "https://api.stlouisfed.org"
    public let keyVariable: String? = "FRED_API_KEY"
    public let keyHelp = "get one at https://fred.stlouisfed.org/docs/api/api_key.html"
    public let defaultCallsPerDay: Int? = nil
    /// FRED allows 120 requests a minute per key.
    public let defaultCallsPerMinute: Double? = 120

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "series", kind: "series", summary: "a series' observations (DGS10, DEXCHUS, SP500 …)",
                endpoint: "fred/series/observations")
        ]
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        let past = Query.isPast(range, today: today())
        return targets.map { target in
            var request = ProviderRequest(
                target: target, kind: "series",
                url: Query.url(
                    base, "/fred/series/observations",
                    [
                        ("series_id", target), ("observation_start", Query.date(range.from)),
                        ("observation_end", Query.date(range.to)), ("file_type", "json"), ("api_key", key),
                    ]))
            request.series = target
            request.immutable = past
            return request
        }
    }

    public func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem? {
        guard let object = JSONTree.parse(response.body) as? [String: Any] else {
            return nil
        }
        if let message = object["error_message"] { return .failure("\(message)") }
        if let list = object["observations"] as? [Any], list.isEmpty {
            return .empty("FRED has no observations in the range")
        }
        return nil
    }

    public func errorMessage(in response: HTTPResponse) -> String? {
        guard let object = JSONTree.parse(response.body) as? [String: Any] else {
            return nil
        }
        return object["error_message"].map { "\($0)" }
    }
}
