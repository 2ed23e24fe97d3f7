import Redaction
import Testing

@testable import MarketFeeds

/// The one redaction every printer and file writer uses: keys in every encoding, passwords in connection strings.
@Suite struct RedactionTests {
    static let key = "sk/Abc+Def=="

    @Test(arguments: [
        "raw sk/Abc+Def== here", "upper sk%2FAbc%2BDef%3D%3D here", "lower sk%2fAbc%2bDef%3d%3d here",
        "mixed sk%2FAbc%2bDef%3D%3d here", "over-encoded %73%6B%2F%41bc+Def== here",
    ])
    func keysInAnyPercentEncoding(_ text: String) {
        let shown = Redaction.text(text, secrets: [Self.key])
        #expect(shown.hasSuffix("*** here"), "\(shown)")
        #expect(!shown.contains("Abc"))
    }

    @Test func formEncodedBlanksAndBasicAuth() {
        #expect(Redaction.text("q=my+secret+key&x=1", secrets: ["my secret key"]) == "q=***&x=1")
        // "alice:my-secret-key" in base64, as an Authorization: Basic header carries it.
        let header = "Authorization: Basic YWxpY2U6bXktc2VjcmV0LWtleQ=="
        #expect(Redaction.text(header, secrets: ["my-secret-key"]) == "Authorization: Basic ***")
        #expect(Redaction.text("Basic YWxpY2U6b3RoZXI=", secrets: ["my-secret-key"]) == "Basic YWxpY2U6b3RoZXI=")
        #expect(Redaction.text("short", secrets: ["abc"]) == "short")  // (secrets under 4 bytes are not keys)
    }

    @Test func credentialParametersByNameInAnyEncoding() {
        #expect(Redaction.url("https://x/y?api%5Fkey=s3cret&b=1") == "https://x/y?api%5Fkey=***&b=1")
        #expect(Redaction.url("https://x/y?APIKEY=s3cret") == "https://x/y?APIKEY=***")
        #expect(Redaction.url("https://u:pw@x/y?token=t") == "https://u@x/y?token=***")
    }

    @Test(arguments: [
        ("postgresql://alice:S3cretPW@db.internal:5432/market", "postgresql://alice@db.internal:5432/market"),
        ("postgres://alice:S3c%40retPW@db/market?sslmode=require", "postgres://alice@db/market?sslmode=require"),
        (
            "postgresql://alice@db/market?password=S3cretPW&sslmode=require",
            "postgresql://alice@db/market?sslmode=require"
        ),
        ("host=db dbname=market password=S3cretPW user=alice", "host=db dbname=market user=alice"),
        ("pg:host=db password = 'S3cret PW\\' x' dbname=market", "pg:host=db dbname=market"),
        ("host=db PASSWORD=S3cretPW", "host=db"),
        ("/data/market.sqlite", "/data/market.sqlite"),
    ])
    func connectionStringsLoseTheirPassword(_ location: String, _ shown: String) {
        #expect(Redaction.connection(location) == shown)
        #expect(!Redaction.connection(location).contains("S3c"))
    }
}
