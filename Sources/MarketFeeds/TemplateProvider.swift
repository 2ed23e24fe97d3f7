internal import FoundationEssentials
internal import Frames

/// A provider described as data (`market.register_provider{…}` from a script or a plugin with the `net`
/// permission): each dataset is a URL template, and the answer must be a format the importers read (CSV or JSON, as
/// `aikit import` detects them). Placeholders: `{base}`, `{symbol}` (percent-encoded), `{from}`/`{to}`
/// (YYYY-MM-DD), `{from_compact}`/`{to_compact}` (YYYYMMDD), `{from_unix}`/`{to_unix}` (seconds; `to` exclusive)
/// and `{key}`. Its key can only be `AIKIT_<NAME>_API_KEY` or config.toml's `[providers.NAME] api_key`, so a
/// registered provider can never be handed another provider's key (or any other secret of the environment).
public struct TemplateProvider: MarketProvider {
    public let name: String
    public let title: String
    public let defaultBaseURL: String
    public let keyVariable: String?
    public let keyHelp: String
    public let datasets: [ProviderDataset]
    public let defaultCallsPerMinute: Double?
    public let defaultCallsPerDay: Int?
    private let templates: [String: String]

    public static let placeholders: Set<String> = [
        "base", "symbol", "from", "to", "from_compact", "to_compact", "from_unix", "to_unix", "key",
    ]

    /// `datasets`: name → (kind, summary, URL template).
    public init(
        name: String, title: String?, baseURL: String,
        datasets: [(name: String, kind: String, summary: String, url: String)],
        keyHelp: String? = nil, callsPerMinute: Double? = nil, callsPerDay: Int? = nil
    ) throws(FetchError) {
        guard !name.isEmpty, name.count <= 32,
            name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw FetchError("a provider name is 1 to 32 lowercase letters, digits or '-', got '\(name.prefix(40))'")
        }
        _ = try ProviderURL(parsing: baseURL, what: "provider \(name): base_url")
        guard !datasets.isEmpty else { throw FetchError("provider \(name): datasets is empty") }
        var templates: [String: String] = [:]
        var usesKey = false
        for dataset in datasets {
            guard ["bars", "series", "sectors", "securities"].contains(dataset.kind) else {
                throw FetchError(
                    "provider \(name), dataset \(dataset.name): kind must be bars, series, sectors or securities")
            }
            let afterBase = dataset.url.dropFirst("{base}".count).first
            guard dataset.url.hasPrefix("{base}"), afterBase == nil || afterBase == "/" || afterBase == "?" else {
                throw FetchError(
                    "provider \(name), dataset \(dataset.name): the URL template must start with {base} followed "
                        + "by '/' or '?', so the host is the one base_url declares (and "
                        + "AIKIT_\(name.uppercased())_BASE_URL can move it)")
            }
            for placeholder in Self.placeholderNames(in: dataset.url) where !Self.placeholders.contains(placeholder) {
                throw FetchError(
                    "provider \(name), dataset \(dataset.name): unknown placeholder {\(placeholder)}; the "
                        + "placeholders are " + Self.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", "))
            }
            usesKey = usesKey || dataset.url.contains("{key}")
            templates[dataset.name] = dataset.url
        }
        self.name = name
        self.title = title ?? name
        defaultBaseURL = baseURL
        keyVariable = usesKey ? "AIKIT_\(name.uppercased().replacing("-", with: "_"))_API_KEY" : nil
        self.keyHelp = keyHelp ?? "see the plugin that registered it"
        self.datasets = datasets.map {
            ProviderDataset(
                name: $0.name, kind: $0.kind, summary: $0.summary, endpoint: $0.url,
                ranged: $0.url.contains("{from") || $0.url.contains("{to"))
        }
        defaultCallsPerMinute = callsPerMinute
        defaultCallsPerDay = callsPerDay
        self.templates = templates
    }

    static func placeholderNames(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    public func requests(
        _ dataset: ProviderDataset, targets: [String], range: FetchRange, parameters: [String: String],
        base: String, key: String?
    ) throws(FetchError) -> [ProviderRequest] {
        let template = templates[dataset.name] ?? ""
        let past = Query.isPast(range, today: today())
        let baseURL = try ProviderURL(parsing: base, what: "provider \(name): the base URL")
        let trimmedBase =
            baseURL.description.hasSuffix("/") ? String(baseURL.description.dropLast()) : baseURL.description
        return try targets.map { target throws(FetchError) in
            let from = Query.date(range.from) ?? ""
            let to = Query.date(range.to) ?? ""
            let values: [String: String] = [
                "base": trimmedBase, "symbol": Query.encode(target), "from": from, "to": to,
                "from_compact": from.replacing("-", with: ""), "to_compact": to.replacing("-", with: ""),
                "from_unix": range.from.map { String($0) } ?? "0",
                "to_unix": String(range.to.map { $0 + MarketTime.day } ?? (today() + MarketTime.day)),
                "key": key.map(Query.encode) ?? "",
            ]
            // One pass over the template: a value is never read again as a template (and is percent-encoded, so
            // it cannot end the path, start a query or fragment, or carry '@' into the host).
            var url = ""
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                url += rest[..<open]
                url += values[String(rest[rest.index(after: open)..<close])] ?? ""
                rest = rest[rest.index(after: close)...]
            }
            url += rest
            let built = try ProviderURL(parsing: url, what: "provider \(name), dataset \(dataset.name): the URL")
            guard built.origin == baseURL.origin else {
                throw FetchError(
                    "provider \(name), dataset \(dataset.name): the URL goes to \(built.origin), not to the base "
                        + "URL's \(baseURL.origin); aikit sends requests (and keys) only to the base URL's host")
            }
            var request = ProviderRequest(target: target, kind: dataset.kind, url: built.description)
            if dataset.kind == "bars" { request.symbol = target }
            if dataset.kind == "series" { request.series = target }
            request.immutable = past
            return request
        }
    }

    public func problem(in response: HTTPResponse, for request: ProviderRequest) -> ResponseProblem? {
        let text = Query.excerpt(response.body, limit: 80)
        if text == "[]" { return .empty("\(title) returned an empty list") }
        if Query.isHeaderOnlyCSV(response.body) { return .empty("\(title) returned a header only") }
        return nil
    }

    public func errorMessage(in response: HTTPResponse) -> String? { nil }
}
