internal import FoundationEssentials
internal import Redaction

/// One document from a source that is not a market data provider (a screening-list export, a regulator's feed):
/// the same cache, rate limits, retries, refusal reading and redaction as `fetch`, with the caller's own parsing in
/// place of the market import.
extension MarketFetcher {
    /// The body at `url`, checked by `accept`, from the cache when fresh (unless `settings.refresh`), else fetched.
    /// Only a body `accept` took is cached, so a bad answer is never served again from the cache.
    ///
    /// - Parameters:
    ///   - url: the request (its credential parameters are redacted wherever it is shown).
    ///   - provider: who answers: its title, base-URL variable and refusal reading name it in messages.
    ///   - target: what the document is (a dataset name), for messages.
    ///   - immutable: whether the answer can never change (kept in the cache for good).
    ///   - key: a credential sent in the request, replaced by `***` in every message.
    ///   - accept: reads the body; throws (any error, shown to the user) to refuse it.
    /// - Returns: what `accept` made of the body, and whether it came from the cache.
    /// - Throws: `FetchError` saying why there is no document: the service's refusal, an unreachable host, an answer
    ///   too large, an HTML page, or `accept`'s error.
    public func document<Value>(
        _ url: String, from provider: any MarketProvider, target: String, immutable: Bool = false,
        key: String? = nil, accept: ([UInt8]) throws -> Value
    ) throws(FetchError) -> (value: Value, cached: Bool) {
        let secrets = key.map { [$0] } ?? []
        let now = settings.now()
        if !settings.refresh,
            let body = settings.cache?.body(provider: provider.name, url: url, secrets: secrets, now: now),
            let value = try? accept(body)
        {
            return (value, true)
        }
        guard !interrupted else { throw FetchError("\(provider.title) \(target): interrupted") }
        let request = ProviderRequest(target: target, kind: "document", url: url)
        let body: [UInt8]
        switch download(url, request, provider, secrets: secrets) {
        case .success(let fetched): body = fetched
        case .failure(let failure):
            throw FetchError("\(provider.title) \(target): " + Redaction.text(failure.message, secrets: secrets))
        }
        if let problem = problem(in: body, request, provider) {
            let message: String
            switch problem {
            case .empty(let text), .failure(let text): message = text
            }
            throw FetchError("\(provider.title) \(target): " + Redaction.text(message, secrets: secrets))
        }
        let value: Value
        do { value = try accept(body) } catch {
            throw FetchError(
                "\(provider.title) \(target): " + Redaction.text("\(error)", secrets: secrets) + "; nothing was stored")
        }
        settings.cache?.store(
            provider: provider.name, url: url, secrets: secrets, immutable: immutable, body: body, now: now)
        return (value, false)
    }
}
