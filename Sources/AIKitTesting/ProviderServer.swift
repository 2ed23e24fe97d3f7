internal import Foundation
import MarketData
import MarketFeeds

#if canImport(Glibc)
    import Glibc
#endif

/// The market data providers on 127.0.0.1 for the fetch tests: `provider_server.py` (beside this file; see its
/// header for the endpoints, keys and misbehaving symbols) started once per test process with python3.
public final class ProviderServer: Sendable {
    public static let shared = ProviderServer()

    /// The valid keys the server accepts.
    public static let fmpKey = "test-fmp-key-1234"
    public static let fredKey = "test-fred-key-5678"

    public let port: Int?
    public let unavailable: String?
    private let pid: pid_t

    private init() {
        let script: String
        let sample: String
        do {
            script = try SourceCheckout.path("Sources/AIKitTesting/provider_server.py")
            sample = try MarketSample.directory()
        } catch {
            (port, unavailable, pid) = (nil, "\(error)", 0)
            return
        }
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else {
            (port, unavailable, pid) = (nil, "cannot make a pipe", 0)
            return
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let arguments: [String] = ["/usr/bin/env", "python3", script, sample]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/usr/bin/env", &actions, nil, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else {
            (port, unavailable, pid) = (nil, "cannot run python3", 0)
            return
        }
        // The first line is "PORT <n>".
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 64, read(pipe[0], &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let number = Int(text.dropFirst(5)) else {
            kill(child, SIGKILL)
            (port, unavailable, pid) = (nil, "provider_server.py did not start (\(text.prefix(200)))", child)
            return
        }
        (port, unavailable, pid) = (number, nil, child)
        atexit { ProviderServer.shared.stop() }
    }

    public func stop() {
        if pid > 0 { kill(pid, SIGKILL) }
    }

    /// The base URL of one provider (`fmp`, `yahoo`, `stooq`, `fred`) on this server, for the test `tag` (each test
    /// its own, so tests running side by side keep their own request logs and one-time faults).
    public func baseURL(_ provider: String, tag: String) -> String {
        "http://127.0.0.1:\(port ?? 0)/t-\(tag)/\(provider)"
    }

    /// The environment that points aikit at this server, with valid keys.
    public func environment(tag: String) -> [String: String] {
        var result: [String: String] = ["FMP_API_KEY": Self.fmpKey, "FRED_API_KEY": Self.fredKey]
        for provider in ["fmp", "yahoo", "stooq", "fred"] {
            result["AIKIT_\(provider.uppercased())_BASE_URL"] = baseURL(provider, tag: tag)
        }
        return result
    }

    /// The requests served for `tag`, in order: path (without the tag) and query parameters.
    public func requests(tag: String) throws -> [(path: String, query: [String: String])] {
        let url = "http://127.0.0.1:\(port ?? 0)/_log?tag=\(tag)"
        let response = try HTTPClient(timeout: 5).get(url).get()
        let list = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return list.map { ($0["path"] as? String ?? "", $0["query"] as? [String: String] ?? [:]) }
    }
}
