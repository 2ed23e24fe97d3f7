import AIKitTesting
import MarketFeeds
import Testing

/// Every curl_easy_setopt result is checked: a refused option fails the request naming it, and the restriction to
/// http and https falls back to the bit mask on a libcurl without CURLOPT_PROTOCOLS_STR. (The refusals are this
/// thread's only, so the tests running beside these are untouched.)
@Suite struct HTTPOptionTests {
    static let timeoutMS = 155  // CURLOPT_TIMEOUT_MS
    static let protocolsString = 10_318  // CURLOPT_PROTOCOLS_STR
    static let protocolsMask = 181  // CURLOPT_PROTOCOLS

    var logURL: String { "http://127.0.0.1:\(ProviderServer.shared.port ?? 0)/_log?tag=http-options" }

    func get(_ url: String, refusing options: [Int]) -> Result<HTTPResponse, HTTPFailure> {
        HTTPClient.refuseOptionsForTesting(options)
        defer { HTTPClient.refuseOptionsForTesting([]) }
        return HTTPClient(timeout: 5).get(url)
    }

    func message(_ result: Result<HTTPResponse, HTTPFailure>) -> String {
        switch result {
        case .success(let response): "HTTP \(response.status)"
        case .failure(let failure): failure.message
        }
    }

    @Test func aFileURLIsRefused() {
        let answer = message(get("file:///etc/hostname", refusing: []))
        #expect(answer.contains("file"), "\(answer)")
        #expect(!answer.hasPrefix("HTTP"), "\(answer)")
    }

    @Test func aRefusedOptionFailsTheRequestNamingIt() {
        #expect(message(get(logURL, refusing: [])) == "HTTP 200")
        let answer = message(get(logURL, refusing: [Self.timeoutMS]))
        #expect(answer.contains("this libcurl refused CURLOPT_TIMEOUT_MS"), "\(answer)")
    }

    @Test func withoutProtocolsStringTheBitMaskStillRestricts() {
        #expect(message(get(logURL, refusing: [Self.protocolsString])) == "HTTP 200")
        let answer = message(get("file:///etc/hostname", refusing: [Self.protocolsString]))
        #expect(!answer.hasPrefix("HTTP") && !answer.contains("refused"), "\(answer)")
    }

    @Test func aLibcurlThatCannotRestrictProtocolsSendsNothing() {
        let answer = message(get(logURL, refusing: [Self.protocolsString, Self.protocolsMask]))
        #expect(answer.contains("this libcurl refused CURLOPT_PROTOCOLS_STR and CURLOPT_PROTOCOLS"), "\(answer)")
    }
}
