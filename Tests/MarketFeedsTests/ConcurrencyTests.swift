import Foundation
import SystemCalls
import Testing

@testable import MarketFeeds

/// Seconds on the monotonic clock since `start`.
private func seconds(since start: ContinuousClock.Instant) -> Double { start.duration(to: .now) / .seconds(1) }

@Suite struct ConcurrencyTests {
    /// Six threads fetching through one budget at once (a 0.1 s pace): each call returns a pace after the one before.
    /// Before the budget had a lock, threads that read the same last call slept the same wait and went out together.
    @Test func threadsSharingABudgetArePacedOneAfterAnother() {
        let budget = RequestBudget(countsFile: nil)
        let start = ContinuousClock.now
        let returned = Locked<[Double]>([])
        let group = DispatchGroup()
        for _ in 0..<6 {
            group.enter()
            Thread {
                try? budget.spend(
                    "fmp", perMinute: 600, perDay: nil, now: { seconds(since: start) },
                    sleep: { usleep(UInt32($0 * 1e6)) })
                let at = seconds(since: start)
                returned.withLock { $0.append(at) }
                group.leave()
            }.start()
        }
        group.wait()
        let times = returned.withLock { $0 }.sorted()
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(times.count == 6)
        #expect(gaps.allSatisfy { $0 >= 0.08 }, "calls returned \(times) apart")
    }

    /// A transfer to a server that accepts the connection and never answers ends soon after its flag is raised
    /// (from another thread, as Ctrl-C's handler does), long before its time limit.
    @Test func raisingTheFlagStopsATransferToASilentServer() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)

        var client = HTTPClient(timeout: 30, connectTimeout: 5)
        let flag = InterruptFlag()
        client.cancel = flag
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.raise() }
        let start = ContinuousClock.now
        let answer = client.get("http://127.0.0.1:\(port)/never")
        let took = seconds(since: start)
        guard case .failure(let failure) = answer else {
            Issue.record("the silent server answered: \(answer)")
            return
        }
        #expect(failure.kind == .cancelled, "\(failure)")
        #expect(took >= 0.25 && took < 5, "took \(took) s")
    }
}
