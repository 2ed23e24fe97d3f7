import Dispatch
import SystemCalls
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct LockedTests {
    @Test func threadsIncrementingTogetherLoseNoIncrement() {
        let counter = Locked(0)
        let threads = 8
        let increments = 20_000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<increments { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == threads * increments)
    }

    @Test func aThrowingBodyLeavesTheLockFree() {
        struct Refused: Error {}
        let lock = Locked()
        #expect(throws: Refused.self) { try lock.withLock { () throws(Refused) in throw Refused() } }
        // Still held, this would trap (debug builds check the owner) or hang.
        #expect(lock.withLock { true })
    }
}

@Suite struct InterruptFlagTests {
    @Test func swiftAndCSeeTheSameFlag() {
        let flag = InterruptFlag()
        #expect(!flag.isRaised && flag.pointer.pointee == 0)
        flag.raise()
        #expect(flag.isRaised && flag.pointer.pointee == 1)
        flag.lower()
        #expect(!flag.isRaised)
        flag.pointer.pointee = 1  // as C's signal handler does
        #expect(flag.isRaised)
    }

    @Test func aRaiseOnAnotherThreadIsSeen() {
        let flag = InterruptFlag()
        let raiser = DispatchQueue(label: "raiser")
        raiser.asyncAfter(deadline: .now() + 0.05) { flag.raise() }
        let end = ContinuousClock.now + .seconds(10)
        while !flag.isRaised, ContinuousClock.now < end { usleep(1000) }
        #expect(flag.isRaised)
    }
}
