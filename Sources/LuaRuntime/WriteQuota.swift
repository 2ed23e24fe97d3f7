internal import CLuaShims

/// How many bytes a sandboxed caller (a plugin) may write to disk in one process: through the file handles it opens
/// (counted by the handle's own write function, refused with EDQUOT past the limit, as a full disk would be) and
/// through host functions that write for it (reports, CSV files, stores: the host measures those files and sets
/// `elsewhere`). Handles keep the count alive after the quota's owner is gone.
public final class WriteQuota {
    let counter: UnsafeMutablePointer<aikit_write_quota>
    public let limitBytes: Int64

    /// Nil when out of memory.
    public init?(limitBytes: Int64) {
        guard let counter = aikit_write_quota_new(limitBytes) else { return nil }
        self.counter = counter
        self.limitBytes = limitBytes
    }

    deinit { aikit_write_quota_release(counter) }

    /// Bytes written through the handles.
    public var handleBytes: Int64 { counter.pointee.used }
    /// Bytes the host wrote for the caller, as last measured.
    public var elsewhere: Int64 {
        get { counter.pointee.elsewhere }
        set { counter.pointee.elsewhere = newValue }
    }
    public var used: Int64 { handleBytes + elsewhere }
    /// A handle's write was refused for the quota.
    public var refusedAWrite: Bool { counter.pointee.refused != 0 }
}
