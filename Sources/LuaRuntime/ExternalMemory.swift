/// Memory a host object holds outside Lua's heap (a frame's Swift columns behind an 8-byte userdata), counted
/// against its state's memory limit for as long as the object lives, and reported to Lua's collector so garbage
/// objects are collected at the pace of their real size.
public final class ExternalMemory {
    private weak var state: LuaState?
    public let bytes: Int

    fileprivate init(state: LuaState, bytes: Int) {
        self.state = state
        self.bytes = bytes
        state.limits.pointee.external += bytes
    }

    deinit {
        // A state that is gone (or closing) no longer counts anything.
        if let state { state.limits.pointee.external -= min(bytes, state.externalMemory) }
    }
}

extension LuaState {
    /// Counts `bytes` held outside Lua against the memory limit while the returned token lives; throws (and makes
    /// the limit count as hit, as `reserveMemory` does) if they would not fit.
    public func holdMemory(_ bytes: Int, for what: @autoclosure () -> String) throws -> ExternalMemory {
        let bytes = max(0, bytes)
        try reserveMemory(Double(bytes), for: what())
        return ExternalMemory(state: self, bytes: bytes)
    }
}
