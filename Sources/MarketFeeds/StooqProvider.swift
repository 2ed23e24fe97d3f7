internal import FoundationEssentials
internal import MarketData

/// Stooq's daily CSV download (`q/d/l/?s=nvda.us&d1=YYYYMMDD&d2=YYYYMMDD&i=d`), no key. US listings carry Stooq's
/// `.us` suffix on the request (NVDA → nvda.us); a symbol that already has a suffix or is an index (`^spx`) is sent
/// as given. Rows are stored under the symbol the user named.
public struct StooqProvider: MarketProvider {
    public init() {}
    public let name = "stooq"
    public let title = "Stooq"
    public let defaultBaseURL = "https://stooq.com"
    public let keyVariable: String? = nil
    public let keyHelp = ""
    public let defaultCallsPerDay: Int? = nil
    public let defaultCallsPerMinute: Double? = 30

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "prices", kind: "bars", summary: "daily OHLCV bars (dividend-adjusted)", endpoint: "q/d/l")
        ]
    }

    /// The symbol as Stooq names it.
    static func stooqSymbol(_ symbol: String) -> String {
        let lower = symbol.lowercased()
        return lower.contains(".") || lower.hasPrefix("^") ? lower : lower + ".us"
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        let past = Query.isPast(range, today: today())
        func compact(_ time: Int64?) -> String? { Query.date(time).map { $0.replacing("-", with: "") } }
        return targets.map { target in
            var request = ProviderRequest(
                target: target, kind: "bars",
                url: Query.url(
                    base, "/q/d/l/",
                    [
                        ("s", Self.stooqSymbol(target)), ("d1", compact(range.from)), ("d2", compact(range.to)),
                        ("i", "d"),
                    ]))
            request.symbol = target.uppercased()
            request.immutable = past
            return request
        }
    }

    public func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem? {
        let text = Query.excerpt(response.body)
        if Query.isHeaderOnlyCSV(response.body), text.hasPrefix("Date,") {
            return .empty("Stooq has no rows in the range")
        }
        if text.hasPrefix("No data") { return .empty("Stooq has no data (an unknown symbol, or nothing in the range)") }
        if text.lowercased().hasPrefix("exceeded the daily hits limit") {
            return .failure("Stooq's daily download limit is reached (\(text)); try again tomorrow")
        }
        return nil
    }

    public func errorMessage(in response: HTTPResponse) -> String? { nil }
}
