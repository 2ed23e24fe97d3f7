import PartyScreening
import Testing

/// A screened word of n letters used to hash its n one-letter deletions at O(n) each: a megabyte-long word took
/// hours (the Lua fuzzer's `compliance.screen(string.rep('x', 1 << 20))`). Words longer than any listed word by more
/// than one edit now skip that index, and the answer is the same.
@Suite struct LongNameScreeningTests {
    let list = PartyList.bundled

    @Test(arguments: [1 << 20, 2_000])
    func hugeWordsAreScreenedQuickly(length: Int) {
        let clock = ContinuousClock()
        let started = clock.now
        #expect(list.screen(String(repeating: "x", count: length)).isEmpty)
        #expect(list.screen("Huawei " + String(repeating: "q", count: length)).isEmpty)
        #expect(clock.now - started < .seconds(60))  // hours before; ~1 s in a debug build
    }

    @Test func aLongNameWithAListedOneStillMatchesWhenItsOtherWordsAreShort() throws {
        let match = try #require(list.screen("Huawei Technologies Limitted").first)
        #expect(match.party.name == "Huawei Technologies Co., Ltd.")
    }
}
