internal import FoundationEssentials

/// Keys never leave the process: URLs are shown with their key parameters as `***`, and any text that could echo a
/// URL or a key (a server's message, a libcurl error) has the key's value replaced too.
public enum Redaction {
    /// Query parameters that carry credentials.
    static let keyParameters: Set<String> = ["apikey", "api_key", "key", "token", "access_token"]

    /// `url` with every credential parameter's value replaced by `***`.
    public static func url(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let shown = query.map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = pair[..<equals].lowercased()
            return keyParameters.contains(name) ? "\(pair[..<equals])=***" : String(pair)
        }
        return String(url[...question]) + shown.joined(separator: "&")
    }

    /// `text` with every occurrence of the given secrets (at least 4 characters) replaced by `***`.
    public static func text(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = result.replacing(secret, with: "***")
        }
        return result
    }
}
