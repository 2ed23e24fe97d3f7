internal import Digest
internal import FoundationEssentials
internal import Redaction

#if canImport(Glibc)
    import Glibc
#endif

/// Provider responses kept on disk (`$XDG_CACHE_HOME/aikit/http`), keyed by the request without its key, so
/// re-running an analysis does not spend quota. Only bodies that imported cleanly are kept. An answer whose range
/// ended before today is kept for good; others for `maxAge` seconds.
public struct ResponseCache: Sendable {
    public let folder: String
    public var maxAge: Double

    public init(folder: String, maxAge: Double = 12 * 3600) {
        self.folder = folder
        self.maxAge = maxAge
    }

    /// The URL as the cache shows and keys it: credential parameters and the `secrets` (in any encoding) as `***`.
    private static func shown(_ url: String, _ secrets: [String]) -> String {
        Redaction.text(Redaction.url(url), secrets: secrets)
    }

    private func base(_ provider: String, _ url: String, _ secrets: [String]) -> String {
        folder + "/" + SHA256.hex(Array("\(provider)\n\(Self.shown(url, secrets))".utf8))
    }

    /// The cached body of a request, if fresh; `secrets`: the keys the URL may hold.
    func body(provider: String, url: String, secrets: [String], now: Double) -> [UInt8]? {
        let base = base(provider, url, secrets)
        guard let meta = try? String(contentsOfFile: base + ".meta", encoding: .utf8),
            let fetched = meta.split(separator: "\t").first.flatMap({ Double($0) }),
            let data = FileManager.default.contents(atPath: base + ".body")
        else { return nil }
        let immutable = meta.split(separator: "\t").dropFirst().first == "immutable"
        guard immutable || now - fetched < maxAge else { return nil }
        return Array(data)
    }

    /// Keeps a body (written to a temporary file and renamed, so a reader never sees half of one).
    func store(provider: String, url: String, secrets: [String], immutable: Bool, body: [UInt8], now: Double) {
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else { return }
        let base = base(provider, url, secrets)
        let meta = "\(now)\t\(immutable ? "immutable" : "expires")\t\(Self.shown(url, secrets))\n"
        let temporary = base + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(body)) else { return }
        guard rename(temporary, base + ".body") == 0 else {
            unlink(temporary)
            return
        }
        try? meta.write(toFile: base + ".meta", atomically: true, encoding: .utf8)
    }
}
