import LuaRuntime

/// Counts what one test created and released (tests run in parallel, so no shared statics).
final class Ledger: @unchecked Sendable {
    var live = 0
    var released = 0
    var defersRun = 0
}

/// An object whose lifetime a ledger records, to prove errors leak nothing.
final class Tracked {
    let ledger: Ledger
    init(_ ledger: Ledger) {
        self.ledger = ledger
        ledger.live += 1
    }
    deinit {
        ledger.live -= 1
        ledger.released += 1
    }
}

/// A Swift object exposed as userdata in the tests.
final class Counter {
    var value: Int64
    let tracked: Tracked
    init(_ value: Int64, _ ledger: Ledger) {
        self.value = value
        self.tracked = Tracked(ledger)
    }

    static let luaClass = LuaClass<Counter>(
        "test.Counter",
        methods: [
            "get": { counter, call in
                call.push(counter.value)
                return 1
            },
            "add": { counter, call in
                counter.value += try call.integer(2)
                return 0
            },
        ],
        describe: { "Counter(\($0.value))" }
    )
}

/// A state with `counter(n)` making a `Counter` recorded in `ledger`.
func counterState(_ ledger: Ledger) throws -> LuaState {
    let lua = try LuaState()
    lua.register(Counter.luaClass)
    lua.register("counter") { call in
        call.push(Counter(try call.integer(1), ledger), as: Counter.luaClass)
        return 1
    }
    return lua
}

/// Runs `code` and returns the error it raised, or nil.
func runError(_ lua: LuaState, _ code: String) -> LuaError? {
    do {
        try lua.run(code, name: "=(test)")
        return nil
    } catch let error as LuaError {
        return error
    } catch {
        return LuaError(kind: .runtime, message: "\(error)")
    }
}
