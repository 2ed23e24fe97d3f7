import Foundation
import SystemCalls

/// One run of `aikit script` on a fuzz script, and how it ended.
struct FuzzChild {
    enum Ending: Equatable {
        /// The script ran to its end.
        case completed
        /// It stopped early without a trap: aikit's time or memory limit, or an error outside `pcall`.
        case stopped(status: Int32)
        /// Killed by a signal, or a status that reports one (132 SIGILL, 134 SIGABRT, 139 SIGSEGV).
        case trapped(signal: Int32)
        /// Still running past the watchdog's limit, then killed.
        case hung
    }

    let ending: Ending
    /// The index of the last call announced (`@fuzz N`) before the end, if any.
    let lastStarted: Int?
    /// Calls that returned without a Lua error (when the script completed).
    let returned: Int
    /// The child's standard error without the announcements (the trap's message, the limit hit).
    let message: String

    /// Runs `script` with `aikit script --timeout --memory`, in `folder` with every XDG folder and `AIKIT_DB` inside
    /// it; kills the child `grace` seconds after its own time limit.
    static func run(binary: URL, script: String, folder: URL, timeout: Double, memoryMB: Int, grace: Double = 3) throws
        -> FuzzChild
    {
        let file = folder.appendingPathComponent("fuzz-\(UUID().uuidString).lua")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "script", "--timeout", String(timeout), "--memory", String(memoryMB), file.path, folder.path,
        ]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for key in ["HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
            environment[key] = folder.path
        }
        environment["AIKIT_DB"] = folder.appendingPathComponent("default.sqlite").path
        environment["AIKIT_PLUGIN_PATH"] = ""
        environment["SWIFT_BACKTRACE"] = "enable=no"
        // Fetches go nowhere: every provider at a closed local port, no keys, a short timeout.
        for provider in ["FMP", "YAHOO", "STOOQ", "FRED"] {
            environment["AIKIT_\(provider)_BASE_URL"] = "http://127.0.0.1:9"
        }
        environment["FMP_API_KEY"] = nil
        environment["FRED_API_KEY"] = nil
        environment["AIKIT_HTTP_TIMEOUT"] = "1"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killed = Killed()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem {
            killed.set()
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout + grace, execute: watchdog)
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return FuzzChild(data: data, process: process, killed: killed.value)
    }

    private init(data: Data, process: Process, killed: Bool) {
        var last: Int? = nil
        var done = false
        var returned = 0
        var lines: [Substring] = []
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") {
            if line.hasPrefix("@fuzz ") {
                let rest = line.dropFirst("@fuzz ".count)
                if rest.hasPrefix("done") {
                    done = true
                    returned = Int(rest.dropFirst("done ".count)) ?? 0
                } else if let n = Int(rest) {
                    last = n
                }
            } else if lines.count < 40 {
                lines.append(line.prefix(400))
            }
        }
        lastStarted = last
        self.returned = returned
        message = lines.joined(separator: "\n")
        let status = process.terminationStatus
        if killed {
            ending = .hung
        } else if process.terminationReason == .uncaughtSignal {
            ending = .trapped(signal: status)
        } else if [132, 134, 139].contains(status) {
            ending = .trapped(signal: status - 128)
        } else if done && status == 0 {
            ending = .completed
        } else {
            ending = .stopped(status: status)
        }
    }

    /// Set once by the watchdog, read after the child has exited.
    final class Killed: Sendable {
        private let flag = Locked(false)
        func set() { flag.withLock { $0 = true } }
        var value: Bool { flag.withLock { $0 } }
    }
}
