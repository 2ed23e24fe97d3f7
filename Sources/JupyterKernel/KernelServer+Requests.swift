import JSONValue

/// The requests the kernel serves, one handler each (a table, as xeus dispatches), and what happens after a failed
/// cell.
extension KernelServer {
    typealias Handler = @Sendable (KernelServer) -> (WireMessage, any KernelChannel) -> Void

    /// msg_type → handler. A type not here gets a NotImplemented error reply when it is a request.
    static let handlers: [String: Handler] = [
        "kernel_info_request": { $0.kernelInfo },
        "execute_request": { $0.execute },
        "complete_request": { $0.complete },
        "inspect_request": { $0.inspect },
        "is_complete_request": { $0.isComplete },
        "history_request": { $0.history },
        "comm_info_request": { $0.commInfo },
        "shutdown_request": { $0.shutdown },
        "interrupt_request": { $0.interrupt },
        "comm_open": { $0.commOpen },
        "comm_msg": { _ in { _, _ in } },
        "comm_close": { _ in { _, _ in } },
    ]

    /// One request, between busy and idle status messages on iopub.
    func handle(_ request: WireMessage, on socket: any KernelChannel) {
        let parent = request.header
        publish("status", ["execution_state": "busy"], parent: parent)
        defer { publish("status", ["execution_state": "idle"], parent: parent) }
        if let handler = Self.handlers[request.type] {
            handler(self)(request, socket)
        } else {
            notImplemented(request, on: socket)
        }
    }

    private func notImplemented(_ request: WireMessage, on socket: any KernelChannel) {
        let type = request.type
        log("aikit kernel: no handler for \(type.isEmpty ? "a message without msg_type" : type)")
        guard type.hasSuffix("_request") else { return }
        reply(
            to: request, on: socket, type: String(type.dropLast("_request".count)) + "_reply",
            content: [
                "status": "error", "ename": "NotImplemented", "evalue": .string("aikit does not handle \(type)"),
                "traceback": [],
            ])
    }

    private func kernelInfo(_ request: WireMessage, on socket: any KernelChannel) {
        reply(
            to: request, on: socket, type: "kernel_info_reply",
            content: [
                "status": "ok", "protocol_version": "5.3", "implementation": "aikit",
                "implementation_version": .string(backend.implementationVersion),
                "language_info": backend.languageInfo,
                "banner": .string(backend.banner), "help_links": [], "debugger": false,
            ])
    }

    private func complete(_ request: WireMessage, on socket: any KernelChannel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let found = backend.complete(code, cursor: cursor)
        reply(
            to: request, on: socket, type: "complete_reply",
            content: [
                "status": "ok", "matches": .array(found.matches.map { .string($0) }),
                "cursor_start": .number(Double(found.start)), "cursor_end": .number(Double(found.end)),
                "metadata": [:],
            ])
    }

    private func inspect(_ request: WireMessage, on socket: any KernelChannel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let bundle = backend.inspect(code, cursor: cursor, detail: request.content["detail_level"]?.intValue ?? 0)
        reply(
            to: request, on: socket, type: "inspect_reply",
            content: [
                "status": "ok", "found": .bool(bundle != nil), "data": Self.json(bundle ?? [:]), "metadata": [:],
            ])
    }

    private func isComplete(_ request: WireMessage, on socket: any KernelChannel) {
        let status = backend.isComplete(request.content["code"]?.stringValue ?? "")
        var content: [String: JSONValue] = ["status": .string(status.rawValue)]
        if status == .incomplete { content["indent"] = "  " }
        reply(to: request, on: socket, type: "is_complete_reply", content: .object(content))
    }

    private func history(_ request: WireMessage, on socket: any KernelChannel) {
        let count = request.content["n"]?.intValue ?? 100
        let entries = lock.withLock { history.suffix(max(0, count)) }
        reply(
            to: request, on: socket, type: "history_reply",
            content: [
                "status": "ok", "history": .array(entries.map { [0, .number(Double($0.0)), .string($0.1)] }),
            ])
    }

