internal import CLua
internal import CLuaShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LuaCall {
    /// Pushes an open descriptor as a Lua io file handle (the object `io.open` returns), which owns it from then
    /// on. `mode` is an `io.open` mode ("r", "w+", "ab", …). On failure the descriptor is closed and this throws.
    /// With a `quota`, what the handle writes counts against it (see `WriteQuota`).
    public func pushFile(descriptor: Int32, mode: String, quota: WriteQuota? = nil) throws {
        try reserve(2)
        let status =
            if let quota { aikit_pushfile_quota(L, descriptor, mode, quota.counter) } else {
                aikit_pushfile(L, descriptor, mode)
            }
        if status == -1 { throw LuaScriptError("cannot make a Lua file: \(String(cString: strerror(errno)))") }
        guard status == LUA_OK else {
            let message = LuaRuntime.string(at: -1, in: L) ?? "not enough memory"
            lua_settop(L, -2)
            throw LuaScriptError(message)
        }
    }
}
