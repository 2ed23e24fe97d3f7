internal import FoundationEssentials
import JSONValue

#if canImport(Glibc)
    import Glibc
#endif

/// The kernel's side of the Jupyter messaging protocol 5.3 over ZeroMQ: shell (requests), control (shutdown,
/// interrupt), iopub (status and output), stdin (input a cell reads) and heartbeat, each message signed
/// with the connection file's key. Requests run one at a time on the calling thread; control and heartbeat have
/// their own threads, so a shutdown or an interrupt is heard while a cell runs.
public final class KernelServer: @unchecked Sendable {
    let connection: ConnectionInfo
    let backend: any KernelBackend
    let session = UUID().uuidString.lowercased()
    private let context: ZeroMQContext
    private let shell: ZeroMQSocket
    private let control: ZeroMQSocket
    private let iopub: ZeroMQSocket
    private let stdinChannel: ZeroMQSocket
    private let heartbeat: ZeroMQSocket
    /// Serialises iopub (shared by the shell and control threads) and the signer's replay memory.
    private let lock = Mutex()
    private var signer: MessageSigner
    private var executionCount = 0
    private var history: [(Int, String)] = []
    private var stopping = false
    /// The shell loop has ended (the parent watcher need not force an exit).
    private var finished = false
    /// Where diagnostics go (refused messages, unknown requests): the kernel's own standard error.
    public var log: (String) -> Void = { _ in }

    public init(connection: ConnectionInfo, backend: any KernelBackend) throws {
        self.connection = connection
        self.backend = backend
        signer = MessageSigner(key: connection.key)
        do {
            context = try ZeroMQContext()
            shell = try ZeroMQSocket(context, type: ZMQ_ROUTER_TYPE, name: "shell")
            control = try ZeroMQSocket(context, type: ZMQ_ROUTER_TYPE, name: "control")
            iopub = try ZeroMQSocket(context, type: ZMQ_PUB_TYPE, name: "iopub")
            stdinChannel = try ZeroMQSocket(context, type: ZMQ_ROUTER_TYPE, name: "stdin")
            heartbeat = try ZeroMQSocket(context, type: ZMQ_REP_TYPE, name: "heartbeat")
            try shell.bind(connection.endpoint(connection.shellPort))
            try control.bind(connection.endpoint(connection.controlPort))
            try iopub.bind(connection.endpoint(connection.iopubPort))
            try stdinChannel.bind(connection.endpoint(connection.stdinPort))
            try heartbeat.bind(connection.endpoint(connection.heartbeatPort))
        } catch let error as ZeroMQError {
            throw KernelSetupError(error.description)
        }
    }

