import AIKitTesting
import Foundation
import MarketData
import Testing

@testable import MarketFeeds

/// An attacker's pass over the providers: a template or base URL that moves the host, a redirect elsewhere, a
/// hostile Retry-After, answers for another symbol or other dates, and keys in every encoding. Real requests to the
/// local provider server; each test checks what the server received, not only what aikit said.
@Suite(.enabled(if: providerServerMissing == nil, "needs python3 for the local provider server"))
struct ProviderSecurityTests {
    /// A provider `mirror` registered on the fixture's fetcher, its key `key` set in the environment.
    func mirror(
        _ template: String, base: String? = nil, key: String = ProviderServer.fmpKey,
        environment: [String: String?] = [:]
    ) throws -> (FetchFixture, TemplateProvider) {
        var changes: [String: String?] = ["AIKIT_MIRROR_API_KEY": key]
        for (name, value) in environment { changes[name] = value }
        let fixture = try FetchFixture(changes: changes)
        let provider = try TemplateProvider(
            name: "mirror", title: nil, baseURL: base ?? fixture.serverEnvironment["AIKIT_FMP_BASE_URL"]!,
            datasets: [(name: "prices", kind: "bars", summary: "", url: template)])
        try fixture.fetcher.providers.register(provider)
        return (fixture, provider)
    }

