internal import FoundationEssentials
import JSONValue
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// The kernel's side of the Jupyter messaging protocol 5.3 over ZeroMQ: shell (requests), control (shutdown,
/// interrupt), iopub (status and output), stdin (input a cell reads) and heartbeat, each message signed
/// with the connection file's key. Requests run one at a time on the calling thread; control and heartbeat have
/// their own threads, so a shutdown or an interrupt is heard while a cell runs.
public final class KernelServer: @unchecked Sendable {
    // Sound as used: the mutable state (`signer`, `executionCount`, `history`, `stopping`, `finished`) is read and
    // written under `lock`; each channel but iopub and stdin belongs to one thread; `log` is set before `run`.
    let backend: any KernelBackend
    let session = UUID().uuidString.lowercased()
    /// ZeroMQ's context, when the channels are its sockets (terminated after they close).
    private let context: ZeroMQContext?
    private let shell: any KernelChannel
    private let control: any KernelChannel
    private let iopub: any KernelChannel
    private let stdinChannel: any KernelChannel
    private let heartbeat: any KernelChannel
    /// Serialises iopub (shared by the shell and control threads) and the signer's replay memory.
    let lock = Locked()
    private var signer: MessageSigner
    var executionCount = 0
    var history: [(Int, String)] = []
    var stopping = false
    /// The shell loop has ended (the parent watcher need not force an exit).
    private var finished = false
    /// Where diagnostics go (refused messages, unknown requests): the kernel's own standard error.
    public var log: (String) -> Void = { _ in }

    /// A kernel on ZeroMQ sockets bound to the ports of `connection`.
    public convenience init(connection: ConnectionInfo, backend: any KernelBackend) throws {
        let context: ZeroMQContext
        let sockets: [ZeroMQSocket]
        do {
            context = try ZeroMQContext()
            sockets = try [
                ("shell", ZMQ_ROUTER_TYPE, connection.shellPort), ("control", ZMQ_ROUTER_TYPE, connection.controlPort),
                ("iopub", ZMQ_PUB_TYPE, connection.iopubPort), ("stdin", ZMQ_ROUTER_TYPE, connection.stdinPort),
                ("heartbeat", ZMQ_REP_TYPE, connection.heartbeatPort),
            ].map { name, type, port in
                let socket = try ZeroMQSocket(context, type: type, name: name)
                try socket.bind(connection.endpoint(port))
                return socket
            }
        } catch let error as ZeroMQError {
            throw KernelSetupError(error.description)
        }
        let channels = KernelChannels(
            shell: sockets[0], control: sockets[1], iopub: sockets[2], stdin: sockets[3], heartbeat: sockets[4])
        self.init(channels: channels, key: connection.key, backend: backend, context: context)
    }

    /// A kernel on channels made elsewhere (an in-memory transport in tests), signing with `key`.
    public convenience init(channels: KernelChannels, key: String, backend: any KernelBackend) {
        self.init(channels: channels, key: key, backend: backend, context: nil)
    }

    private init(channels: KernelChannels, key: String, backend: any KernelBackend, context: ZeroMQContext?) {
        self.backend = backend
        self.context = context
        signer = MessageSigner(key: key)
        shell = channels.shell
        control = channels.control
        iopub = channels.iopub
        stdinChannel = channels.stdin
        heartbeat = channels.heartbeat
    }

