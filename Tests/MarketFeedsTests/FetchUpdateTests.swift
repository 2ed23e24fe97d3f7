import AIKitTesting
import Foundation
import MarketData
import MarketFeeds
import Redaction
import Testing

/// `update`, the response cache, the daily call budget and the keys' redaction.
@Suite(.enabled(if: providerServerMissing == nil, "needs python3 for the local provider server"))
struct FetchUpdateTests {
    @Test func updateFetchesOnlyTheMissingDaysFromTheSameProvider() throws {
        let fixture = try FetchFixture()
        _ = try fixture.fetch("fmp", "prices", ["NVDA"], from: "2025-01-02", to: "2025-01-31")
        _ = try fixture.fetch("fred", "series", ["SP500"], from: "2025-01-02", to: "2025-02-14")
        let before = try fixture.requests.count
        let outcomes = try fixture.fetcher.update()
        let requests = try fixture.requests.dropFirst(before)
        #expect(requests.count == 2)
        let fmp = try #require(requests.first { $0.path.hasPrefix("/fmp") })
        #expect(fmp.query["from"] == "2025-02-01")  // the day after the last stored bar (Fri 2025-01-31)
        let fred = try #require(requests.first { $0.path.hasPrefix("/fred") })
        #expect(fred.query["observation_start"] == "2025-02-15")
        #expect(outcomes.outcome("NVDA")?.report?.counts.inserted == 19)  // the sample's February days
        #expect(try fixture.closes("NVDA").count == 20 + 19)
        // Up to date now: the next update asks only for what is after 2025-02-28, and finds nothing new.
        let again = try fixture.fetcher.update()
        #expect(again.allSatisfy { $0.status == .unchanged }, "\(again.map { $0.message ?? "" })")
        #expect(try fixture.requests.contains { $0.query["from"] == "2025-03-01" })
    }

    @Test func aPastRangeIsServedFromTheCacheTheSecondTime() throws {
        let fixture = try FetchFixture()
        _ = try fixture.fetch("yahoo", "prices", ["AMD"], from: "2025-01-24", to: "2025-01-28")
        let before = try fixture.requests.count
        let again = try fixture.fetch("yahoo", "prices", ["AMD"], from: "2025-01-24", to: "2025-01-28")
        #expect(again[0].fromCache)
        #expect(again[0].status == .unchanged)
        #expect(try fixture.requests.count == before)
        fixture.fetcher.settings.refresh = true
        _ = try fixture.fetch("yahoo", "prices", ["AMD"], from: "2025-01-24", to: "2025-01-28")
        #expect(try fixture.requests.count == before + 1)
    }

    @Test func aFailedAnswerIsNotCached() throws {
        let fixture = try FetchFixture()
        _ = try fixture.fetch("fmp", "prices", ["BADROW"], from: "2025-01-24", to: "2025-01-28")
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: fixture.folder + "/http")) ?? []
        #expect(cached.isEmpty)
    }

    @Test func theDailyBudgetStopsCallsAndSaysWhy() throws {
        var limits = ProviderSettings()
        limits.callsPerDay = 2
        let fixture = try FetchFixture(providers: ["fmp": limits])
        let outcomes = try fixture.fetch(
            "fmp", "prices", ["NVDA", "AMD", "AVGO", "MU"], from: "2025-01-24", to: "2025-01-28")
        #expect(outcomes.prefix(2).allSatisfy { $0.status == .added })
        #expect(outcomes[2].status == .skipped)
        #expect(outcomes[2].message?.contains("the day's 2 calls are spent") == true)
        #expect(outcomes[3].message?.hasPrefix("not tried") == true)
        #expect(try fixture.barCount("AVGO") == 0)
    }

    @Test func callsPerMinuteArePaced() throws {
        var limits = ProviderSettings()
        limits.callsPerMinute = 6  // one call every 10 s
        let fixture = try FetchFixture(providers: ["stooq": limits])
        _ = try fixture.fetch("stooq", "prices", ["NVDA", "AMD"], from: "2025-01-24", to: "2025-01-28")
        let waits = fixture.recordedWaits
        #expect(waits.count == 1 && waits[0] > 9 && waits[0] <= 10)
    }

    @Test func keysNeverAppearInMessagesOrPlans() throws {
        let fixture = try FetchFixture()
        // The server echoes the request's query, key included, in its error.
        let echoed = try fixture.fetch("fmp", "prices", ["ECHO"], from: "2025-01-24", to: "2025-01-28")
        let message = try #require(echoed[0].message)
        #expect(message.contains("cannot parse request"))
        #expect(!message.contains(ProviderServer.fmpKey))
        #expect(message.contains("***"))
        let job = try fixture.fetcher.job(provider: "fred", dataset: "series", targets: ["DGS10"], range: FetchRange())
        let plan = fixture.fetcher.run([job], dryRun: true)
        #expect(plan[0].status == .planned)
        #expect(plan[0].message?.contains("api_key=***") == true)
        #expect(plan[0].message?.contains(ProviderServer.fredKey) == false)
        #expect(Redaction.url("https://x/y?symbol=A&apikey=secret&b=1") == "https://x/y?symbol=A&apikey=***&b=1")
    }

    @Test func aMissingKeyStopsOnlyItsProvidersUpdates() throws {
        let fixture = try FetchFixture()
        _ = try fixture.fetch("fmp", "prices", ["NVDA"], from: "2025-01-02", to: "2025-01-31")
        _ = try fixture.fetch("stooq", "prices", ["AMD"], from: "2025-01-02", to: "2025-01-31")
        fixture.fetcher.settings.environment["FMP_API_KEY"] = nil
        let outcomes = try fixture.fetcher.update()
        #expect(outcomes.outcome("NVDA")?.status == .skipped)
        #expect(outcomes.outcome("NVDA")?.message?.hasPrefix("fmp needs an API key: set FMP_API_KEY") == true)
        #expect(outcomes.outcome("AMD")?.status == .added)
    }
}