    @Test func aTemplateCannotTurnTheBaseIntoUserinfo() throws {
        let port = ProviderServer.shared.port ?? 0
        let tag = "hostmove"
        let template = "{base}@127.0.0.1:\(port)/t-\(tag)/fmp/stable/historical-price-eod/full?symbol={symbol}&k={key}"
        let error = #expect(throws: FetchError.self) {
            try TemplateProvider(
                name: "mirror", title: nil, baseURL: "http://127.0.0.1:9", datasets: [("d", "bars", "", template)])
        }
        #expect(error?.description.contains("must start with {base} followed by '/' or '?'") == true)
        #expect(try ProviderServer.shared.requests(tag: tag).isEmpty)
    }

    @Test func aBaseURLWithUserinfoIsRefusedBeforeAnyRequest() throws {
        let port = ProviderServer.shared.port ?? 0
        let (fixture, _) = try mirror(
            "{base}/stable/historical-price-eod/full?symbol={symbol}&apikey={key}",
            environment: ["AIKIT_MIRROR_BASE_URL": "http://127.0.0.1:9@127.0.0.1:\(port)/t-userinfo/fmp"])
        let error = #expect(throws: FetchError.self) { try fixture.fetch("mirror", "prices", ["NVDA"]) }
        #expect(error?.description.contains("has userinfo") == true, "\(error?.description ?? "")")
        let withPassword = #expect(throws: FetchError.self) {
            try ProviderURL(parsing: "https://alice:S3cretPW@mirror.example/x", what: "base_url")
        }
        #expect(withPassword?.description.hasPrefix("base_url 'https://***@mirror.example/x' has userinfo") == true)
        #expect(try ProviderServer.shared.requests(tag: "userinfo").isEmpty)
    }

    /// What the URL checks refuse, and what they let through to the same host (each as a message fragment, or nil
    /// for a URL on the base's host).
    @Test(arguments: [
        ("{base}.evil.example/x?k={key}", "followed by '/' or '?'"),
        ("{base}:9102/x?k={key}", "followed by '/' or '?'"),
        ("{base}%2F@evil/x?k={key}", "followed by '/' or '?'"),
        ("{base}\\@evil/x?k={key}", "followed by '/' or '?'"),
        ("{base}/x?k={key}#frag", "has a fragment"),
        ("{base}/x\r\nHost: evil?k={key}", "a carriage return"),
        ("{base}/x?k={key} y", "a blank"),
        ("{base}/{symbol}?k={key}", nil),
        ("{base}?s={symbol}&k={key}", nil),
    ])
    func templatesThatTryToLeaveTheHost(_ template: String, _ refusal: String?) throws {
        let base = "http://127.0.0.1:9101"
        let requests: [ProviderRequest]
        do {
            let provider = try TemplateProvider(
                name: "mirror", title: nil, baseURL: base, datasets: [("d", "bars", "", template)])
            requests = try provider.requests(
                provider.datasets[0], targets: ["A/../@evil.example#x?"], range: FetchRange(), parameters: [:],
                base: base, key: "sk/Abc+Def==")
        } catch {
            #expect(refusal.map { error.description.contains($0) } == true, "\(template): \(error)")
            return
        }
        #expect(refusal == nil, "\(template) was accepted: \(requests.map(\.url))")
        for request in requests {
            #expect(try ProviderURL(parsing: request.url, what: "url").origin == "http://127.0.0.1:9101")
            #expect(request.url.contains("A%2F..%2F%40evil.example%23x%3F"))
        }
    }

    /// A refused URL is quoted in the error: its key is not.
    @Test func aRefusalQuotesTheURLWithoutItsKey() throws {
        let (fixture, _) = try mirror("{base}/x?k={key}#frag", key: "sk/Abc+Def==")
        let error = #expect(throws: FetchError.self) { try fixture.fetch("mirror", "prices", ["NVDA"]) }
        let message = error?.description ?? ""
        #expect(message.contains("has a fragment") && message.contains("k=***"), "\(message)")
        #expect(!message.contains("sk%2F"), "\(message)")
    }

    @Test func urlParsing() throws {
        #expect(try ProviderURL(parsing: "HTTP://Example.COM/x", what: "u").origin == "http://example.com:80")
        #expect(try ProviderURL(parsing: "https://[::1]:8443/x?y", what: "u").origin == "https://[::1]:8443")
        #expect(try ProviderURL(parsing: "https://a.example", what: "u").description == "https://a.example")
        for bad in [
            "ftp://a/x", "https://u:p@a/x", "https://a:0/", "https://a:99999/", "https://[::1/x", "https://a/%zz",
            "https://a b/", "https://é.example/", "https:///x", "https://a..b/", "//a/x", "https://a:/x",
        ] {
            #expect(throws: FetchError.self, "\(bad)") { try ProviderURL(parsing: bad, what: "u") }
        }
    }

    @Test func aRedirectToAnotherHostIsNotFollowed() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch(
            "fmp", "prices", ["REDIRECT", "REDIRSAME"], from: "2025-01-24", to: "2025-01-28")
        let away = try #require(outcomes.outcome("REDIRECT"))
        #expect(away.status == .failed)
        #expect(away.message?.contains("redirects to http://localhost:") == true, "\(away.message ?? "")")
        #expect(away.message?.contains(ProviderServer.fmpKey) == false)
        #expect(try fixture.requests.filter { $0.query["symbol"] == "REDIRECT-AFTER" }.isEmpty)
        // A redirect on the same host is followed.
        #expect(outcomes.outcome("REDIRSAME")?.status == .added, "\(outcomes.outcome("REDIRSAME")?.message ?? "")")
        #expect(try fixture.closes("REDIRSAME").count == 3)
        #expect(try fixture.requests.contains { $0.query["hop"] == "1" })
    }

    @Test(arguments: ["RETRYHUGE", "RETRYINF", "RETRYFAR"])
    func aHostileRetryAfterFailsSayingSo(_ symbol: String) throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("fmp", "prices", [symbol], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].status == .skipped)
        #expect(outcomes[0].message?.contains("asks to wait over 30 years") == true, "\(outcomes[0].message ?? "")")
        #expect(fixture.recordedWaits.isEmpty)
    }

    @Test func anAnswerForAnotherSymbolIsRefused() throws {
        let fixture = try FetchFixture()
        #expect(try fixture.fetch("fmp", "prices", ["AMD"], from: "2025-01-24", to: "2025-01-28")[0].status == .added)
        let before = try fixture.closes("AMD")
        let outcome = try fixture.fetch("fmp", "prices", ["OTHERSYM"], from: "2025-01-24", to: "2025-01-28")[0]
        #expect(outcome.status == .failed)
        #expect(
            outcome.message?.contains("answered for OTHERSYM with rows for AMD") == true, "\(outcome.message ?? "")")
        #expect(outcome.message?.contains("nothing was stored") == true)
        #expect(try fixture.closes("AMD") == before)
        #expect(try fixture.store.sources().map(\.id) == ["AMD"])
    }

    /// FMP: a row dated 2100-01-04 in a January answer; Yahoo: a timestamp of 9.2e18 (year 291 billion).
    @Test(arguments: [("fmp", "outside the dates asked for"), ("yahoo", "outside the dates aikit stores")])
    func aRowOutsideTheDatesAskedForIsRefused(_ provider: String, _ refusal: String) throws {
        let fixture = try FetchFixture()
        let outcome = try fixture.fetch(provider, "prices", ["FUTURE"], from: "2025-01-02", to: "2025-01-31")[0]
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains(refusal) == true, "\(outcome.message ?? "")")
        #expect(try fixture.barCount("FUTURE") == 0)
        #expect(try fixture.store.sources().isEmpty)
    }

    /// A server error that repeats the request (so the key percent-encoded) is shown with the key as `***`, also
    /// where the message is cut short in the middle of the key (after 120 characters; `pad` puts the key there).
    @Test func anEchoedPercentEncodedKeyIsRedacted() throws {
        let key = "sk/Abc+Def=="
        let (fixture, _) = try mirror(
            "{base}/stable/historical-price-eod/full?pad=xxxxxxxxxxxxxxxxxx&k={key}&symbol={symbol}&apikey="
                + ProviderServer.fmpKey, key: key)
        let outcome = try fixture.fetch("mirror", "prices", ["ECHO"])[0]
        let message = try #require(outcome.message)
        #expect(message.contains("cannot parse request"), "\(message)")
        #expect(message.contains("k=***"), "\(message)")
        #expect(!message.contains("sk%2F"), "\(message)")
    }

    @Test func percentEncodedKeysAreRedactedInTheDryRunAndTheCache() throws {
        let key = "sk/Abc+Def=="
        let (fixture, _) = try mirror("{base}/stable/historical-price-eod/full?symbol={symbol}&k={key}", key: key)
        let planned = fixture.fetcher.run(
            [try fixture.fetcher.job(provider: "mirror", dataset: "prices", targets: ["NVDA"], range: FetchRange())],
            dryRun: true)
        let shown = planned[0].message ?? ""
        #expect(shown.contains("k=***"), "\(shown)")
        #expect(!shown.contains("sk%2FAbc"))

        // A real request whose key is in a parameter Redaction does not know by name: the cache's meta file must
        // not hold it.
        let (cached, _) = try mirror(
            "{base}/stable/historical-price-eod/full?symbol={symbol}&apikey={key}&k={key}&from={from}&to={to}")
        let outcomes = try cached.fetch("mirror", "prices", ["NVDA"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].status == .added, "\(outcomes[0].message ?? "")")
        let files = try FileManager.default.contentsOfDirectory(atPath: cached.folder + "/http")
        let metas = files.filter { $0.hasSuffix(".meta") }
        #expect(!metas.isEmpty)
        for meta in metas {
            let text = try String(contentsOfFile: cached.folder + "/http/" + meta, encoding: .utf8)
            #expect(!text.contains(ProviderServer.fmpKey), "\(text)")
        }
    }
}
