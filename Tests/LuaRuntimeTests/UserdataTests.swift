import LuaRuntime
import Testing

@Suite struct UserdataTests {
    let ledger = Ledger()
    func makeState() throws -> LuaState { try counterState(ledger) }

    @Test func metatableHasNameAndToString() throws {
        let lua = try makeState()
        #expect(
            try lua.run("local c = counter(3) return getmetatable(c).__name, tostring(c), type(c)") == [
                "test.Counter", "Counter(3)", "userdata",
            ])
    }

    @Test func garbageCollectionReleasesTheSwiftObject() throws {
        let lua = try makeState()
        try lua.run("for i = 1, 100 do counter(i) end collectgarbage() collectgarbage()")
        #expect(ledger.released == 100)
    }

    @Test func closeReleasesAndLaterUseIsAnError() throws {
        let lua = try makeState()
        try lua.run("do local c <close> = counter(1) keep = c end")
        #expect(ledger.released == 1)
        let error = try #require(runError(lua, "return keep:get()"))
        #expect(error.message.contains("attempt to use a closed test.Counter"))
        #expect(try lua.run("return tostring(keep)") == ["test.Counter (closed)"])
    }

    @Test func closingTheStateReleasesEverything() throws {
        do {
            let lua = try makeState()
            try lua.run("held = {counter(1), counter(2)}")
        }
        #expect(ledger.released == 2)
    }
}
