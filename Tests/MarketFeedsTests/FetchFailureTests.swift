import AIKitTesting
import MarketData
import MarketFeeds
import Testing

/// The bad answers a provider gives: each outcome names the provider and symbol and says what to do, the store holds
/// exactly what succeeded, and the good symbol fetched beside the bad one is stored.
@Suite(.enabled(if: providerServerMissing == nil, "needs python3 for the local provider server"))
struct FetchFailureTests {
    /// Fetches NVDA beside `bad`; checks NVDA is stored, `bad` is not, and returns `bad`'s outcome.
    func failing(_ provider: String, _ bad: String, fixture: FetchFixture? = nil) throws -> FetchOutcome {
        let fixture = try fixture ?? FetchFixture()
        let dataset = provider == "fred" ? "series" : "prices"
        let good = provider == "fred" ? "SP500" : "NVDA"
        let outcomes = try fixture.fetch(provider, dataset, [good, bad], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes.outcome(good)?.status == .added, "\(outcomes.outcome(good)?.message ?? "")")
        let outcome = try #require(outcomes.outcome(bad))
        #expect(outcome.provider == provider)
        #expect(try fixture.barCount(bad) == 0)
        #expect(try fixture.store.sources().map(\.id) == [good])
        return outcome
    }

    @Test func wrongKeyIs401AndStopsTheProvider() throws {
        let fixture = try FetchFixture(changes: ["FMP_API_KEY": "not-a-valid-key"])
        let outcomes = try fixture.fetch("fmp", "prices", ["NVDA", "AMD"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].status == .skipped)
        #expect(outcomes[0].message?.contains("HTTP 401 invalid key") == true)
        #expect(outcomes[0].message?.contains("FMP_API_KEY") == true)
        #expect(outcomes[1].status == .skipped && outcomes[1].message?.hasPrefix("not tried") == true)
        #expect(
            try fixture.requests.filter { $0.query["symbol"] == "AMD" && $0.query["apikey"] == "not-a-valid-key" }
                .isEmpty)
        #expect(try fixture.barCount("NVDA") == 0)
    }

    @Test func forbidden403() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("fmp", "prices", ["FORBIDDEN"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].message?.contains("HTTP 403 forbidden: Exclusive Endpoint") == true)
    }

    @Test func unknownSymbolOnYahooIs404() throws {
        let outcome = try failing("yahoo", "NOSUCH")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("HTTP 404") == true)
        #expect(outcome.message?.contains("No data found, symbol may be delisted") == true)
        #expect(outcome.message?.contains("check the symbol") == true)
    }

    @Test func unknownSymbolOnFMPAndStooqIsEmpty() throws {
        #expect(try failing("fmp", "NOSUCH").status == .empty)
        let stooq = try failing("stooq", "NOSUCH")
        #expect(stooq.status == .empty)
        #expect(stooq.message?.contains("Stooq has no data") == true)
        let fred = try failing("fred", "NOSUCH")
        #expect(fred.status == .failed)
        #expect(fred.message?.contains("The series does not exist") == true)
    }

    @Test func tooManyRequestsHonoursRetryAfter() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("fmp", "prices", ["RATE"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].status == .added)
        #expect(fixture.recordedWaits.contains(1))  // the server's Retry-After: 1
    }

    @Test func aRetryAfterLongerThanAikitWaitsFailsSayingSo() throws {
        let outcome = try failing("fmp", "RATELONG")
        #expect(outcome.status == .skipped)
        #expect(outcome.message?.contains("HTTP 429") == true)
        #expect(outcome.message?.contains("asks to wait 3600 s") == true)
    }

    @Test func serverErrorThenSuccessIsRetriedWithBackoff() throws {
        let fixture = try FetchFixture()
        let outcomes = try fixture.fetch("yahoo", "prices", ["FLAKY"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].status == .added, "\(outcomes[0].message ?? "")")
        #expect(fixture.recordedWaits == [0.5])
    }

    @Test func aServerThatStaysDownFailsAfterItsTries() throws {
        let fixture = try FetchFixture()
        let outcome = try failing("stooq", "DOWN", fixture: fixture)
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("HTTP 503 server error, still after 4 tries; try again later") == true)
        #expect(fixture.recordedWaits == [0.5, 1, 2])
    }

    @Test func malformedJSON() throws {
        let outcome = try failing("fmp", "BADJSON")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("not valid JSON") == true)
        #expect(outcome.message?.contains("nothing was stored for BADJSON") == true)
    }

    @Test func truncatedBodyIsRetriedThenReported() throws {
        let outcome = try failing("fmp", "TRUNC")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("the connection broke") == true)
    }

    @Test func htmlPageWithStatus200() throws {
        let outcome = try failing("fmp", "HTML")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("sent an HTML page, not data (\"Just a moment...\")") == true)
        #expect(outcome.message?.contains("AIKIT_FMP_BASE_URL") == true)
    }

    @Test func aStalledAnswerTimesOut() throws {
        let outcome = try failing("yahoo", "STALL")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("did not answer within 1.5 s") == true)
    }

    @Test func emptyList() throws {
        let outcome = try failing("fmp", "EMPTY")
        #expect(outcome.status == .empty)
        #expect(outcome.message?.contains("check the symbol and the dates") == true)
    }

    @Test func aBadRowRejectsThatSymbolOnly() throws {
        let outcome = try failing("fmp", "BADROW")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("[0]: high 9.0 is below low 11.0") == true)
    }

    @Test func unreachableProviderIsOneFailureNotOnePerSymbol() throws {
        let fixture = try FetchFixture(changes: ["AIKIT_FMP_BASE_URL": "http://127.0.0.1:1"])
        let outcomes = try fixture.fetch(
            "fmp", "prices", ["NVDA", "AMD", "AVGO"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes[0].message?.contains("cannot reach Financial Modeling Prep") == true)
        #expect(outcomes[0].message?.contains("are you offline?") == true)
        #expect(outcomes.dropFirst().allSatisfy { $0.status == .skipped && $0.message?.hasPrefix("not tried") == true })
    }

    @Test func missingKeyAndBadArgumentsFailBeforeAnyRequest() throws {
        let fixture = try FetchFixture(changes: ["FMP_API_KEY": nil])
        #expect(throws: FetchError.self) { try fixture.fetch("fmp", "prices", ["NVDA"]) }
        do { _ = try fixture.fetch("fmp", "prices", ["NVDA"]) } catch {
            #expect("\(error)".contains("set FMP_API_KEY, or api_key under [providers.fmp] in config.toml"))
        }
        do { _ = try fixture.fetch("fmpp", "prices", ["NVDA"]) } catch {
            #expect("\(error)" == "unknown provider 'fmpp'; the providers are fmp, yahoo, stooq, fred")
        }
        do { _ = try fixture.fetch("yahoo", "bars", ["NVDA"]) } catch {
            #expect("\(error)".hasPrefix("yahoo has no dataset 'bars'; its datasets are prices"))
        }
        do { _ = try fixture.fetch("yahoo", "prices", ["NVDA"], from: "2025-02-01", to: "2025-01-01") } catch {
            #expect("\(error)" == "--from 2025-02-01 is after --to 2025-01-01")
        }
        do { _ = try fixture.fetch("yahoo", "prices", []) } catch {
            #expect("\(error)".contains("needs at least one symbol"))
        }
    }
}
