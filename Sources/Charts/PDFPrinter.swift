public import SystemCalls
import URLEncoding

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints an HTML page to PDF with headless Chromium (`--print-to-pdf`; pages sized by the page's `@page` rule).
///
/// Chromium is found as `AIKIT_CHROMIUM`, else `chromium`, `chromium-browser`, `google-chrome` or
/// `google-chrome-stable` on `PATH`. It runs locked down (`lockdown`: no JavaScript, no network) with a throwaway
/// profile folder, in its own process group (killed as a group after `timeout` seconds), with `--no-sandbox` only
/// when running as root (Chromium refuses root otherwise).
/// The PDF is written beside its destination and renamed into place, so a failure never leaves half a file.
public enum PDFPrinter {
    public static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser to print with, or an error saying how to get one.
    public static func browser() throws(ChartError) -> String {
        if let configured = getenv("AIKIT_CHROMIUM").map({ String(cString: $0) }), !configured.isEmpty {
            guard access(configured, X_OK) == 0 else {
                throw ChartError(
                    "AIKIT_CHROMIUM is \(configured), which is not an executable file; point it at a "
                        + "Chromium or Chrome binary, or unset it to look for chromium on PATH")
            }
            return configured
        }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for name in candidates {
            for folder in path.split(separator: ":") where !folder.isEmpty {
                let candidate = "\(folder)/\(name)"
                if access(candidate, X_OK) == 0 { return candidate }
            }
        }
        throw ChartError(
            "printing a PDF needs Chromium, and none was found (looked for \(candidates.joined(separator: ", ")) "
                + "on PATH); install it (Debian/Ubuntu: sudo apt-get install chromium) or set AIKIT_CHROMIUM to a Chromium "
                + "or Chrome binary")
    }

    /// How Chromium runs to print a page: headless, no network (every host name resolves to nothing and every
    /// connection, loopback included, goes to a proxy on the discard port, where nothing listens), no background
    /// services, extensions or sync. The profile is a throwaway folder (`--user-data-dir`, added per print) whose
    /// preferences turn JavaScript off (`profilePreferences`; `--blink-settings=scriptEnabled=false` would stop the
    /// headless printer too, which then writes no PDF). The page's own Content-Security-Policy
    /// (`HTMLReport.contentSecurityPolicy`) is the second wall: it refuses frames, objects, images other than `data:`,
    /// fonts and style sheets, which is what keeps a page from embedding other `file://` URLs (Chromium has no switch
    /// for that).
    public static let lockdown = [
        "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-crash-reporter", "--disable-breakpad", "--no-pdf-header-footer",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-pings",
        "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--dns-prefetch-disable",
        "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
        "--deny-permission-prompts",
    ]

    /// The throwaway profile's `Default/Preferences`: JavaScript blocked for every page (content setting 2, "block").
    static let profilePreferences = #"{"profile":{"default_content_setting_values":{"javascript":2}}}"#

    /// How long a print may take by default.
    public static let defaultTimeout = 120.0

    /// Prints a self-contained page (`html`, the markup) to `pdfFile` with `browser`, stopping it after `timeout`
    /// seconds or as soon as `cancel` (e.g. a Ctrl-C flag) is set.
    public static func print(
        html: String, to pdfFile: String, browser: String, timeout: Double = defaultTimeout,
        cancel: InterruptFlag? = nil
    ) throws(ChartError) {
        let slash = pdfFile.lastIndex(of: "/")
        let folder = slash.map { pdfFile[..<$0].isEmpty ? "/" : String(pdfFile[..<$0]) } ?? "."
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ChartError("cannot write \(pdfFile): folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw ChartError("cannot write \(pdfFile): no write permission on \(folder)")
        }
        let scratch = try temporaryFolder()
        defer { removeTree(scratch) }
        let page = "\(scratch)/report.html"
        try write(html, to: page)
        try write(
            profilePreferences, to: "\(scratch)/profile/Default/Preferences",
            making: ["\(scratch)/profile", "\(scratch)/profile/Default"])
        let partial = "\(folder)/.aikit-print-\(getpid())-\(scratch.split(separator: "-").last ?? "x").pdf"
        defer { unlink(partial) }
        var arguments =
            [browser] + Self.lockdown + ["--user-data-dir=\(scratch)/profile", "--print-to-pdf=\(partial)"]
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append(
            "file://"
                + page.split(separator: "/", omittingEmptySubsequences: false)
                .map { PercentEncoding.encode(String($0)) }.joined(separator: "/"))
        let log = "\(scratch)/chromium.log"
        let status = try run(arguments, log: log, timeout: timeout, cancel: cancel, temporary: scratch)
        if status == -2 { throw ChartError("interrupted while \(browser) was printing \(pdfFile)") }
        var printed = stat()
        guard status == 0, stat(partial, &printed) == 0, printed.st_size > 0 else {
            let reason =
                status == -1
                ? "did not finish within \(LimitText.seconds(timeout)) s and was stopped"
                : status == 0 ? "exited without writing a PDF" : "failed (exit status \(status))"
            let detail = status == -1 ? nil : lastLine(of: log)
            throw ChartError("\(browser) \(reason) printing \(pdfFile)\(detail.map { ": \($0)" } ?? "")")
        }
        guard rename(partial, pdfFile) == 0 else {
            throw ChartError("cannot write \(pdfFile): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `text` to `path`, first making the folders `making`, in order.
    static func write(_ text: String, to path: String, making folders: [String] = []) throws(ChartError) {
        for folder in folders where mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw ChartError("cannot make \(folder): \(String(cString: strerror(errno)))")
        }
        guard let file = fopen(path, "wb") else {
            throw ChartError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let written =
            text.utf8.withContiguousStorageIfAvailable { fwrite($0.baseAddress, 1, $0.count, file) }
            ?? Array(text.utf8).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard fclose(file) == 0, written == text.utf8.count else {
            throw ChartError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs a command in its own process group with output to `log`; its exit status, or -1 when it was stopped
    /// after `timeout` seconds, -2 when `cancel` was set.
    static func run(
        _ arguments: [String], log: String, timeout: Double, cancel: InterruptFlag?,
        temporary: String
    ) throws(ChartError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid = pid_t()
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The browser's own temporary files go into the scratch folder, removed with it even when it is stopped.
        var environment: [UnsafeMutablePointer<CChar>?] = []
        var entry = environ
        while let variable = entry.pointee {
            if strncmp(variable, "TMPDIR=", 7) != 0 { environment.append(strdup(variable)) }
            entry += 1
        }
        environment += [strdup("TMPDIR=\(temporary)"), nil]
        defer { environment.forEach { free($0) } }
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environment)
        guard spawned == 0 else {
            throw ChartError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        let started = ContinuousClock.now
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1, errno != EINTR { return -1 }
            let cancelled = cancel?.isRaised ?? false
            if started.duration(to: .now) >= .seconds(timeout) || cancelled {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                return cancelled ? -2 : -1
            }
            usleep(20_000)
        }
        // Chromium's helper processes share its group; none may outlive it.
        kill(-pid, SIGKILL)
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// A scratch folder in `TMPDIR`, or in /tmp when `TMPDIR` is over 40 bytes: Chromium puts sockets in it, and a
    /// socket path over 107 bytes makes Chromium abort.
    static func temporaryFolder() throws(ChartError) -> String {
        let given = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let base = given.flatMap { $0.utf8.count <= 40 ? $0 : nil } ?? "/tmp"
        var template = Array("\(base)/aikit-print-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw ChartError("cannot make a scratch folder in \(base): \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes a folder and everything in it (without following symbolic links).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR, let directory = opendir(path) {
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != ".", name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names { removeTree("\(path)/\(name)") }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// The last non-empty line of a log, for an error message (at most 300 bytes).
    static func lastLine(of path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var last: String?
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .trimmingSuffix { $0 == "\n" || $0 == "\r" || $0 == " " }
            // Chromium's complaints about a missing session bus are noise in a headless run.
            if !line.isEmpty, !line.contains("dbus"), !line.contains("DBus") { last = line }
        }
        return last.map { String($0.utf8.count > 300 ? $0.prefix(300) + "…" : $0) }
    }
}

/// Seconds as a reader writes them ("10", "2.5").
enum LimitText {
    static func seconds(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() && abs(tenths) < 1e9 ? String(Int(tenths)) : String(tenths)
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var text = Substring(self)
        while let last = text.last, predicate(last) { text.removeLast() }
        return String(text)
    }
}
