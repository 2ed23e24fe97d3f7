import JSONValue
import JupyterKernel
import Testing

@Suite struct WireMessageTests {
    func message(_ code: String) -> WireMessage {
        var message = WireMessage(
            header: ["msg_id": .string("id-\(code)"), "msg_type": "execute_request"],
            content: ["code": .string(code)])
        message.identities = [[1, 2, 3]]
        return message
    }

    @Test func aSignedMessageRoundTrips() throws {
        let signer = MessageSigner(key: "secret")
        var reader = MessageSigner(key: "secret")
        let frames = signer.frames(message("x = 1"))
        #expect(frames[0] == [1, 2, 3])
        #expect(frames[1] == Array("<IDS|MSG>".utf8))
        #expect(frames[2].count == 64)  // hex HMAC-SHA256
        let parsed = try reader.parse(frames)
        #expect(parsed.type == "execute_request")
        #expect(parsed.content["code"]?.stringValue == "x = 1")
        #expect(parsed.identities == [[1, 2, 3]])
    }

    @Test func theSignatureCoversHeaderParentMetadataAndContent() throws {
        let signer = MessageSigner(key: "secret")
        for part in 3...6 {
            var frames = signer.frames(message("x = 1"))
            frames[part] = Array(frames[part].dropLast()) + Array(" }".utf8)  // same JSON meaning, other bytes
            var reader = MessageSigner(key: "secret")
            #expect(throws: WireError.badSignature) { try reader.parse(frames) }
        }
    }

    @Test func wrongKeyUnsignedReplayedAndMalformedMessagesAreRefused() throws {
        var reader = MessageSigner(key: "secret")
        #expect(throws: WireError.badSignature) { try reader.parse(MessageSigner(key: "other").frames(message("a"))) }
        #expect(throws: WireError.unsigned) { try reader.parse(MessageSigner(key: "").frames(message("b"))) }
        let frames = MessageSigner(key: "secret").frames(message("c"))
        _ = try reader.parse(frames)
        #expect(throws: WireError.replayed) { try reader.parse(frames) }
        // The same signature spelled in upper case (hex is case-blind) is still a replay.
        var upper = frames
        upper[2] = Array(String(decoding: frames[2], as: UTF8.self).uppercased().utf8)
        #expect(upper[2] != frames[2])
        #expect(throws: WireError.replayed) { try reader.parse(upper) }
        #expect(throws: WireError.noDelimiter) { try reader.parse([[1], [2]]) }
        #expect(throws: WireError.tooFewFrames(2)) { try reader.parse([Array("<IDS|MSG>".utf8), [], []]) }
        var unsignedReader = MessageSigner(key: "")
        var bad = MessageSigner(key: "").frames(message("d"))
        bad[6] = Array("[1]".utf8)
        #expect(throws: WireError.badJSON("content")) { try unsignedReader.parse(bad) }
    }

    @Test func anEmptyKeyTurnsSigningOff() throws {
        var reader = MessageSigner(key: "")
        let frames = MessageSigner(key: "").frames(message("x"))
        #expect(frames[2].isEmpty)
        #expect(try reader.parse(frames).content["code"]?.stringValue == "x")
    }

    @Test func jsonSerialisesWithSortedKeysAndEscapes() throws {
        let value: JSONValue = ["b": [1, 2.5, true, .null], "a": "line\n\"q\"\u{01}"]
        #expect(value.serialized() == #"{"a":"line\n\"q\"\u0001","b":[1,2.5,true,null]}"#)
        #expect(try JSONValue.parse(Array(value.serialized().utf8)) == value)
    }
}
