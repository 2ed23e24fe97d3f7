internal import Synchronization

/// A flag that stops work in progress once raised: Ctrl-C's for a Lua state (raised by the SIGINT handler or
/// `LuaState.requestInterrupt`), watched by the Lua hook, libcurl's progress callback, a print's wait for its browser
/// and a notebook's wait for input. The flag owns its storage, so whoever holds the flag may read it for as long as
/// they hold it; C reads and writes it through `pointer` with `__atomic_load_n`/`__atomic_store_n` (a lock-free
/// 32-bit atomic, safe in a signal handler).
public final class InterruptFlag: @unchecked Sendable {
    // Sound: the storage is allocated here, freed in deinit, and only read and written atomically.
    private let storage: UnsafeMutablePointer<Atomic<Int32>>

    public init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Atomic(0))
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Whether the flag is raised.
    public var isRaised: Bool { storage.pointee.load(ordering: .relaxed) != 0 }

    public func raise() { storage.pointee.store(1, ordering: .relaxed) }
    public func lower() { storage.pointee.store(0, ordering: .relaxed) }

    /// The 32-bit atomic int C code reads and writes (valid while the flag lives).
    package var pointer: UnsafeMutablePointer<Int32> {
        UnsafeMutableRawPointer(storage).assumingMemoryBound(to: Int32.self)
    }
}
