internal import CSV
internal import FoundationEssentials
internal import JSONValue
internal import MarketData

/// Financial Modeling Prep's stable API (https://site.financialmodelingprep.com/developer/docs): end-of-day prices
/// (`historical-price-eod/full`), historical sector performance (`historical-sector-performance`, one sector per
/// call), the sector snapshot (`sector-performance-snapshot`, one date per call) and company profiles (`profile`).
/// The key travels as the `apikey` query parameter, as FMP documents.
public struct FMPProvider: MarketProvider {
    public init() {}
    public let name = "fmp"
    public let title = "Financial Modeling Prep"
    public let defaultBaseURL = "https://financialmodelingprep.com"
    public let keyVariable: String? = "FMP_API_KEY"
    public let keyHelp = "get one at https://site.financialmodelingprep.com/developer/docs"
    /// FMP's free tier: 250 calls a day.
    public let defaultCallsPerDay: Int? = 250
    public let defaultCallsPerMinute: Double? = 300

    /// The sectors FMP reports (its `available-sectors` list).
    public static let sectors = [
        "Basic Materials", "Communication Services", "Consumer Cyclical", "Consumer Defensive", "Energy",
        "Financial Services", "Healthcare", "Industrials", "Real Estate", "Technology", "Utilities",
    ]

    public var datasets: [ProviderDataset] {
        [
            ProviderDataset(
                name: "prices", kind: "bars", summary: "daily OHLCV bars", endpoint: "historical-price-eod/full"),
            ProviderDataset(
                name: "adjusted", kind: "bars",
                summary: "daily OHLCV bars with the dividend-adjusted close (two calls a symbol)",
                endpoint: "historical-price-eod/full + historical-price-eod/dividend-adjusted"),
            ProviderDataset(
                name: "sectors", kind: "sectors", summary: "historical sector performance (average % change)",
                endpoint: "historical-sector-performance", defaultTargets: Self.sectors),
            ProviderDataset(
                name: "sector-snapshot", kind: "sectors", summary: "every sector's performance on one date (--to)",
                endpoint: "sector-performance-snapshot", defaultTargets: ["all"], ranged: false),
            ProviderDataset(
                name: "profile", kind: "securities",
                summary: "company profile: name, sector, industry, exchange, currency", endpoint: "profile",
                ranged: false),
        ]
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        let past = Query.isPast(range, today: today())
        let exchange = parameters["exchange"]
        return targets.map { target in
            var items: [(String, String?)]
            switch dataset.name {
            case "sectors":
                items = [
                    ("sector", target), ("from", Query.date(range.from)), ("to", Query.date(range.to)),
                    ("exchange", exchange),
                ]
            case "sector-snapshot":
                items = [("date", Query.date(range.to ?? today())), ("exchange", exchange)]
            default:
                items = [("symbol", target)]
                if dataset.ranged { items += [("from", Query.date(range.from)), ("to", Query.date(range.to))] }
            }
            let endpoint = dataset.name == "adjusted" ? "historical-price-eod/full" : dataset.endpoint
            var request = ProviderRequest(
                target: target, kind: dataset.kind,
                url: Query.url(base, "/stable/" + endpoint, items + [("apikey", key)]))
            if dataset.name == "adjusted" {
                request.companions = [
                    Query.url(base, "/stable/historical-price-eod/dividend-adjusted", items + [("apikey", key)])
                ]
            }
            request.symbol = dataset.kind == "bars" ? target : nil
            request.immutable = dataset.ranged && past
            request.parameters = exchange.map { "exchange=\($0)" } ?? ""
            return request
        }
    }

    public func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem? {
        // A list of rows is data (parsed once, on import) unless it is empty; only an object can be FMP's refusal.
        switch CSVReader.firstSignificantByte(of: response.body) {
        case UInt8(ascii: "["):
            let rest = response.body.drop { $0 != UInt8(ascii: "[") }.dropFirst()
            return CSVReader.firstSignificantByte(of: rest) == UInt8(ascii: "]")
                ? .empty("FMP returned an empty list (an unknown symbol, or nothing in the range)") : nil
        case UInt8(ascii: "{"):
            guard let object = JSONTree.parse(response.body) as? [String: Any], let message = Self.message(object)
            else {
                return nil
            }
            return .failure(message)
        default: return nil
        }
    }

    public func errorMessage(in response: HTTPResponse) -> String? {
        guard let object = JSONTree.parse(response.body) as? [String: Any] else {
            return nil
        }
        return Self.message(object)
    }

    /// `historical-price-eod/full` rows with `adjClose` from `historical-price-eod/dividend-adjusted` (matched by
    /// date), as one FMP end-of-day list the importer reads. Numbers are written back as they were read.
    public func combine(_ bodies: [[UInt8]], for request: ProviderRequest) throws(FetchError) -> [UInt8] {
        guard bodies.count == 2 else { return bodies[0] }
        guard let prices = JSONTree.parse(bodies[0]) as? [[String: Any]],
            let adjusted = JSONTree.parse(bodies[1]) as? [[String: Any]]
        else { throw FetchError("FMP sent a price list that is not a list of objects; nothing was stored") }
        var adjustedClose: [String: Any] = [:]
        for row in adjusted {
            if let date = row["date"] as? String, let close = row["adjClose"] { adjustedClose[date] = close }
        }
        var text = "["
        for (index, row) in prices.enumerated() {
            var fields: [String] = []
            for key in ["symbol", "date", "open", "high", "low", "close", "volume"] {
                if let value = row[key] { fields.append("\(Self.json(key)):\(Self.json(value))") }
            }
            if let date = row["date"] as? String, let close = adjustedClose[date] {
                fields.append("\"adjClose\":\(Self.json(close))")
            }
            text += (index == 0 ? "{" : ",{") + fields.joined(separator: ",") + "}"
        }
        return Array((text + "]").utf8)
    }

    /// A JSON value: strings escaped, numbers in Swift's shortest round-trip form (JSONValue's serialiser).
    private static func json(_ value: Any) -> String {
        switch value {
        case let text as String: JSONValue.string(text).serialized()
        case let double as Double: JSONValue.number(double).serialized()
        case let flag as Bool: JSONValue.bool(flag).serialized()
        default: "null"
        }
    }

    private static func message(_ object: [String: Any]) -> String? {
        (object["Error Message"] ?? object["error"] ?? object["message"]).map { "\($0)" }
    }
}
