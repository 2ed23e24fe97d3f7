import LuaRuntime

extension PluginSandbox {
    /// The host functions the bootstrap routes files and programs to, keyed by the Lua name each stands for (errors
    /// then read "init.lua:3: io.open: plugin 'x' may not write …"). Every decision is `files`' and `policy`'s.
    static func functions(_ lua: LuaState, files: SandboxFiles, loaded: LoadedFiles) throws -> LuaValue {
        var table = LuaTable()
        func add(_ name: String, _ body: @escaping HostFunction) throws {
            lua.pushFunction(name: name, body)
            table[name] = try lua.value(at: -1)
            lua.pop()
        }
        /// Lua's convention for a failed OS call: nil, message, errno.
        func failure(_ call: LuaCall, _ error: SandboxFiles.OSFailure) -> Int32 {
            call.pushNil()
            call.push(error.message)
            call.push(Int(error.code))
            return 3
        }
        for name in ["io.open", "io.lines"] {
            try add(name) { call in
                let path = try call.bytes(1)
                let mode = String(decoding: try call.bytes(2), as: UTF8.self)
                do {
                    let opened = try files.open(path, mode: mode)
                    try call.pushFile(descriptor: opened.descriptor, mode: mode, quota: opened.quota)
                    return 1
                } catch let error as SandboxFiles.OSFailure {
                    return failure(call, error)
                }
            }
        }
        for name in ["loadfile", "dofile", "require"] {
            try add(name) { call in
                do {
                    call.push(String(decoding: try files.read(try call.bytes(1)), as: UTF8.self))
                    return 1
                } catch let error as SandboxFiles.OSFailure {
                    return failure(call, error)
                }
            }
        }
        try add("os.remove") { call in
            do {
                try files.remove(try call.bytes(1))
                call.push(true)
                return 1
            } catch let error as SandboxFiles.OSFailure {
                return failure(call, error)
            }
        }
        try add("os.rename") { call in
            do {
                try files.rename(try call.bytes(1), to: try call.bytes(2))
                call.push(true)
                return 1
            } catch let error as SandboxFiles.OSFailure {
                return failure(call, error)
            }
        }
        try add("exec") { call in
            try files.policy.authorizeExec(what: try call.string(1))
            return 0
        }
        try add("track") { call in
            let path = SandboxPolicy.lexical(try call.string(1))
            if let stamp = fileStamp(path) { loaded.stamps[path] = stamp }
            return 0
        }
        return .table(table)
    }
}
