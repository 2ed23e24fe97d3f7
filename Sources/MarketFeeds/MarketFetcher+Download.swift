internal import FoundationEssentials
internal import Frames
internal import Redaction

/// One request's download: the rate limits, retries (5xx, 429 within `maxRetryAfter`, broken connections) and
/// what each failure tells the user.
extension MarketFetcher {
    /// Waits before a retry; with a cancel flag, in slices, so Ctrl-C ends a long `Retry-After` wait at once.
    func pause(_ seconds: Double) {
        guard settings.client.cancel != nil else { return settings.sleep(seconds) }
        var left = seconds
        while left > 0, !interrupted {
            settings.sleep(min(0.1, left))
            left -= 0.1
        }
    }

    /// Whether the client's cancel flag is set (every remaining request is then skipped).
    var interrupted: Bool { settings.client.cancel?.isRaised ?? false }

    struct DownloadFailure: Error {
        var message: String
        /// The provider cannot be reached or will not answer today: the other targets are not tried.
        var stopsProvider = false
    }

    /// The body of a 2xx answer, after the rate limits and retries (5xx, 429 within `maxRetryAfter`, broken
    /// connections), or why there is none.
    /// `secrets` (the key) are redacted from the provider's words before they are cut short, so a cut never leaves
    /// part of a key that redaction would no longer recognise.
    func download(_ url: String, _ request: ProviderRequest, _ provider: any MarketProvider, secrets: [String])
        -> Result<[UInt8], DownloadFailure>
    {
        let settings = self.settings
        let limits = settings.providers[provider.name]
        var lastProblem = ""
        for attempt in 1...max(1, settings.maxAttempts) {
            do {
                try settings.budget.spend(
                    provider.name, perMinute: limits?.callsPerMinute ?? provider.defaultCallsPerMinute,
                    perDay: limits?.callsPerDay ?? provider.defaultCallsPerDay, now: settings.now, sleep: settings.sleep
                )
            } catch {
                return .failure(DownloadFailure(message: error.description, stopsProvider: true))
            }
            let retryWait = settings.backoff * Double(1 << min(attempt - 1, 10))
            switch settings.client.get(url, headers: request.headers) {
            case .failure(let failure):
                switch failure.kind {
                case .unreachable:
                    return .failure(
                        DownloadFailure(
                            message: "cannot reach \(provider.title) (\(failure.message)); are you offline? "
                                + "(a mirror or proxy: AIKIT_\(provider.name.uppercased())_BASE_URL)",
                            stopsProvider: true))
                case .noLibrary:
                    return .failure(DownloadFailure(message: failure.message, stopsProvider: true))
                case .cancelled:
                    return .failure(DownloadFailure(message: "interrupted", stopsProvider: true))
                case .timeout:
                    return .failure(
                        DownloadFailure(
                            message: "\(provider.title) did not answer within \(Self.seconds(settings.client.timeout)) "
                                + "(\(failure.message)); try again later"))
                case .broken:
                    lastProblem = "the connection broke (\(failure.message))"
                    if attempt < settings.maxAttempts { pause(retryWait) }
                case .tooLarge:
                    return .failure(
                        DownloadFailure(
                            message: "the answer is larger than "
                                + "\(settings.client.maxBodyBytes >> 20) MB; ask for a shorter range"))
                case .tls, .other:
                    return .failure(DownloadFailure(message: "\(provider.title): \(failure.message)"))
                }
            case .success(let response):
                if (200..<300).contains(response.status) { return .success(response.body) }
                // The provider's own words, read from error answers only (a data body is parsed once, on import).
                let said =
                    provider.errorMessage(in: response).map { ": \(Redaction.text($0, secrets: secrets).prefix(200))" }
                    ?? ""
                switch response.status {
                case 429:
                    let wait =
                        response.retryAfter.flatMap { Self.retryAfterSeconds($0, now: settings.now()) } ?? retryWait
                    lastProblem = "HTTP 429 too many requests\(said)"
                    if wait > settings.maxRetryAfter {
                        return .failure(
                            DownloadFailure(
                                message:
                                    "\(lastProblem); \(provider.title) asks to wait \(Self.seconds(wait)), longer than "
                                    + "aikit waits (\(Self.seconds(settings.maxRetryAfter))); try again then",
                                stopsProvider: true))
                    }
                    if attempt < settings.maxAttempts { pause(wait) }
                case 500..<600:
                    lastProblem = "HTTP \(response.status) server error\(said)"
                    if attempt < settings.maxAttempts { pause(retryWait) }
                case 401, 403:
                    let help = provider.keyVariable.map { "; check \($0) (\(provider.keyHelp))" } ?? ""
                    return .failure(
                        DownloadFailure(
                            message:
                                "HTTP \(response.status) \(response.status == 401 ? "invalid key" : "forbidden")\(said)"
                                + help, stopsProvider: true))
                case 404:
                    return .failure(
                        DownloadFailure(
                            message: "HTTP 404 not found\(said); check the symbol (\(provider.title) does not know "
                                + "'\(request.target)')"))
                default:
                    let text = Redaction.text(Query.excerpt(response.body, limit: 2000), secrets: secrets)
                    let excerpt = said.isEmpty ? ": " + text.prefix(120) : said
                    return .failure(DownloadFailure(message: "HTTP \(response.status)\(excerpt)"))
                }
            }
        }
        return .failure(
            DownloadFailure(
                message: "\(lastProblem), still after \(settings.maxAttempts) tries; try again later"))
    }

    /// The longest wait a `Retry-After` is read as (about 31 years): larger numbers, `inf` and far dates are this,
    /// so every wait is a finite number of seconds that converts to an integer (and is far past `maxRetryAfter`).
    static let retryAfterCap = 1e9

    /// `Retry-After` as seconds, at most `retryAfterCap`: a number of seconds or an HTTP date (RFC 9110's
    /// IMF-fixdate, "Wed, 21 Oct 2015 07:28:00 GMT", years 1 to 9999); nil when it is neither.
    static func retryAfterSeconds(_ value: String, now: Double) -> Double? {
        let text = value.trimmingCharactersWhitespace()
        if let seconds = Double(text) {
            guard seconds >= 0 else { return nil }  // (NaN too)
            return min(seconds, retryAfterCap)
        }
        let parts = text.split(separator: " ")
        // A date past the year 9999 (`Wed, 21 Oct 300000000000 07:28:00 GMT`) is as far as aikit reads.
        if parts.count == 6, parts[3].count > 4, parts[3].allSatisfy({ ("0"..."9").contains($0) }) {
            return retryAfterCap
        }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "GMT", parts[1].count <= 2, parts[3].count <= 4,
            let day = Int(parts[1]), (1...31).contains(day), let year = Int(parts[3]), (1...9999).contains(year),
            let month = months.firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { $0.count == 2 ? Int($0) : nil }
        guard clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] <= 60, clock.allSatisfy({ $0 >= 0 }) else {
            return nil
        }
        let days = MarketTime.days(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = Double(days * 86_400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2]))
        return min(max(0, seconds - now), retryAfterCap)
    }

    /// "3600 s", "1.5 s"; "over 30 years" from `retryAfterCap` on (and for anything not finite).
    static func seconds(_ value: Double) -> String {
        guard value.isFinite, value < retryAfterCap else { return "over 30 years" }
        return value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
    }
}
