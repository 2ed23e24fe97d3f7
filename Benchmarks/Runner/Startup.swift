import Foundation

/// Process start-up, measured by spawning (posix_spawn, output to /dev/null) and waiting, round-robin over the
/// commands so that every command sees the same machine state (other builds, CPU frequency) within one run.
enum Startup {
    /// Seconds from posix_spawn to the end of waitpid for one run of `argv`, or nil when it cannot be spawned.
    static func once(_ argv: [String], environment: [UnsafeMutablePointer<CChar>?]) -> Double? {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let start = now()
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environment) == 0 else { return nil }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return now() - start
    }

    /// The median seconds of each command over `runs` rounds (after one unmeasured warm-up round), or nil when one
    /// cannot be spawned.
    static func medians(_ commands: [[String]], runs: Int, environment: [String: String] = [:]) -> [Double]? {
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        let cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var samples = [[Double]](repeating: [], count: commands.count)
        for round in 0...runs {
            for (index, command) in commands.enumerated() {
                guard let seconds = once(command, environment: cEnvironment) else { return nil }
                if round > 0 { samples[index].append(seconds) }
            }
        }
        return samples.map(median)
    }

    /// `aikit script empty.lua` and `aikit --version` beside `lua5.4 empty.lua`, in the same rounds; target <= 3x.
    static func rows(aikit: String, script: String, lua: String?, quick: Bool) -> [Row] {
        let runs = quick ? 31 : 151
        let ours: [[String]] = [[aikit, "script", script], [aikit, "--version"]]
        let commands = ours + (lua.map { [[$0, script]] } ?? [])
        guard let times = medians(commands, runs: runs) else { return [] }
        let peer = lua == nil ? nil : times[2]
        let names = ["start-up: aikit script empty.lua (ms, median)", "start-up: aikit --version (ms, median)"]
        return zip(names, times).map { name, value in
            let ratio = peer.map { value / $0 }
            return Row(
                name: name, value: String(format: "%.2f", value * 1000),
                peer: peer.map { String(format: "lua5.4 empty.lua %.2f", $0 * 1000) } ?? "lua5.4 not installed",
                ratio: ratio.map { String(format: "%.2fx", $0) } ?? "-", target: "<= 3x lua5.4",
                met: ratio.map { $0 <= 3 } ?? false)
        }
    }
}

/// Median seconds of `runs` runs of `argv` (see `Startup.medians`).
func spawnMedian(_ argv: [String], runs: Int, environment: [String: String] = [:]) -> Double? {
    Startup.medians([argv], runs: runs, environment: environment)?.first
}