    /// Serves until a shutdown request (or until `parentAlive` says the process that started the kernel is gone).
    public func run(parentAlive: @escaping @Sendable () -> Bool = { true }) {
        Thread.start { [self] in
            // The heartbeat echoes every ping at once, whatever the shell is doing.
            while !isStopping {
                if let ping = heartbeat.receive(timeout: 200) { heartbeat.send(ping) }
            }
        }
        Thread.start { [self] in
            while !isStopping {
                guard let frames = control.receive(timeout: 200), let request = accept(frames, on: "control") else {
                    continue
                }
                // Only what must be heard while a cell runs: anything else would run Lua on a second thread.
                guard Self.controlRequests.contains(request.type) else {
                    log("aikit kernel: \(request.type) is not served on the control channel; send it on shell")
                    continue
                }
                handle(request, on: control)
            }
        }
        Thread.start { [self] in watchParent(parentAlive) }
        publish("status", ["execution_state": "starting"], parent: [:])
        while !isStopping {
            guard let frames = shell.receive(timeout: 200) else { continue }
            if let request = accept(frames, on: "shell") { handle(request, on: shell) }
        }
        lock.withLock {
            stopping = true
            finished = true
        }
        // Give the other threads a poll period to see the flag, then close everything.
        usleep(300_000)
        for socket in [shell, control, iopub, stdinChannel, heartbeat] { socket.close() }
        context.terminate()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    /// Once a second, whatever the shell is doing: when the process that started the kernel is gone, the kernel
    /// stops — the running cell is interrupted (a loop in any coroutine included) and, if it has not ended
    /// `grace` seconds later (a host function that does not return), the process exits. Nobody is left to see it.
    private func watchParent(_ parentAlive: () -> Bool, grace: Double = 5) {
        while !isStopping {
            usleep(1_000_000)
            guard !parentAlive() else { continue }
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

    private func accept(_ frames: [[UInt8]], on channel: String) -> WireMessage? {
        do {
            return try lock.withLock { () throws(WireError) -> WireMessage in try signer.parse(frames) }
        } catch {
            log("aikit kernel: refused a message on \(channel): \(error)")
            return nil
        }
    }

    // MARK: Requests

    private func handle(_ request: WireMessage, on socket: ZeroMQSocket) {
        let parent = request.header
        publish("status", ["execution_state": "busy"], parent: parent)
        defer { publish("status", ["execution_state": "idle"], parent: parent) }
        let type = request.type
        switch type {
        case "kernel_info_request":
            reply(
                to: request, on: socket, type: "kernel_info_reply",
                content: [
                    "status": "ok", "protocol_version": "5.3", "implementation": "aikit",
                    "implementation_version": .string(backend.implementationVersion),
                    "language_info": backend.languageInfo,
                    "banner": .string(backend.banner), "help_links": [], "debugger": false,
                ])
        case "execute_request": execute(request, on: socket)
        case "complete_request":
            let code = request.content["code"]?.stringValue ?? ""
            let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
            let found = backend.complete(code, cursor: cursor)
            reply(
                to: request, on: socket, type: "complete_reply",
                content: [
                    "status": "ok", "matches": .array(found.matches.map { .string($0) }),
                    "cursor_start": .number(Double(found.start)),
                    "cursor_end": .number(Double(found.end)), "metadata": [:],
                ])
        case "inspect_request":
            let code = request.content["code"]?.stringValue ?? ""
            let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
            let bundle = backend.inspect(code, cursor: cursor, detail: request.content["detail_level"]?.intValue ?? 0)
            reply(
                to: request, on: socket, type: "inspect_reply",
                content: [
                    "status": "ok", "found": .bool(bundle != nil), "data": Self.json(bundle ?? [:]), "metadata": [:],
                ])
        case "is_complete_request":
            let status = backend.isComplete(request.content["code"]?.stringValue ?? "")
            var content: [String: JSONValue] = ["status": .string(status.rawValue)]
            if status == .incomplete { content["indent"] = "  " }
            reply(to: request, on: socket, type: "is_complete_reply", content: .object(content))
        case "history_request":
            let count = request.content["n"]?.intValue ?? 100
            let entries = lock.withLock { history.suffix(max(0, count)) }
            reply(
                to: request, on: socket, type: "history_reply",
                content: [
                    "status": "ok",
                    "history": .array(entries.map { [0, .number(Double($0.0)), .string($0.1)] }),
                ])
        case "comm_info_request":
            reply(to: request, on: socket, type: "comm_info_reply", content: ["status": "ok", "comms": [:]])
        case "shutdown_request":
            let restart = request.content["restart"]?.boolValue ?? false
            reply(
                to: request, on: socket, type: "shutdown_reply", content: ["status": "ok", "restart": .bool(restart)])
            lock.withLock { stopping = true }
            backend.interrupt()
        case "interrupt_request":
            backend.interrupt()
            reply(to: request, on: socket, type: "interrupt_reply", content: ["status": "ok"])
        case "comm_open":
            // No comm targets: close it, as the protocol asks of a kernel that does not know the target.
            publish("comm_close", ["comm_id": request.content["comm_id"] ?? "", "data": [:]], parent: parent)
        case "comm_msg", "comm_close": break
        default:
            log("aikit kernel: no handler for \(type.isEmpty ? "a message without msg_type" : type)")
            if type.hasSuffix("_request") {
                reply(
                    to: request, on: socket, type: String(type.dropLast("_request".count)) + "_reply",
                    content: [
                        "status": "error", "ename": "NotImplemented",
                        "evalue": .string("aikit does not handle \(type)"),
                        "traceback": [],
                    ])
            }
        }
    }

    private func execute(_ request: WireMessage, on socket: ZeroMQSocket) {
        let code = request.content["code"]?.stringValue ?? ""
        let silent = request.content["silent"]?.boolValue ?? false
        let store = (request.content["store_history"]?.boolValue ?? true) && !silent
        let count = lock.withLock { () -> Int in
            if store {
                executionCount += 1
                history.append((executionCount, code))
            }
            return executionCount
        }
        let parent = request.header
        if !silent {
            publish(
                "execute_input", ["code": .string(code), "execution_count": .number(Double(count))], parent: parent)
        }
        let output = CellOutput(server: self, request: request, silent: silent)
        let outcome = backend.execute(code, output: output)
        switch outcome {
        case .ok(let result):
            if let result, !silent {
                publish(
                    "execute_result",
                    ["execution_count": .number(Double(count)), "data": Self.json(result), "metadata": [:]],
                    parent: parent)
            }
            reply(
                to: request, on: socket, type: "execute_reply",
                content: [
                    "status": "ok", "execution_count": .number(Double(count)), "payload": [], "user_expressions": [:],
                ])
        case .error(let name, let value, let traceback):
            let error: [String: JSONValue] = [
                "ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map { .string($0) }),
            ]
            if !silent { publish("error", .object(error), parent: parent) }
            reply(
                to: request, on: socket, type: "execute_reply",
                content: .object(error.merging(["status": "error", "execution_count": .number(Double(count))]) { $1 }))
            if request.content["stop_on_error"]?.boolValue ?? true { abortQueuedExecutions(on: socket) }
        }
    }

    /// After a failed cell, the cells already sent after it (Run All) are not run: each gets an "aborted" reply, as
    /// the protocol asks; other requests waiting meanwhile are answered as usual. (Requests sent together arrive
    /// within microseconds; 10 ms without one ends the draining.)
    private func abortQueuedExecutions(on socket: ZeroMQSocket) {
        while let frames = socket.receive(timeout: 10) {
            guard let request = accept(frames, on: socket.name) else { continue }
            guard request.type == "execute_request" else {
                handle(request, on: socket)
                continue
            }
            publish("status", ["execution_state": "busy"], parent: request.header)
            reply(
                to: request, on: socket, type: "execute_reply",
                content: [
                    "status": "aborted", "execution_count": .number(Double(lock.withLock { executionCount })),
                ])
            publish("status", ["execution_state": "idle"], parent: request.header)
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

    private func reply(to request: WireMessage, on socket: ZeroMQSocket, type: String, content: JSONValue) {
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
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(now.tv_nsec / 1000), 6))Z"
    }
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
