internal import CLua
internal import CLuaShims
public import SystemCalls

/// One Lua 5.4 interpreter (`lua_State`) with its limits. Not thread-safe: use it from one thread at a time.
///
/// Swift never raises Lua errors: host functions sit behind the C trampoline in `CLuaShims`, and Swift calls to API
/// functions that may raise go through protected calls (see docs/architecture.md, "Only C raises Lua errors").
public final class LuaState {
    /// Limits for the scripts this state runs.
    public struct Options: Sendable {
        /// Cap on the bytes Lua may hold, or nil for none (`--memory MB`).
        public var memoryLimitBytes: Int?
        /// Instructions between two checks of the deadline and of Ctrl-C.
        public var hookInterval: Int32
        /// Open Lua's standard libraries (`luaL_openlibs`).
        public var openStandardLibraries: Bool
        /// lua.c's `-E`: the package library ignores `LUA_PATH` and `LUA_CPATH` (the registry's `LUA_NOENV`).
        public var ignoreEnvironment = false

        public init(memoryLimitBytes: Int? = nil, hookInterval: Int32 = 1000, openStandardLibraries: Bool = true) {
            self.memoryLimitBytes = memoryLimitBytes
            self.hookInterval = hookInterval
            self.openStandardLibraries = openStandardLibraries
        }
    }

    /// The main thread.
    let L: OpaquePointer
    let limits: UnsafeMutablePointer<aikit_limits>
    /// The flag Ctrl-C raises for this state (`armInterrupts`, `requestInterrupt`): the hook stops the running chunk
    /// at its next instruction, and host functions that block (an HTTP transfer, a print, a wait for input) watch it.
    /// Holding it keeps it valid after the state is gone.
    public let interruptFlag = InterruptFlag()
    /// Swift types of the userdata classes registered in this state, by metatable name.
    var classes: [String: ObjectIdentifier] = [:]

    /// What host functions that read or write files consult first (a plugin's sandbox sets it): called with
    /// "read", "write" or "exec", the path and the function's name; throws to refuse, else returns the path to open
    /// (resolved as the OS will). nil: everything is allowed. Host functions call it through `checkedPath`.
    public var fileAccess: ((_ kind: String, _ path: String, _ what: String) throws -> String)?

    /// Who runs code in this state, for engines that treat it differently (a plugin's state: "plugin 'NAME'");
    /// nil for the user's own scripts and REPL.
    public var origin: String?

    /// The path a host function should open: a path with a NUL byte is refused (the OS would see only the part
    /// before it), then the sandbox's `fileAccess` decides. `kind` is "read", "write" or "exec".
    public func checkedPath(_ kind: String, _ path: String, _ what: String) throws -> String {
        try LuaState.refuseNUL(in: Array(path.utf8))
        return try fileAccess?(kind, path, what) ?? path
    }

    /// Refuses a path holding a NUL byte: the OS would see only the part before it, while a check made on the whole
    /// string would see the rest (the error is raised by the host function, which names itself).
    public static func refuseNUL(in path: [UInt8]) throws {
        guard let nul = path.firstIndex(of: 0) else { return }
        throw LuaScriptError(
            "the path contains a NUL byte (at byte \(nul + 1) of \(path.count)); the OS would see only "
                + "the part before it, so aikit refuses the path")
    }

    public init(options: Options = Options()) throws {
        LuaState.installCallbacks
        limits = .allocate(capacity: 1)
        limits.initialize(to: aikit_limits())
        limits.pointee.cap = options.memoryLimitBytes.map { max(0, $0) } ?? 0
        limits.pointee.hook_count = options.hookInterval
        limits.pointee.interrupt_flag = interruptFlag.pointer
        guard let state = aikit_newstate(limits) else {
            limits.deallocate()
            throw LuaError(kind: .memory, message: "cannot create a Lua state: not enough memory")
        }
        L = state
        limits.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        if options.openStandardLibraries {
            guard aikit_openlibs(L, options.ignoreEnvironment ? 1 : 0) == LUA_OK else {  // deinit closes the state
                throw LuaError(kind: .memory, message: "cannot open Lua's standard libraries: not enough memory")
            }
        }
        // As lua.c: no hook unless a limit asks for one (the memory cap here, a time limit when set).
        aikit_update_hook(L)
    }

    /// A time limit on closing the state (its finalizers run then, with hooks off): enforced by the watchdog.
    public var closeTimeLimit: Double?

    deinit {
        Watchdog.guarding(
            seconds: closeTimeLimit, message: Watchdog.timeLimitMessage(closeTimeLimit ?? 0, who: origin ?? "script")
        ) {
            lua_close(L)
        }
        limits.deallocate()
    }

    /// The Swift owner of a raw state made by this class (any thread of it).
    static func owner(of L: OpaquePointer) -> LuaState {
        Unmanaged<LuaState>.fromOpaque(aikit_limits_of(L).pointee.owner).takeUnretainedValue()
    }

    // MARK: Limits

