import CZeroMQ

#if canImport(Glibc)
    import Glibc
#endif

/// A ZeroMQ failure: what was being done, and libzmq's reason.
public struct ZeroMQError: Error, CustomStringConvertible {
    public let description: String

    init(_ what: String) {
        description = "\(what): \(String(cString: czmq_strerror(czmq_errno())))"
    }

    init(message: String) { description = message }
}

/// One ZeroMQ context for the kernel's sockets; libzmq is opened (dlopen) when the first context is made.
final class ZeroMQContext: @unchecked Sendable {
    // Sound: a ZeroMQ context is thread-safe (zmq(7): "ØMQ contexts are thread safe"); the handle never changes.
    let handle: UnsafeMutableRawPointer

    init() throws {
        var message = [CChar](repeating: 0, count: 512)
        guard CZeroMQ_load(&message, message.count) == 0 else {
            throw ZeroMQError(
                message: String(
                    decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                    as: UTF8.self))
        }
        guard let handle = czmq_ctx_new() else { throw ZeroMQError("cannot create a ZeroMQ context") }
        self.handle = handle
    }

    func terminate() { _ = czmq_ctx_term(handle) }
}

/// A socket used by one thread at a time (ZeroMQ sockets are not thread-safe; the kernel's shared iopub socket is
/// serialised by a lock, which also gives the memory barrier ZeroMQ asks for when a socket changes threads).
final class ZeroMQSocket: @unchecked Sendable {
    // Sound as used: each socket is used by one thread, or (iopub, stdin) only under `KernelServer.lock`.
    let handle: UnsafeMutableRawPointer
    let name: String

    init(_ context: ZeroMQContext, type: Int32, name: String) throws {
        guard let handle = czmq_socket(context.handle, type) else {
            throw ZeroMQError("cannot create the \(name) socket")
        }
        self.handle = handle
        self.name = name
        var linger: Int32 = 1000  // on close, give unsent replies a second, then drop them
        _ = czmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    func bind(_ endpoint: String) throws {
        guard czmq_bind(handle, endpoint) == 0 else {
            throw ZeroMQError("cannot bind the \(name) channel to \(endpoint)")
        }
    }

    /// Sends a multipart message; false when ZeroMQ refused it (the peer is gone: replies are best effort).
    @discardableResult
    func send(_ frames: [[UInt8]]) -> Bool {
        for (index, frame) in frames.enumerated() {
            let flags: Int32 = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            let sent = frame.withUnsafeBytes { czmq_send(handle, $0.baseAddress, $0.count, flags) }
            if sent < 0 { return false }
        }
        return true
    }

    /// Receives one multipart message, waiting at most `timeout` ms (-1: forever); nil on timeout or interruption.
    func receive(timeout: Int) -> [[UInt8]]? {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        guard czmq_poll(&item, 1, timeout) > 0 else { return nil }
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            czmq_msg_init(&message)
            defer { czmq_msg_close(&message) }
            guard czmq_msg_recv(&message, handle, 0) >= 0 else { return frames.isEmpty ? nil : frames }
            let size = czmq_msg_size(&message)
            let bytes = czmq_msg_data(&message).map { UnsafeRawBufferPointer(start: $0, count: size) }
            frames.append(bytes.map { Array($0) } ?? [])
            if czmq_msg_more(&message) == 0 { return frames }
        }
    }

    func close() { _ = czmq_close(handle) }
}
