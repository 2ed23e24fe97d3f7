public import Foundation
import SystemCalls

/// A call that trapped, hung or ran past its time limit on its own.
public struct FuzzFailure: Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case trap(signal: Int32)
        case hang
        /// Ran past the per-call time limit alone (a loop proportional to an input).
        case slow
    }

    public var kind: Kind
    /// The Lua call, as generated (`cost.training({...})`).
    public var call: String
    /// True when the call fails in a fresh process by itself; false when only after the calls before it in its batch.
    public var reproducesAlone: Bool
    /// What the child wrote to standard error (the trap's message).
    public var message: String
    /// How to print the failing call's batch: `aikit-bench fuzz --seed S --calls-per-child N --script B` (nil for a
    /// list of calls given to `run(calls:)`).
    public var reproduction: String? = nil

    public var description: String {
        let what: String
        switch kind {
        case .trap(let signal): what = "trapped (signal \(signal))"
        case .hang: what = "hung (killed past its time limit)"
        case .slow: what = "ran past its time limit"
        }
        return "\(what)\(reproducesAlone ? "" : " only after the calls before it in its batch"): \(call)\n"
            + (reproduction.map { "(its batch: \($0))\n" } ?? "") + message
    }
}

/// What a fuzz run did.
public struct FuzzReport: Sendable {
    public var calls = 0
    /// The calls the run set out to make (a run stopped by its time budget makes fewer).
    public var planned = 0
    /// Calls that returned a result rather than a Lua error: how far past the argument checks the generator gets.
    public var returned = 0
    public var children = 0
    public var seconds = 0.0
    public var failures: [FuzzFailure] = []

    public init(
        calls: Int = 0, planned: Int = 0, returned: Int = 0, children: Int = 0, seconds: Double = 0,
        failures: [FuzzFailure] = []
    ) {
        self.calls = calls
        self.planned = planned
        self.returned = returned
        self.children = children
        self.seconds = seconds
        self.failures = failures
    }
}

/// Runs generated calls against the built `aikit` binary, many per child process; a child that traps or hangs has its
/// culprit re-run alone to name it.
public struct FuzzRunner: Sendable {
    public var binary: URL
    public var surface: APISurface
    public var seed: UInt64
    public var callsPerChild = 120
    /// aikit's `--timeout` for a batch, and for a call re-run alone.
    public var batchTimeout = 10.0
    public var callTimeout = 10.0
    public var memoryMB = 256
    public var workers = 2

    public init(binary: URL, annotations: String, seed: UInt64) {
        self.binary = binary
        surface = APISurface(annotations: annotations)
        self.seed = seed
    }

    /// The calls of batch `index` (the same for a seed and index on every run).
    public func calls(batch index: Int) -> [String] {
        var generator = CallGenerator(surface: surface, seed: seed, stream: UInt64(index))
        return (0..<callsPerChild).map { _ in generator.nextCall() }
    }

    /// Runs `batches` batches (or until `seconds` have passed, whichever is first), `workers` children at a time;
    /// the report's `planned` against its `calls` says whether the time budget cut the run short.
    public func run(batches: Int, seconds: Double = .infinity) throws -> FuzzReport {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date()
        let shared = Shared()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard let scratch = try? Self.scratchFolder(in: folder, named: "worker\(worker)") else { return }
            while Date().timeIntervalSince(start) < seconds, let index = shared.nextBatch(below: batches) {
                do {
                    var outcome = try runBatch(calls(batch: index), folder: scratch)
                    for i in outcome.failures.indices {
                        outcome.failures[i].reproduction =
                            "aikit-bench fuzz --seed \(seed) --calls-per-child \(callsPerChild) --script \(index)"
                    }
                    shared.add(outcome)
                } catch {
                    shared.add(
                        BatchOutcome(
                            children: 0, calls: 0,
                            failures: [
                                FuzzFailure(
                                    kind: .hang, call: "(batch \(index))", reproducesAlone: false,
                                    message: "could not run the child: \(error)")
                            ]))
                }
            }
        }
        var report = shared.report
        let planned = batches.multipliedReportingOverflow(by: callsPerChild)  // aikit-bench plans Int.max batches
        report.planned = planned.overflow ? Int.max : planned.partialValue
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Runs the given calls as one batch (to check a reproduction, or the runner itself).
    public func run(calls: [String]) throws -> FuzzReport {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date()
        let outcome = try runBatch(calls, folder: folder)
        return FuzzReport(
            calls: outcome.calls, planned: calls.count, returned: outcome.returned, children: outcome.children,
            seconds: Date().timeIntervalSince(start), failures: outcome.failures)
    }

