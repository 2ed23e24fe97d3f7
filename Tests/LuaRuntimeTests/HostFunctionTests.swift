import LuaRuntime
import Testing

@Suite struct HostFunctionTests {
    func makeState() throws -> LuaState {
        let lua = try LuaState()
        try lua.push(
            module: ModuleDefinition(
                name: "cost",
                functions: [
                    "training": { call in
                        let gpus = try call.number(1)
                        let hours = try call.number(2)
                        call.push(gpus * hours)
                        return 1
                    },
                    "fail": { _ in throw LuaScriptError("no such scenario") },
                ]))
        lua.setGlobal("cost")
        return lua
    }

    @Test func resultsAndArguments() throws {
        let lua = try makeState()
        #expect(try lua.run("return cost.training(2048, 1361)") == [.number(2_787_328)])
        #expect(try lua.run("return cost.training('2', 3)") == [.number(6)])  // numeric strings, as luaL_checknumber
    }

    @Test func badArgumentNamesFunctionAndArgument() throws {
        let lua = try makeState()
        let error = try #require(runError(lua, "cost.training(1, 'x')"))
        #expect(error.message == "(test):1: bad argument #2 to 'cost.training' (number expected, got string)")
        #expect(error.kind == .runtime)
        let missing = try #require(runError(lua, "cost.training(1)"))
        #expect(missing.message == "(test):1: bad argument #2 to 'cost.training' (number expected, got no value)")
    }

    @Test func swiftErrorsAreCatchableWithPcall() throws {
        let lua = try makeState()
        let results = try lua.run("local ok, e = pcall(cost.fail) return ok, e")
        #expect(results == [false, "cost.fail: no such scenario"])
        let error = try #require(runError(lua, "\n cost.fail()"))
        #expect(error.message == "(test):2: cost.fail: no such scenario")
        let traceback = try #require(error.traceback)
        #expect(traceback.contains("[C]: in field 'fail'") && traceback.contains("(test):2: in main chunk"))
    }

    @Test func nestedLuaErrorsPassThroughUnchanged() throws {
        let lua = try LuaState()
        lua.register("apply") { call in
            let function = try call.function(1)
            let results = try call.call(function, [try call.value(2)])
            for result in results { try call.push(result) }
            return Int32(results.count)
        }
        #expect(try lua.run("return apply(function(x) return x + 1 end, 41)") == [42])
        let error = try #require(runError(lua, "apply(function(x) error('inner ' .. x) end, 7)"))
        #expect(error.message == "(test):1: inner 7")
    }

    @Test func methodArgumentsCountFromTheFirstExplicitOne() throws {
        let lua = try counterState(Ledger())
        #expect(try lua.run("local c = counter(5) c:add(3) return c:get(), tostring(c)") == [8, "Counter(8)"])
        let bad = try #require(runError(lua, "local c = counter(5) c:add('x')"))
        #expect(bad.message == "(test):1: bad argument #1 to 'test.Counter:add' (number expected, got string)")
        let badSelf = try #require(runError(lua, "local c = counter(5) c.get({})"))
        #expect(badSelf.message.hasSuffix("calling 'test.Counter:get' on bad self (test.Counter expected, got table)"))
        let fraction = try #require(runError(lua, "counter(1.5)"))
        #expect(fraction.message == "(test):1: bad argument #1 to 'counter' (number has no integer representation)")
    }

    @Test func coroutinesCallHostFunctionsAndCannotYieldAcrossThem() throws {
        let lua = try LuaState()
        lua.register("apply") { call in
            let results = try call.call(try call.function(1), [])
            for result in results { try call.push(result) }
            return Int32(results.count)
        }
        #expect(
            try lua.run(
                """
                local co = coroutine.wrap(function() coroutine.yield(apply(function() return 1 end)) return 2 end)
                return co(), co()
                """) == [1, 2])
        let results = try lua.run(
            """
            local co = coroutine.create(function() apply(function() coroutine.yield(1) end) end)
            return coroutine.resume(co)
            """)
        #expect(results.first == false)
        #expect(results.last?.stringValue?.contains("attempt to yield across a C-call boundary") == true)
    }

    /// 10,000 errors raised through host functions: every `defer` runs, every Swift object is released.
    @Test func tenThousandErrorsLeakNothing() throws {
        let ledger = Ledger()
        let lua = try counterState(ledger)
        lua.register("explode") { call in
            let object = Tracked(ledger)
            defer { ledger.defersRun += 1 }
            _ = object
            throw LuaScriptError("boom \(try call.integer(1))")
        }
        lua.register("explodeInside") { call in
            let object = Tracked(ledger)
            defer { ledger.defersRun += 1 }
            _ = object
            _ = try call.call(try call.function(1), [])
            return 0
        }
        let results = try lua.run(
            """
            local caught = 0
            for i = 1, 5000 do
              if not pcall(explode, i) then caught = caught + 1 end
              local ok = pcall(explodeInside, function() local c = counter(1) c:add('bad') end)
              if not ok then caught = caught + 1 end
            end
            collectgarbage() collectgarbage()
            return caught
            """)
        #expect(results == [10_000])
        #expect(ledger.defersRun == 10_000)
        #expect(ledger.live == 0)
        // 5,000 + 5,000 Tracked in the host functions, 5,000 inside the Counters made by the callbacks.
        #expect(ledger.released == 15_000)
    }
}
