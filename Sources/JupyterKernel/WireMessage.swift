import Digest
public import JSONValue

/// One message of the Jupyter messaging protocol (5.3) in its wire form: routing identities, the `<IDS|MSG>`
/// delimiter, an HMAC signature, then header, parent header, metadata and content as JSON, then binary buffers.
public struct WireMessage: Sendable {
    public var identities: [[UInt8]] = []
    public var header: JSONValue
    public var parentHeader: JSONValue = [:]
    public var metadata: JSONValue = [:]
    public var content: JSONValue
    public var buffers: [[UInt8]] = []

    public var type: String { header["msg_type"]?.stringValue ?? "" }

    public init(header: JSONValue, content: JSONValue) {
        self.header = header
        self.content = content
    }

    static let delimiter = Array("<IDS|MSG>".utf8)
}

/// Why a received message was refused.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case noDelimiter
    case tooFewFrames(Int)
    case unsigned
    case badSignature
    case replayed
    case badJSON(String)

    public var description: String {
        switch self {
        case .noDelimiter: "no <IDS|MSG> delimiter"
        case .tooFewFrames(let count): "\(count) frames after the delimiter, fewer than the 5 required"
        case .unsigned: "no signature, but the connection file has a key"
        case .badSignature: "a signature that does not match the connection file's key"
        case .replayed: "a signature already seen (a replayed message)"
        case .badJSON(let part): "its \(part) is not a JSON object"
        }
    }
}

/// Signs outgoing messages and checks incoming ones with the connection file's key (HMAC-SHA256, the only scheme
/// the kernel accepts). An empty key turns signing off, as the protocol says. Signatures already seen are refused,
/// so a captured message cannot be replayed: remembered as the decoded digest, not as the hex text, so the same
/// signature in upper case (or any other spelling the hex decoder accepts) is the same signature.
public struct MessageSigner: Sendable {
    let key: [UInt8]
    private var seen: Set<[UInt8]> = []
    private var seenOrder: [[UInt8]] = []
    private let remembered = 4096

    public init(key: String) { self.key = Array(key.utf8) }

    public func signature(_ parts: [[UInt8]]) -> [UInt8] {
        guard !key.isEmpty else { return [] }
        return Array(Hex.encode(HMAC.sha256(key: key, message: parts.flatMap { $0 })).utf8)
    }

    /// The frames of `message`, signed.
    public func frames(_ message: WireMessage) -> [[UInt8]] {
        let parts = [message.header, message.parentHeader, message.metadata, message.content].map {
            Array($0.serialized().utf8)
        }
        return message.identities + [WireMessage.delimiter, signature(parts)] + parts + message.buffers
    }

    /// The message in `frames`, once its signature checks out.
    public mutating func parse(_ frames: [[UInt8]]) throws(WireError) -> WireMessage {
        guard let split = frames.firstIndex(of: WireMessage.delimiter) else { throw .noDelimiter }
        let rest = Array(frames[(split + 1)...])
        guard rest.count >= 5 else { throw .tooFewFrames(rest.count) }
        let parts = Array(rest[1...4])
        if !key.isEmpty {
            guard !rest[0].isEmpty else { throw .unsigned }
            guard let given = Hex.decode(String(decoding: rest[0], as: UTF8.self)),
                HMAC.constantTimeEqual(given, HMAC.sha256(key: key, message: parts.flatMap { $0 }))
            else { throw .badSignature }
            guard seen.insert(given).inserted else { throw .replayed }
            seenOrder.append(given)
            if seenOrder.count > remembered { seen.remove(seenOrder.removeFirst()) }
        }
        var values: [JSONValue] = []
        for (part, name) in zip(parts, ["header", "parent header", "metadata", "content"]) {
            guard let value = try? JSONValue.parse(part), value.objectValue != nil else { throw .badJSON(name) }
            values.append(value)
        }
        var message = WireMessage(header: values[0], content: values[3])
        message.identities = Array(frames[..<split])
        message.parentHeader = values[1]
        message.metadata = values[2]
        message.buffers = Array(rest.dropFirst(5))
        return message
    }
}
