import Foundation
import SystemCalls
import Testing

@testable import MarketFeeds

@Suite struct ConcurrencyTests {
    /// Six threads calling through one budget at once (a 0.1 s pace, the clock held still): each call is booked a
    /// pace after the one before, so their waits are 0, 0.1 ... 0.5 s. Before the budget had a lock (and booked
    /// slots), every thread that found a last call waited the same 0.1 s and they went out together.
    @Test func threadsSharingABudgetArePacedOneAfterAnother() {
        let budget = RequestBudget(countsFile: nil)
        let waits = Locked<[Double]>([])
        let group = DispatchGroup()
        for _ in 0..<6 {
            group.enter()
            Thread {
                try? budget.spend(
                    "fmp", perMinute: 600, perDay: nil, now: { 1000 },
                    sleep: { seconds in waits.withLock { $0.append(seconds) } })
                group.leave()
            }.start()
        }
        group.wait()
        let slept = waits.withLock { $0 }.sorted()
        #expect(slept.count == 5, "waits: \(slept)")  // the first call waits for nothing
        #expect(zip(slept, [0.1, 0.2, 0.3, 0.4, 0.5]).allSatisfy { abs($0 - $1) < 1e-9 }, "waits: \(slept)")
    }

    /// Eight threads registering providers at once: every registration is kept, and of eight registrations of one
    /// name exactly one succeeds (a stress test: without the lock the list's appends race, which loses entries or
    /// crashes only some of the time).
    @Test func threadsRegisteringProvidersAtOnceLoseNone() throws {
        let providers = MarketProviders()
        let accepted = Locked(0)
        @Sendable func provider(_ name: String) throws -> TemplateProvider {
            try TemplateProvider(
                name: name, title: nil, baseURL: "https://example.com",
                datasets: [(name: "prices", kind: "bars", summary: "", url: "{base}/p?symbol={symbol}")])
        }
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<50 { try? providers.register(provider("p\(thread)-\(index)")) }
            if (try? providers.register(provider("shared"))) != nil { accepted.withLock { $0 += 1 } }
        }
        let names = providers.all.map(\.name)
        #expect(names.count == 4 + 8 * 50 + 1)
        #expect(Set(names).count == names.count)
        #expect(accepted.withLock { $0 } == 1)
        #expect(try providers.provider(named: "p7-49").name == "p7-49")
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
        let took = start.duration(to: .now) / .seconds(1)
        guard case .failure(let failure) = answer else {
            Issue.record("the silent server answered: \(answer)")
            return
        }
        #expect(failure.kind == .cancelled, "\(failure)")
        #expect(took >= 0.25 && took < 5, "took \(took) s")
    }
}
