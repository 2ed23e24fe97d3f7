import Redaction
import Testing

@testable import MarketFeeds

/// `Retry-After` as servers send it: seconds, or an HTTP date (RFC 9110's IMF-fixdate).
@Suite struct RetryAfterTests {
    @Test func secondsAndHTTPDates() {
        #expect(MarketFetcher.retryAfterSeconds("120", now: 0) == 120)
        #expect(MarketFetcher.retryAfterSeconds(" 1.5 ", now: 0) == 1.5)
        // 2015-10-21 07:28:00 UTC is 1445412480 seconds after 1970.
        #expect(MarketFetcher.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", now: 1_445_412_450) == 30)
        #expect(MarketFetcher.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", now: 1_445_412_500) == 0)
        #expect(MarketFetcher.retryAfterSeconds("soon", now: 0) == nil)
        #expect(MarketFetcher.retryAfterSeconds("-5", now: 0) == nil)
        #expect(MarketFetcher.retryAfterSeconds("Wed, 21 Foo 2015 07:28:00 GMT", now: 0) == nil)
    }

    @Test func redactionOfKeysInURLs() {
        #expect(
            Redaction.url("https://x/y?api_key=s3cret&series_id=DGS10") == "https://x/y?api_key=***&series_id=DGS10")
        #expect(Redaction.url("https://x/y") == "https://x/y")
        #expect(Redaction.text("echo s3cret-key here", secrets: ["s3cret-key"]) == "echo *** here")
        #expect(Redaction.text("short", secrets: ["abc"]) == "short")  // (secrets under 4 characters are not keys)
    }
}
