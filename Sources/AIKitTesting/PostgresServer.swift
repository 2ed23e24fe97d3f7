internal import Foundation
import MarketData

/// A private PostgreSQL server for the tests: `AIKIT_TEST_POSTGRES` (a connection string) when set, else a throwaway
/// cluster started from Debian's postgresql binaries on a Unix socket in a temporary folder (as the `postgres` user
/// when the tests run as root, since PostgreSQL refuses to run as root). Nil, with the reason, when neither works.
public final class PostgresServer: Sendable {
    public static let shared = PostgresServer()

    public let conninfo: String?
    public let unavailable: String?
    private let folder: String?
    private let binaries: String?

    private init() {
        if let given = ProcessInfo.processInfo.environment["AIKIT_TEST_POSTGRES"], !given.isEmpty {
            (conninfo, unavailable, folder, binaries) = (given, nil, nil, nil)
            return
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }).first else {
            (conninfo, unavailable, folder, binaries) = (
                nil, "no PostgreSQL server installed (apt-get install postgresql)", nil, nil
            )
            return
        }
        let bin = "/usr/lib/postgresql/\(version)/bin"
        let dir = "/tmp/aikit-pg-\(getpid())"
        // (A short path: the socket's path must fit in 107 bytes.)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot { _ = Self.shell(["chown", "postgres", dir]) }
        func run(_ arguments: [String]) -> (Int32, String) {
            Self.shell(asRoot ? ["runuser", "-u", "postgres", "--"] + arguments : arguments)
        }
        let initdb = run(["\(bin)/initdb", "-D", "\(dir)/data", "-A", "trust", "-U", "aikit", "--no-sync"])
        let start =
            initdb.0 == 0
            ? run([
                "\(bin)/pg_ctl", "-D", "\(dir)/data", "-w", "-l", "\(dir)/log", "-o",
                "-k \(dir) -c listen_addresses='' -c fsync=off", "start",
            ]) : initdb
        if start.0 == 0 {
            (conninfo, unavailable, folder, binaries) = ("host=\(dir) user=aikit dbname=postgres", nil, dir, bin)
            atexit { PostgresServer.shared.stop() }
        } else {
            (conninfo, unavailable, folder, binaries) = (
                nil, "could not start a PostgreSQL server: \(start.1.prefix(300))", nil, nil
            )
        }
    }

    public func stop() {
        guard let folder, let binaries else { return }
        let arguments = ["\(binaries)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "stop"]
        _ = Self.shell(getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + arguments : arguments)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new empty database on the server, as a connection string.
    public func freshDatabase() throws -> String? {
        guard let conninfo else { return nil }
        let name = "aikit_test_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try PostgresAdmin(conninfo)
        try admin.run("CREATE DATABASE \(name)")
        return conninfo.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)")
    }

    /// Runs a command and waits for it (posix_spawn and waitpid: a server it starts keeps inherited descriptors open,
    /// and Foundation's Process waits on a run loop that test threads do not run). Output goes through a file.
    @discardableResult
    public static func shell(_ arguments: [String]) -> (Int32, String) {
        let outputPath = NSTemporaryDirectory() + "aikit-shell-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ) == 0 else {
            return (-1, "cannot run \(arguments[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
    }
}

/// Runs one SQL command through psql (the tests need nothing else from the server).
public struct PostgresAdmin {
    let conninfo: String
    public init(_ conninfo: String) throws { self.conninfo = conninfo }
    public func run(_ sql: String) throws {
        let (status, output) = PostgresServer.shell(["psql", conninfo, "-v", "ON_ERROR_STOP=1", "-qc", sql])
        guard status == 0 else { throw StoreError.failure(.cannotOpen, "psql: \(output)") }
    }
}