    /// A new folder (in the temporary folder, or inside `parent`) holding the files the calls may read.
    static func scratchFolder(in parent: URL? = nil, named name: String = "aikit-fuzz-\(UUID().uuidString)") throws
        -> URL
    {
        let folder = (parent ?? FileManager.default.temporaryDirectory).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in FuzzScript.files {
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return folder
    }

    struct BatchOutcome {
        var children: Int
        var calls: Int
        var failures: [FuzzFailure]
        var returned = 0
    }

    /// Runs the calls of one batch, resuming after a call that stopped its child.
    func runBatch(_ calls: [String], folder: URL) throws -> BatchOutcome {
        var outcome = BatchOutcome(children: 0, calls: 0, failures: [])
        var next = 0
        while next < calls.count {
            let child = try FuzzChild.run(
                binary: binary, script: FuzzScript.text(Array(calls[next...]), first: next),
                folder: folder, timeout: batchTimeout, memoryMB: memoryMB)
            outcome.children += 1
            outcome.returned += child.returned
            if child.ending == .completed {
                outcome.calls += calls.count - next
                return outcome
            }
            guard let culprit = child.lastStarted, culprit >= next else {  // died in the prelude
                outcome.failures.append(
                    FuzzFailure(
                        kind: kind(child.ending) ?? .hang, call: "(the prelude)",
                        reproducesAlone: true, message: child.message))
                return outcome
            }
            outcome.calls += culprit - next + 1
            let alone = try FuzzChild.run(
                binary: binary, script: FuzzScript.text([calls[culprit]], first: culprit),
                folder: folder, timeout: callTimeout, memoryMB: memoryMB)
            outcome.children += 1
            if let failure = kind(alone.ending, stoppedByTimeLimit: alone.message.contains("time limit")) {
                outcome.failures.append(
                    FuzzFailure(
                        kind: failure, call: calls[culprit], reproducesAlone: true,
                        message: alone.message))
            } else if let failure = kind(child.ending) {
                outcome.failures.append(
                    FuzzFailure(
                        kind: failure, call: calls[culprit], reproducesAlone: false,
                        message: child.message))
            }
            next = culprit + 1
        }
        return outcome
    }

    /// The failure an ending is, if any (a child stopped by aikit's time limit is one only when re-run alone).
    func kind(_ ending: FuzzChild.Ending, stoppedByTimeLimit: Bool = false) -> FuzzFailure.Kind? {
        switch ending {
        case .completed: nil
        case .stopped: stoppedByTimeLimit ? .slow : nil
        case .trapped(let signal): .trap(signal: signal)
        case .hung: .hang
        }
    }

    final class Shared: Sendable {
        private let state = Locked((next: 0, total: FuzzReport()))

        func nextBatch(below count: Int) -> Int? {
            state.withLock { state in
                guard state.next < count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }

        func add(_ outcome: BatchOutcome) {
            state.withLock { state in
                state.total.calls += outcome.calls
                state.total.returned += outcome.returned
                state.total.children += outcome.children
                state.total.failures += outcome.failures
            }
        }

        var report: FuzzReport { state.withLock { $0.total } }
    }
}