    /// Bytes Lua holds now.
    public var memoryInUse: Int { Int(limits.pointee.used) }
    /// Bytes host objects reachable from Lua hold outside its heap (see `holdMemory`).
    public var externalMemory: Int { Int(limits.pointee.external) }
    /// Most bytes Lua held at once.
    public var peakMemory: Int { Int(limits.pointee.peak) }
    /// The memory cap in bytes, or nil.
    public var memoryLimit: Int? {
        get { limits.pointee.cap == 0 ? nil : Int(limits.pointee.cap) }
        set {
            limits.pointee.cap = newValue.map { max(1, $0) } ?? 0
            aikit_update_hook(L)
        }
    }

    /// Sets the wall-clock limit for what runs from now on (nil clears it). The count hook checks it; once passed,
    /// every instruction raises "script exceeded its N s time limit", so `pcall` cannot swallow it. The hook is
    /// installed only while a limit is active; a script's own `debug.sethook` is chained behind it.
    public func setTimeLimit(_ seconds: Double?) {
        aikit_set_timeout(L, seconds ?? 0)
    }

    /// Counts work a host function is about to do outside Lua's allocator (Swift arrays, the Lua values it will
    /// return) against the memory limit: if `bytes` more would not fit, the limit counts as hit (the script stops
    /// at its next instruction, whatever `pcall` it is in) and this throws saying what needed the memory.
    public func reserveMemory(_ bytes: Double, for what: String) throws {
        guard let cap = memoryLimit, Double(memoryInUse + externalMemory) + bytes > Double(cap) else { return }
        aikit_refuse_memory(L)
        throw LuaScriptError(
            "script exceeded its \(LuaState.megabytes(cap)) MB memory limit: \(what) needs about "
                + "\(Int((bytes / 1_048_576).rounded(.up))) MB")
    }

    /// Makes Ctrl-C (SIGINT) interrupt whatever this state runs until `disarmInterrupts()`. As in lua.c, a second
    /// Ctrl-C before the state notices the first ends the process, unless `secondEndsProcess` is false.
    public func armInterrupts(secondEndsProcess: Bool = true) { aikit_sigint_arm(L, secondEndsProcess ? 1 : 0) }
    public func disarmInterrupts() { aikit_sigint_disarm() }
    /// Switches the collector to generational mode, as lua.c does for its scripts and REPL (`aikit script` and
    /// `aikit repl` call this; other states keep the library's incremental default).
    public func useGenerationalCollector() { _ = clua_gcgenerational(L) }

    /// Requests an interrupt as Ctrl-C would (for tests and other front ends).
    public func requestInterrupt() {
        interruptFlag.raise()
        aikit_trip(limits)
    }

    // MARK: Loading and running

    /// Compiles `code` and pushes it as a function. `name` is the chunk name in messages ("=stdin", "@file.lua").
    public func load(_ code: String, name: String, mode: String = "bt") throws {
        let status =
            code.utf8.withContiguousStorageIfAvailable { buf in
                buf.withMemoryRebound(to: CChar.self) { clua_loadbuffer(L, $0.baseAddress, $0.count, name, mode) }
            }
            ?? {
                let copy = Array(code.utf8)
                return copy.withUnsafeBufferPointer { buf in
                    buf.withMemoryRebound(to: CChar.self) { clua_loadbuffer(L, $0.baseAddress, $0.count, name, mode) }
                }
            }()
        try check(status, traceback: false)
    }

    /// Compiles a file (nil = standard input) and pushes it as a function. A `#` first line is skipped.
    public func loadFile(_ path: String?, mode: String = "bt") throws {
        let status = luaL_loadfilex(L, path, mode)
        try check(status, traceback: false)
    }

    /// Calls the function below `argumentCount` arguments on the stack, protected, leaving `resultCount` results
    /// (or all with `nil`). With `traceback`, the error carries the stack traceback of where it happened.
    public func call(argumentCount: Int32 = 0, resultCount: Int32? = nil, traceback: Bool = true) throws {
        let status = aikit_pcall(L, argumentCount, resultCount ?? LUA_MULTRET, traceback ? 1 : 0)
        try check(status, traceback: traceback)
    }

    /// Calls the function below `argumentCount` arguments as the `lua` interpreter runs a chunk: below a C frame,
    /// so the traceback ends in "[C]: in ?" as lua.c's does. Leaves `resultCount` results.
    public func callAsMain(argumentCount: Int32 = 0, resultCount: Int32 = 0) throws {
        try check(aikit_pcall_main(L, argumentCount, resultCount), traceback: true)
    }

    /// Runs a chunk of code and returns its results.
    @discardableResult
    public func run(_ code: String, name: String = "=(aikit)") throws -> [LuaValue] {
        let base = lua_gettop(L)
        try load(code, name: name)
        try call(traceback: true)
        defer { lua_settop(L, base) }
        return try (base + 1..<lua_gettop(L) + 1).map { try value(at: $0) }
    }

    /// The text of the value at stack `index` if it is a string (numbers are not converted), else nil.
    public func stringValue(at index: Int32) -> String? {
        lua_type(L, index) == LUA_TSTRING ? string(at: index, in: L) : nil
    }