    /// Serves until a shutdown request (or until `parentAlive` says the process that started the kernel is gone).
    public func run(parentAlive: @escaping @Sendable () -> Bool = { true }) {
        let threads = [
            Thread.start { [self] in
                // The heartbeat echoes every ping at once, whatever the shell is doing.
                while !isStopping {
                    if let ping = heartbeat.receive(timeout: 200) { heartbeat.send(ping) }
                }
            },
            Thread.start { [self] in
                while !isStopping {
                    guard let frames = control.receive(timeout: 200), let request = accept(frames, on: "control")
                    else { continue }
                    // Only what must be heard while a cell runs: anything else would run Lua on a second thread.
                    guard Self.controlRequests.contains(request.type) else {
                        log("aikit kernel: \(request.type) is not served on the control channel; send it on shell")
                        continue
                    }
                    handle(request, on: control)
                }
            },
        ]
        let watcher = Thread.start { [self] in watchParent(parentAlive) }
        publish("status", ["execution_state": "starting"], parent: [:])
        while !isStopping {
            guard let frames = shell.receive(timeout: 200) else { continue }
            if let request = accept(frames, on: "shell") { handle(request, on: shell) }
        }
        lock.withLock {
            stopping = true
            finished = true
        }
        // The other threads see the flag within one poll period; the channels close after they have ended.
        for thread in threads + [watcher] { thread?.join() }
        for channel in [shell, control, iopub, stdinChannel, heartbeat] { channel.close() }
        context?.terminate()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    /// Once a second, whatever the shell is doing: when the process that started the kernel is gone, the kernel
    /// stops — the running cell is interrupted (a loop in any coroutine included) and, if it has not ended
    /// `grace` seconds later (a host function that does not return), the process exits. Nobody is left to see it.
    private func watchParent(_ parentAlive: () -> Bool, grace: Double = 5) {
        var ticks = 0
        while !isStopping {
            usleep(100_000)
            ticks += 1
            guard ticks % 10 == 0, !parentAlive() else { continue }
            log("aikit kernel: the process that started the kernel is gone; stopping")
            lock.withLock { stopping = true }
            backend.interrupt()
            for _ in 0..<Int(grace * 10) {
                usleep(100_000)
                if lock.withLock({ finished }) { return }
            }
            log("aikit kernel: the running cell did not stop after \(grace) s; exiting")
            _exit(1)
        }
    }

    static let controlRequests: Set<String> = ["shutdown_request", "interrupt_request", "kernel_info_request"]

    func accept(_ frames: [[UInt8]], on channel: String) -> WireMessage? {
        do {
            return try lock.withLock { () throws(WireError) -> WireMessage in try signer.parse(frames) }
        } catch {
            log("aikit kernel: refused a message on \(channel): \(error)")
            return nil
        }
    }

    // MARK: Sending

    func header(_ type: String) -> JSONValue {
        [
            "msg_id": .string(UUID().uuidString.lowercased()), "session": .string(session), "username": "aikit",
            "date": .string(Self.timestamp()), "msg_type": .string(type), "version": "5.3",
        ]
    }

    /// Asks the frontend that sent `request` for a line (input_request on stdin, to the identities of its shell
    /// socket, which its stdin socket shares) and waits for the input_reply, polling `cancelled` every 100 ms.
    func requestInput(for request: WireMessage, prompt: String, password: Bool, cancelled: () -> Bool) -> String? {
        var message = WireMessage(
            header: header("input_request"), content: ["prompt": .string(prompt), "password": .bool(password)])
        message.identities = request.identities
        message.parentHeader = request.header
        let id = message.header["msg_id"]?.stringValue
        guard lock.withLock({ stdinChannel.send(signer.frames(message)) }) else { return nil }
        while !isStopping, !cancelled() {
            guard let frames = stdinChannel.receive(timeout: 100), let answer = accept(frames, on: "stdin") else {
                continue
            }
            // A reply naming another request (a stale one) is not this one's; jupyter_client's `input()` names none.
            let parent = answer.parentHeader["msg_id"]?.stringValue
            guard answer.type == "input_reply", parent == nil || parent == id else {
                log("aikit kernel: ignored \(answer.type) on stdin: not the reply to the pending input_request")
                continue
            }
            return answer.content["value"]?.stringValue ?? ""
        }
        return nil
    }

    func reply(to request: WireMessage, on socket: any KernelChannel, type: String, content: JSONValue) {
        var message = WireMessage(header: header(type), content: content)
        message.identities = request.identities
        message.parentHeader = request.header
        lock.withLock { _ = socket.send(signer.frames(message)) }
    }

    func publish(_ type: String, _ content: JSONValue, parent: JSONValue) {
        var message = WireMessage(header: header(type), content: content)
        message.parentHeader = parent
        message.identities = [Array("kernel.\(session).\(type)".utf8)]
        lock.withLock { _ = iopub.send(signer.frames(message)) }
    }

    static func json(_ bundle: MIMEBundle) -> JSONValue { .object(bundle.mapValues { .string($0) }) }

    /// ISO 8601 in UTC with microseconds, as Jupyter's own messages carry.
    static func timestamp() -> String { KernelClock.iso8601(KernelClock.now()) }
}

/// One cell's output channel: stream and display messages on iopub under the cell's request, and its input.
final class CellOutput: KernelOutput {
    let server: KernelServer
    let request: WireMessage
    let silent: Bool
    var parent: JSONValue { request.header }

    init(server: KernelServer, request: WireMessage, silent: Bool) {
        self.server = server
        self.request = request
        self.silent = silent
    }

    func input(prompt: String, password: Bool, cancelled: () -> Bool) -> String? {
        guard request.content["allow_stdin"]?.boolValue ?? false else { return nil }
        return server.requestInput(for: request, prompt: prompt, password: password, cancelled: cancelled)
    }

    func stream(_ name: String, _ text: String) {
        guard !silent, !text.isEmpty else { return }
        server.publish("stream", ["name": .string(name), "text": .string(text)], parent: parent)
    }

    func display(_ bundle: MIMEBundle) {
        guard !silent else { return }
        server.publish(
            "display_data", ["data": KernelServer.json(bundle), "metadata": [:], "transient": [:]], parent: parent)
    }
}

let ZMQ_ROUTER_TYPE: Int32 = 6
let ZMQ_PUB_TYPE: Int32 = 1
let ZMQ_REP_TYPE: Int32 = 4
