internal import CCurl
public import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP response as the providers read it.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
    public var contentType: String
    /// The `Retry-After` header, if the server sent one.
    public var retryAfter: String?
    /// A 3xx answer's redirect target (absolute), which `HTTPClient.get` follows only within the same host.
    public var location: String?

    public init(status: Int, body: [UInt8], contentType: String = "", retryAfter: String? = nil) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.retryAfter = retryAfter
    }
}

/// A request that got no HTTP response.
public struct HTTPFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// libcurl is not installed.
        case noLibrary
        /// The host name did not resolve or the connection was refused: offline, or a wrong base URL.
        case unreachable
        case timeout
        case tooLarge
        /// The connection broke mid-answer (reset, truncated body): worth retrying.
        case broken
        case tls
        case other
        /// The caller's cancel flag was set (Ctrl-C).
        case cancelled
    }

    public var kind: Kind
    /// libcurl's message (it names the host at most, never the query, where keys travel).
    public var message: String
}

/// GET over libcurl (loaded on first use; see `CCurl`). Chosen over FoundationNetworking (which links libcurl and
/// its dependencies into every start of aikit) and AsyncHTTPClient (minutes of CI build for SwiftNIO): libcurl is
/// the system's own, speaks HTTP/2 and TLS with the system's certificates, and costs nothing until a fetch.
public struct HTTPClient: Sendable {
    /// Seconds for the whole transfer, and for connecting.
    public var timeout: Double
    public var connectTimeout: Double
    /// Bodies larger than this fail (`tooLarge`) rather than fill memory.
    public var maxBodyBytes: Int
    public var userAgent: String
    /// A flag (Ctrl-C's, of the Lua state the fetch runs for) that stops a transfer soon after it is raised.
    public var cancel: InterruptFlag?

    public init(
        timeout: Double = 30, connectTimeout: Double = 10, maxBodyBytes: Int = 64 << 20,
        userAgent: String = "aikit"
    ) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
    }

    /// GET `url`, following up to 5 redirects that stay on its scheme, host and port; a redirect elsewhere fails
    /// (`.other`), so a key in the URL or headers is never carried to a host the user did not name.
    public func get(_ url: String, headers: [String] = []) -> Result<HTTPResponse, HTTPFailure> {
        var current = url
        for _ in 0...5 {
            let answer = getOnce(current, headers: headers)
            guard case .success(let response) = answer, let location = response.location else { return answer }
            guard let from = try? ProviderURL(parsing: current, what: "the URL"),
                let to = try? ProviderURL(parsing: location, what: "the redirect"), to.origin == from.origin
            else {
                let target = (try? ProviderURL(parsing: location, what: "").origin) ?? "an unreadable URL"
                return .failure(
                    HTTPFailure(
                        kind: .other,
                        message: "HTTP \(response.status) redirects to \(target), another host than the one asked; "
                            + "aikit follows redirects only within the base URL's host (set the base URL to where "
                            + "the provider now is)"))
            }
            current = to.description
        }
        return .failure(HTTPFailure(kind: .other, message: "more than 5 redirects"))
    }

    /// For tests: this thread's requests see libcurl refuse `options` (CURLoption numbers, at most 4; none clears),
    /// as an older libcurl refuses an option it does not know.
    package static func refuseOptionsForTesting(_ options: [Int]) {
        let numbers = options.map { CLong($0) }
        numbers.withUnsafeBufferPointer { aikit_http_refuse_options_for_testing($0.baseAddress, Int32($0.count)) }
    }

    private func getOnce(_ url: String, headers: [String]) -> Result<HTTPResponse, HTTPFailure> {
        let lines = ["User-Agent: \(userAgent)", "Accept: application/json, text/csv;q=0.9, */*;q=0.5"] + headers
        var response = aikit_http_response()
        let failure: Int32 = url.withCString { urlPointer in
            withCStrings(lines) { headerPointers in
                var request = aikit_http_request(
                    url: urlPointer, headers: headerPointers, header_count: Int32(lines.count),
                    timeout_ms: max(1, Int(timeout * 1000)), connect_timeout_ms: max(1, Int(connectTimeout * 1000)),
                    max_body: maxBodyBytes, cancel: cancel.map { UnsafePointer($0.pointer) })
                return aikit_http_get(&request, &response)
            }
        }
        defer { aikit_http_free(&response) }
        guard failure == 0 else {
            let message = fixedString(&response.error)
            let kind: HTTPFailure.Kind =
                switch failure {
                case 1: .noLibrary
                case 2, 3: .unreachable
                case 4: .timeout
                case 5: .tooLarge
                case 6: .broken
                case 7: .tls
                case 9: .cancelled
                default: .other
                }
            return .failure(HTTPFailure(kind: kind, message: message))
        }
        let body = response.body.map { Array(UnsafeBufferPointer(start: $0, count: response.length)) } ?? []
        let retryAfter = fixedString(&response.retry_after)
        let location = fixedString(&response.location)
        var answer = HTTPResponse(
            status: response.status, body: body, contentType: fixedString(&response.content_type),
            retryAfter: retryAfter.isEmpty ? nil : retryAfter)
        answer.location = location.isEmpty ? nil : location
        return .success(answer)
    }
}

/// A fixed C char array's text up to its NUL.
private func fixedString<T>(_ tuple: inout T) -> String {
    withUnsafeBytes(of: &tuple) { raw in
        let bytes = raw.prefix(while: { $0 != 0 })
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `body` with C strings for `strings` (valid only inside it).
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
