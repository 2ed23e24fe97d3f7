import JSONValue
import SystemCalls

/// The connection file Jupyter writes for a kernel: where to bind its five channels and the key to sign with.
public struct ConnectionInfo: Sendable, Equatable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var heartbeatPort: Int
    public var key: String

    /// Reads and checks a connection file; errors name the file and the field.
    public init(path: String) throws(KernelSetupError) {
        let bytes: [UInt8]
        switch SystemCall.readRegularFile(path) {
        case .success(let read): bytes = read
        case .failure(let error): throw KernelSetupError("cannot read the connection file \(path): \(error)")
        }
        guard let document = try? JSONValue.parse(bytes), document.objectValue != nil else {
            throw KernelSetupError("the connection file \(path) is not a JSON object")
        }
        func port(_ name: String) throws(KernelSetupError) -> Int {
            guard let value = document[name]?.intValue, (0...65535).contains(value) else {
                throw KernelSetupError("the connection file \(path) has no valid \(name) (a port number 0…65535)")
            }
            return value
        }
        transport = document["transport"]?.stringValue ?? "tcp"
        guard transport == "tcp" || transport == "ipc" else {
            throw KernelSetupError("the connection file \(path) asks for transport '\(transport)'; use tcp or ipc")
        }
        ip = document["ip"]?.stringValue ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        heartbeatPort = try port("hb_port")
        key = document["key"]?.stringValue ?? ""
        let scheme = document["signature_scheme"]?.stringValue ?? "hmac-sha256"
        guard scheme == "hmac-sha256" else {
            throw KernelSetupError(
                "the connection file \(path) asks for signature_scheme '\(scheme)'; aikit signs with "
                    + "hmac-sha256 only")
        }
    }

    public func endpoint(_ port: Int) -> String {
        transport == "tcp" ? "tcp://\(ip):\(port)" : "ipc://\(ip)-\(port)"
    }
}

/// Why the kernel could not start (bad connection file, libzmq missing, a port taken).
public struct KernelSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
