internal import FoundationEssentials
internal import Frames
internal import MarketData

/// Yahoo Finance's chart API (`v8/finance/chart/SYMBOL?period1=&period2=&interval=1d&events=div|split`), no key.
/// Splits and dividends come back as events and are kept in the store as events.
public struct YahooProvider: MarketProvider {
    public init() {}
    public let name = "yahoo"
    public let title = "Yahoo Finance"
    public let defaultBaseURL = "https://query1.finance.yahoo.com"
    public let keyVariable: String? = nil
    public let keyHelp = ""
    public let defaultCallsPerDay: Int? = nil
    /// Yahoo publishes no limit; it answers bursts with 429, so aikit paces itself.
    public let defaultCallsPerMinute: Double? = 60

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "prices", kind: "bars", summary: "daily OHLCV bars with adjusted close, splits and dividends",
                endpoint: "v8/finance/chart")
        ]
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        let past = Query.isPast(range, today: today())
        // period2 is exclusive: the day after `to` (or now).
        let start = range.from ?? 0
        let end = range.to.map { $0 + MarketTime.day } ?? (today() + MarketTime.day)
        return targets.map { target in
            var request = ProviderRequest(
                target: target, kind: "bars",
                url: Query.url(
                    base, "/v8/finance/chart/" + Query.encode(target),
                    [
                        ("period1", String(start)), ("period2", String(end)), ("interval", "1d"),
                        ("events", "div|split"), ("includeAdjustedClose", "true"),
                    ]))
            request.symbol = target
            request.immutable = past
            return request
        }
    }

    public func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem? {
        guard let object = JSONTree.parse(response.body) as? [String: Any],
            let chart = object["chart"] as? [String: Any]
        else { return nil }
        if let message = Self.message(chart) { return .failure(message) }
        if let result = (chart["result"] as? [Any])?.first as? [String: Any], result["timestamp"] == nil {
            return .empty("Yahoo returned no bars in the range")
        }
        return nil
    }

    public func errorMessage(in response: HTTPResponse) -> String? {
        guard let object = JSONTree.parse(response.body) as? [String: Any],
            let chart = object["chart"] as? [String: Any]
        else { return nil }
        return Self.message(chart)
    }

    private static func message(_ chart: [String: Any]) -> String? {
        guard let error = chart["error"] as? [String: Any] else { return nil }
        return [error["code"], error["description"]].compactMap { $0.map { "\($0)" } }.joined(separator: ": ")
    }
}
