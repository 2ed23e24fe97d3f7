import Dispatch
import LuaRuntime
import SystemCalls
import Testing

@Suite struct LimitsTests {
    @Test func timeLimitCannotBeSwallowedByPcall() throws {
        let lua = try LuaState()
        lua.setTimeLimit(0.2)
        let error = try #require(
            runError(
                lua,
                """
                while true do
                  pcall(function() while true do end end)
                end
                """))
        #expect(error.kind == .timeout)
        #expect(error.message.contains("script exceeded its 0.2 s time limit"))
        lua.resetLimits()
        #expect(try lua.run("return 1 + 1") == [2])
    }

    @Test func timeLimitAppliesInsideCoroutines() throws {
        let lua = try LuaState()
        lua.setTimeLimit(0.2)
        let error = try #require(runError(lua, "coroutine.wrap(function() while true do end end)()"))
        #expect(error.kind == .timeout)
    }

    @Test func memoryLimitIsAClearError() throws {
        let lua = try LuaState(options: LuaState.Options(memoryLimitBytes: 8 << 20))
        let error = try #require(runError(lua, "local t = {} for i = 1, 1e8 do t[i] = 'row ' .. i end"))
        #expect(error.kind == .memory)
        #expect(error.message.contains("script exceeded its 8 MB memory limit"))
        lua.resetLimits()
        try lua.run("collectgarbage()")
        #expect(try lua.run("return 'still works'") == ["still works"])
        // Lua itself never passes the cap; a few hundred bytes of error text made by Swift may.
        #expect(lua.peakMemory < (8 << 20) + 4096)
    }

    @Test func memoryLimitCannotBeSwallowedByPcall() throws {
        let lua = try LuaState(options: LuaState.Options(memoryLimitBytes: 8 << 20))
        let error = try #require(
            runError(
                lua,
                """
                local ok = pcall(function() local t = {} for i = 1, 1e8 do t[i] = 'row ' .. i end end)
                while true do end
                """))
        #expect(error.kind == .memory)
        #expect(error.message.contains("script exceeded its 8 MB memory limit"))
        lua.resetLimits()
        #expect(try lua.run("return 'usable again'") == ["usable again"])
    }

    @Test func interruptStopsTheRunningChunk() throws {
        let lua = try LuaState()
        lua.register("pressCtrlC") { call in
            call.state.requestInterrupt()
            return 0
        }
        let error = try #require(runError(lua, "pressCtrlC() while true do pcall(function() end) end"))
        #expect(error.kind == .interrupted)
        #expect(error.message.contains("interrupted!"))
        lua.resetLimits()
        #expect(try lua.run("return 2") == [2])
    }

    /// The flag raised from another thread (as the kernel's interrupt or a signal handler does) is what the hook reads:
    /// a loop under a time limit (so the count hook runs) stops as interrupted, not at its limit.
    @Test func aFlagRaisedOnAnotherThreadStopsTheChunk() throws {
        let lua = try LuaState()
        lua.setTimeLimit(30)
        let flag = lua.interruptFlag
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.raise() }
        let error = try #require(runError(lua, "while true do end"))
        #expect(error.kind == .interrupted)
        lua.resetLimits()
        #expect(!flag.isRaised)
    }

    /// The flag belongs to whoever holds it: it stays valid after its state is closed (a stored pointer into the
    /// state's limits would dangle).
    @Test func theInterruptFlagOutlivesItsState() throws {
        var flag: InterruptFlag?
        do { flag = try LuaState().interruptFlag }
        flag?.raise()
        #expect(flag?.isRaised == true)
    }

    @Test func deepRecursionIsStackOverflowNotACrash() throws {
        let lua = try LuaState()
        let error = try #require(runError(lua, "local function r(n) return 1 + r(n + 1) end return r(1)"))
        #expect(error.message.contains("stack overflow"))
        lua.register("callback") { call in
            _ = try call.call(try call.function(1), [])
            return 0
        }
        let throughSwift = try #require(runError(lua, "local function r() callback(r) end r()"))
        #expect(throughSwift.message.contains("stack overflow"))
    }

    @Test func errorInsideGcDoesNotCrash() throws {
        let lua = try LuaState()
        try lua.run(
            """
            setmetatable({}, {__gc = function() error('gc failure') end})
            collectgarbage() collectgarbage()
            """)
        #expect(try lua.run("return 'alive'") == ["alive"])
    }
}