    /// Clears the sticky time-limit and interrupt flags once a top-level call returned.
    public func resetLimits() { aikit_reset_limits(L) }

    /// Turns a Lua status into a thrown `LuaError`, popping the error value.
    func check(_ status: Int32, traceback: Bool) throws {
        guard status != LUA_OK else { return }
        let text = errorText(at: -1)
        lua_settop(L, -2)
        throw makeError(status: status, text: text, traceback: traceback)
    }

    func errorText(at index: Int32) -> String {
        if lua_type(L, index) == LUA_TSTRING, let text = string(at: index, in: L) { return text }
        if aikit_ptolstring(L, index) == LUA_OK, let text = string(at: -1, in: L) {
            lua_settop(L, -2)
            return text
        }
        lua_settop(L, -2)
        return "(error object is a \(String(cString: clua_typename_at(L, index))) value)"
    }

    func makeError(status: Int32, text: String, traceback: Bool) -> LuaError {
        var message = text
        var trace: String? = nil
        if traceback, let range = text.firstRange(of: "\nstack traceback:") {
            message = String(text[..<range.lowerBound])
            trace = String(text[text.index(after: range.lowerBound)...])
        }
        let kind: LuaError.Kind
        switch status {
        case LUA_ERRSYNTAX: kind = .syntax
        case LUA_ERRMEM: kind = .memory
        case LUA_ERRERR: kind = .handler
        case clua_errfile(): kind = .file
        default:
            if limits.pointee.timed_out != 0 {
                kind = .timeout
            } else if limits.pointee.interrupted != 0 {
                kind = .interrupted
            } else if limits.pointee.memory_exceeded != 0 {
                kind = .memory
            } else if limits.pointee.cap_hit != 0 && message.hasSuffix("not enough memory") {
                kind = .memory
            } else {
                kind = .runtime
            }
        }
        if kind == .memory, let cap = memoryLimit, limits.pointee.cap_hit != 0, !message.contains("memory limit") {
            message = "script exceeded its \(LuaState.megabytes(cap)) MB memory limit (\(message))"
        }
        return LuaError(kind: kind, message: message, traceback: trace)
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % 1_048_576 == 0 ? String(bytes / 1_048_576) : String(Double(bytes) / 1_048_576)
    }

    // MARK: Stack

    /// Number of values on the main thread's stack.
    public var top: Int32 {
        get { lua_gettop(L) }
        set { lua_settop(L, newValue) }
    }

    public func pop(_ count: Int32 = 1) { lua_settop(L, -count - 1) }

    /// Makes room for `count` more values or throws.
    public func reserve(_ count: Int32) throws {
        guard lua_checkstack(L, count) != 0 else {
            throw LuaScriptError("stack overflow (cannot grow the Lua stack by \(count))")
        }
    }

    // MARK: Globals

    /// Pops the top value and stores it as global `name` (raw: no `__newindex` on `_G`).
    public func setGlobal(_ name: String) {
        lua_rawgeti(L, clua_registryindex(), clua_ridx_globals())
        lua_pushstring(L, name)
        lua_rotate(L, -3, -1)  // value, _G, name -> _G, name, value
        lua_rawset(L, -3)
        lua_settop(L, -2)
    }

    /// Stores a value as global `name`.
    public func setGlobal(_ name: String, _ value: LuaValue) throws {
        try push(value)
        setGlobal(name)
    }

    /// Reads global `name` (raw) as a Swift value.
    public func global(_ name: String) throws -> LuaValue {
        lua_rawgeti(L, clua_registryindex(), clua_ridx_globals())
        lua_pushstring(L, name)
        lua_rawget(L, -2)
        defer { lua_settop(L, -3) }
        return try value(at: -1)
    }

    /// `LUA_COPYRIGHT` of the Lua aikit embeds ("Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio"), what
    /// lua.c's `-v` prints.
    public static var copyright: String { String(cString: aikit_lua_copyright()) }

    /// Turns warnings on (`warn("@on")`), as lua.c's `-W`.
    public func turnWarningsOn() { lua_warning(L, "@on", 0) }

    /// Sets the `arg` table the way the `lua` interpreter does: `arguments[scriptIndex]` at index 0, what came
    /// before at negative indices, the script's own arguments at 1...n.
    public func setArgTable(_ arguments: [String], scriptIndex: Int) {
        lua_createtable(L, Int32(max(0, arguments.count - scriptIndex - 1)), Int32(max(0, scriptIndex + 1)))
        for (i, argument) in arguments.enumerated() {
            lua_pushstring(L, argument)
            lua_rawseti(L, -2, lua_Integer(i - scriptIndex))
        }
        setGlobal("arg")
    }
}

extension LuaState {
    /// Installs the trampoline's Swift callbacks once per process.
    fileprivate static let installCallbacks: Void = {
        aikit_set_callbacks(hostDispatch, boxRelease)
    }()
}

/// The string at `index` (a string or a number) without metamethods, or nil.
func string(at index: Int32, in L: OpaquePointer) -> String? {
    var length = 0
    guard let pointer = clua_tolstring(L, index, &length) else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
}
