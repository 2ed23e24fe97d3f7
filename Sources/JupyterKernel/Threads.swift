#if canImport(Glibc)
    import Glibc
#endif

/// A thread running `body`, with SIGINT blocked in it so Ctrl-C (Jupyter's interrupt) reaches the thread that runs
/// Lua. `join()` waits for it to end.
final class Thread {
    private var thread = pthread_t()
    private var joined = false

    private init() {}

    /// The started thread, or nil if the system would not make one.
    @discardableResult
    static func start(_ body: @escaping @Sendable () -> Void) -> Thread? {
        final class Box {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let started = Thread()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let created = pthread_create(
            &started.thread, nil,
            { raw in
                let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue()
                (box as! Box).body()
                return nil
            }, box)
        guard created == 0 else {
            Unmanaged<AnyObject>.fromOpaque(box).release()
            return nil
        }
        return started
    }

    /// Waits for the thread to end (once; later calls return at once).
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
