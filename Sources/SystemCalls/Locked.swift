#if canImport(Glibc)
    internal import Glibc
#endif

/// State only one thread touches at a time: a pthread mutex and the value it guards, kept together in a
/// `ManagedBuffer` (swift-nio's `NIOLock` pattern), so the mutex has a stable address for its whole life (a
/// `pthread_mutex_t` stored property passed as `&mutex` does not: the address of an inout argument is only valid for
/// the call). Every pthread call's result is checked; a failure is a bug in aikit and stops the process saying which
/// call failed. Debug builds make the mutex error-checking, so locking it twice on one thread traps instead of
/// hanging.
///
/// The one lock type of aikit. Chosen over `Synchronization.Mutex`, which is non-copyable: it cannot sit in the
/// copyable structs and escaping closures that share state here without a class around it, which is what this is.
/// `Locked<Void>()` is a plain lock.
package final class Locked<State> {
    private let buffer: ManagedBuffer<State, pthread_mutex_t>

    package init(_ state: State) {
        buffer = .create(minimumCapacity: 1) { _ in state }
        buffer.withUnsafeMutablePointerToElements { mutex in
            var attributes = pthread_mutexattr_t()
            Self.check(pthread_mutexattr_init(&attributes), "pthread_mutexattr_init")
            defer { Self.check(pthread_mutexattr_destroy(&attributes), "pthread_mutexattr_destroy") }
            #if DEBUG
                Self.check(
                    pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ERRORCHECK)), "pthread_mutexattr_settype"
                )
            #endif
            Self.check(pthread_mutex_init(mutex, &attributes), "pthread_mutex_init")
        }
    }

    deinit {
        buffer.withUnsafeMutablePointerToElements { mutex in
            Self.check(pthread_mutex_destroy(mutex), "pthread_mutex_destroy")
        }
    }

    /// Runs `body` with the state while holding the mutex (not reentrant: `body` must not call `withLock` on the same
    /// lock).
    package func withLock<T, E: Error>(_ body: (inout State) throws(E) -> T) throws(E) -> T {
        try locked { (state) throws(E) -> T in try body(&state.pointee) }
    }

    /// Runs `body` with the state's address while holding the mutex.
    private func locked<T, E: Error>(_ body: (UnsafeMutablePointer<State>) throws(E) -> T) throws(E) -> T {
        let (state, mutex) = buffer.withUnsafeMutablePointers { ($0, $1) }  // stable while `buffer` lives
        Self.check(pthread_mutex_lock(mutex), "pthread_mutex_lock")
        defer { Self.check(pthread_mutex_unlock(mutex), "pthread_mutex_unlock") }
        return try body(state)
    }

    private static func check(_ result: Int32, _ call: StaticString) {
        precondition(result == 0, "\(call) failed: \(String(cString: strerror(result))) (a bug in aikit)")
    }
}

// Sound: the state is reached only through `withLock`, which holds the mutex, and is itself Sendable.
extension Locked: @unchecked Sendable where State: Sendable {}

extension Locked where State == Void {
    /// A lock guarding no value of its own.
    package convenience init() { self.init(()) }

    /// Runs `body` while holding the mutex.
    package func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        // Not through an inout of the empty state: its address is the object's own, which ThreadSanitizer then
        // reports as racing with the metadata read that finds the mutex.
        try locked { (_) throws(E) -> T in try body() }
    }
}