    private func commInfo(_ request: WireMessage, on socket: any KernelChannel) {
        reply(to: request, on: socket, type: "comm_info_reply", content: ["status": "ok", "comms": [:]])
    }

    private func shutdown(_ request: WireMessage, on socket: any KernelChannel) {
        let restart = request.content["restart"]?.boolValue ?? false
        reply(to: request, on: socket, type: "shutdown_reply", content: ["status": "ok", "restart": .bool(restart)])
        lock.withLock { stopping = true }
        backend.interrupt()
    }

    private func interrupt(_ request: WireMessage, on socket: any KernelChannel) {
        backend.interrupt()
        reply(to: request, on: socket, type: "interrupt_reply", content: ["status": "ok"])
    }

    private func commOpen(_ request: WireMessage, on socket: any KernelChannel) {
        // No comm targets: close it, as the protocol asks of a kernel that does not know the target.
        publish("comm_close", ["comm_id": request.content["comm_id"] ?? "", "data": [:]], parent: request.header)
    }

    // MARK: Execution

    private func execute(_ request: WireMessage, on socket: any KernelChannel) {
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
        switch backend.execute(code, output: output) {
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
            // As ipykernel: a failed cell (not a silent one) aborts the requests sent before it ended — taken
            // before its reply goes out, so a client that sends the next cell when it sees the reply (nbclient,
            // papermill) never has that cell aborted.
            let stopOnError = !silent && (request.content["stop_on_error"]?.boolValue ?? true)
            let failedAt = KernelClock.now()
            let waiting = stopOnError ? received(on: socket) : []
            reply(
                to: request, on: socket, type: "execute_reply",
                content: .object(error.merging(["status": "error", "execution_count": .number(Double(count))]) { $1 }))
            let queued = waiting + (stopOnError ? arriving(on: socket, sentBefore: failedAt) : [])
            for (next, sentBefore) in queued {
                if sentBefore, next.type == "execute_request" {
                    abort(next, on: socket)
                } else {
                    handle(next, on: socket)
                }
            }
        }
    }

    /// The requests already waiting on `socket`, each marked as sent before the failure.
    private func received(on socket: any KernelChannel) -> [(WireMessage, Bool)] {
        var requests: [(WireMessage, Bool)] = []
        while let frames = socket.receive(timeout: 0) {
            if let request = accept(frames, on: socket.name) { requests.append((request, true)) }
        }
        return requests
    }

    /// Requests arriving within `window`, marked by whether their header's `date` lies before `time`: the
    /// rest of a Run All still on its way. The first one dated later (or undated) ends the wait — the client has
    /// seen the failure and goes on — and is served as usual, as is anything after it.
    private func arriving(on socket: any KernelChannel, sentBefore time: Double, window: Duration = .milliseconds(100))
        -> [(WireMessage, Bool)]
    {
        var requests: [(WireMessage, Bool)] = []
        // The wait is measured on the monotonic clock; only the dates compared are wall-clock time.
        let end = ContinuousClock.now.advanced(by: window)
        while ContinuousClock.now < end {
            guard let frames = socket.receive(timeout: 5), let request = accept(frames, on: socket.name) else {
                continue
            }
            let sent = request.header["date"]?.stringValue.flatMap(KernelClock.seconds(iso8601:))
            let before = sent.map { $0 <= time } ?? false
            requests.append((request, before))
            if !before { break }
        }
        return requests
    }

    /// An "aborted" reply to an execute request that was not run.
    private func abort(_ request: WireMessage, on socket: any KernelChannel) {
        publish("status", ["execution_state": "busy"], parent: request.header)
        reply(
            to: request, on: socket, type: "execute_reply",
            content: ["status": "aborted", "execution_count": .number(Double(lock.withLock { executionCount }))])
        publish("status", ["execution_state": "idle"], parent: request.header)
    }
}
