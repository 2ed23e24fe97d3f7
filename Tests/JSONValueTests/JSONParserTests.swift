import Foundation
import Testing

@testable import JSONValue

/// `JSONParser` against JSONDecoder's reading of the same documents, and the documents it must refuse without a trap
/// (deep nesting, bad escapes, bad numbers), and the parse-cost estimate that refuses a document before parsing.
@Suite struct JSONParserTests {
    @Test(arguments: [
        #"{"a":[1,-2.5,3e2,0,-0.0,1E-3],"b":{"c":null,"d":true,"e":false},"s":"x\"\\\/\b\f\n\r\té\u00e9\ud83d\ude00"}"#,
        #"  [ ]  "#, #"{}"#, #""just a string""#, "42", "\u{FEFF}[1]", #"[{"symbol":"NVDA","close":142.24}]"#,
        #"{"dup":1,"dup":2}"#, "[9223372036854775808, 1e308]",
    ])
    func readsWhatJSONDecoderReads(_ text: String) throws {
        let bytes = Array(text.utf8)
        let parsed = try JSONValue.parse(bytes)
        let decoded = try JSONDecoder().decode(
            JSONValue.self, from: Data(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes))
        #expect(parsed == decoded, "\(text)")
    }

    @Test(arguments: [
        ("[1,]", "unexpected character; expected a value"), ("[1 2]", "expected ',' or ']'"),
        (#"{"a" 1}"#, "expected ':'"), (#"{a:1}"#, "expected a quoted member name"), ("[01]", "leading zero"),
        ("[1.]", "digits after '.'"), ("[-]", "a number needs digits"), ("[1e]", "exponent"),
        (#"["\x"]"#, "unknown escape"), (#"["\ud800"]"#, "lone high surrogate"), (#"["\udc00"]"#, "lone low surrogate"),
        ("[\"a\u{01}\"]", "control character"), (#"["abc"#, "not closed"), ("[NaN]", "expected a value"),
        ("[true false]", "expected ','"), ("", "a value is missing"), ("[1] x", "unexpected text after"),
        (String(repeating: "[", count: 100_000), "nested more than 512 levels"),
    ])
    func refusesWhatIsNotJSONSayingWhere(_ text: String, _ message: String) {
        let error = #expect(throws: (any Error).self) { try JSONValue.parse(Array(text.utf8)) }
        #expect(
            "\(error.map { "\($0)" } ?? "")".contains(message), "\(text.prefix(40)): \(error.map { "\($0)" } ?? "")")
    }

    @Test func invalidUTF8InAStringIsRefused() {
        #expect(throws: (any Error).self) { try JSONValue.parse([0x5B, 0x22, 0xFF, 0x22, 0x5D]) }
    }

    @Test func valueCountAndTheParseLimit() throws {
        #expect(JSONValue.valueCount(Array(#"[{},{"a":[1,2]},"x,{[",[]]"#.utf8)) == 8)
        let empties = Array(("[" + Array(repeating: "{}", count: 100_000).joined(separator: ",") + "]").utf8)
        #expect(JSONValue.valueCount(empties) == 100_001)
        let error = #expect(throws: JSONValue.TooLarge.self) { try JSONValue.parse(empties, limit: 1_048_576) }
        #expect(error?.description.contains("holds about 100001 JSON values") == true)
        #expect(try JSONValue.parse(empties).any is [Any])
    }
}
