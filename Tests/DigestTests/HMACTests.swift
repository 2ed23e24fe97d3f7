import Digest
import Testing

@Suite struct HMACTests {
    /// RFC 4231's test cases 1, 2 and 6 (a key longer than the block is hashed first).
    @Test(arguments: [
        (
            [UInt8](repeating: 0x0b, count: 20), "Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Array("Jefe".utf8), "what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        (
            [UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
    ])
    func matchesRFC4231(key: [UInt8], message: String, expected: String) {
        #expect(Hex.encode(HMAC.sha256(key: key, message: Array(message.utf8))) == expected)
    }

    @Test func hexRoundTripsAndRejectsWhatIsNotHex() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xfe, 0xff]
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode("0A0b") == [0x0a, 0x0b])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    @Test func constantTimeEqualityComparesWholeValues() {
        #expect(HMAC.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!HMAC.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!HMAC.constantTimeEqual([1, 2, 3], [1, 2]))
    }
}
