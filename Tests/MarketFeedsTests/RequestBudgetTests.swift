import Foundation
import Testing

@testable import MarketFeeds

/// The daily counts file is shared by every process that fetches: counts must survive concurrent spenders, and a
/// file that cannot be written must be said, not swallowed.
@Suite struct RequestBudgetTests {
    static let noon = 1_780_000_000.0

    func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "aikit-budget-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Eight spenders, each with its own `RequestBudget` (as separate processes have), 50 calls each: the file
    /// ends at 400. Without the lock, two spenders read the same count and one increment is lost.
    @Test func concurrentSpendersLoseNoCount() throws {
        let file = try folder() + "/calls.tsv"
        let threads = 8
        let calls = 50
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let budget = RequestBudget(countsFile: file)
            for _ in 0..<calls {
                try? budget.spend("fmp", perMinute: nil, perDay: 1_000_000, now: { Self.noon }, sleep: { _ in })
            }
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == "fmp\t2026-05-28\t\(threads * calls)\n")
    }

    @Test func theDaysLimitHoldsAcrossBudgets() throws {
        let file = try folder() + "/calls.tsv"
        for _ in 0..<3 {
            try RequestBudget(countsFile: file).spend(
                "fmp", perMinute: nil, perDay: 3, now: { Self.noon }, sleep: { _ in })
        }
        #expect(throws: FetchError.self) {
            try RequestBudget(countsFile: file).spend(
                "fmp", perMinute: nil, perDay: 3, now: { Self.noon }, sleep: { _ in })
        }
    }

    /// A call the day's limit refuses books no slot: the next call (one not counted by day) waits only for the pace
    /// since the last call that went out, not for the refused one (it waited 0.8 s when the refusal kept its slot).
    @Test func aRefusedCallBooksNoSlot() throws {
        let budget = RequestBudget(countsFile: try folder() + "/calls.tsv")
        var waits: [Double] = []
        try budget.spend("fmp", perMinute: 60, perDay: 1, now: { Self.noon }, sleep: { waits.append($0) })
        #expect(throws: FetchError.self) {
            try budget.spend("fmp", perMinute: 60, perDay: 1, now: { Self.noon + 0.5 }, sleep: { waits.append($0) })
        }
        try budget.spend("fmp", perMinute: 60, perDay: nil, now: { Self.noon + 1.2 }, sleep: { waits.append($0) })
        #expect(waits.isEmpty, "\(waits)")
    }

    /// A counts file under a regular file (ENOTDIR even for root): the fetch goes on, and the warning names the
    /// path and the reason, once.
    @Test func anUnwritableCountsFileIsReported() throws {
        let blocker = try folder() + "/not-a-folder"
        FileManager.default.createFile(atPath: blocker, contents: Data())
        let budget = RequestBudget(countsFile: blocker + "/state/calls.tsv")
        let warnings = Warnings()
        budget.warn = { warnings.append($0) }
        for _ in 0..<2 {
            try budget.spend("fmp", perMinute: nil, perDay: 10, now: { Self.noon }, sleep: { _ in })
        }
        #expect(warnings.all.count == 1)
        let message = warnings.all.first ?? ""
        #expect(message.contains(blocker + "/state/calls.tsv"), "\(message)")
        #expect(message.contains("Not a directory (errno \(ENOTDIR))"), "\(message)")
    }
}

private final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
