import Foundation
import JSONValue
import JupyterKernel
import Testing

/// One channel of an in-memory transport: what the client delivers, the kernel receives; what the kernel sends, the
/// client takes.
final class MemoryChannel: KernelChannel, @unchecked Sendable {
    let name: String
    private var inbound: [[[UInt8]]] = []
    private var outbound: [[[UInt8]]] = []
    private let condition = NSCondition()

    init(_ name: String) { self.name = name }

    func send(_ frames: [[UInt8]]) -> Bool {
        condition.lock()
        outbound.append(frames)
        condition.broadcast()
        condition.unlock()
        return true
    }

    func receive(timeout: Int) -> [[UInt8]]? { wait(for: \.inbound, timeout: timeout) }
    func close() {}

    /// The client's side.
    func deliver(_ frames: [[UInt8]]) {
        condition.lock()
        inbound.append(frames)
        condition.broadcast()
        condition.unlock()
    }

    func take(timeout: Int = 5000) -> [[UInt8]]? { wait(for: \.outbound, timeout: timeout) }

    private func wait(for queue: ReferenceWritableKeyPath<MemoryChannel, [[[UInt8]]]>, timeout: Int) -> [[UInt8]]? {
        let deadline = Date().addingTimeInterval(Double(max(0, timeout)) / 1000)
        condition.lock()
        defer { condition.unlock() }
        while self[keyPath: queue].isEmpty {
            guard timeout > 0, condition.wait(until: deadline) else { break }
        }
        return self[keyPath: queue].isEmpty ? nil : self[keyPath: queue].removeFirst()
    }
}

/// A backend that does what its cell says: `fail` errors, `slow-fail` errors after 50 ms, `print TEXT` streams,
/// `sleep MS` waits (an interrupt ends it), anything else returns the code as its result.
final class ScriptedBackend: KernelBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var ran: [String] = []
    private var interrupted = false
    var executed: [String] { lock.withLock { ran } }

    var languageInfo: JSONValue { ["name": "scripted"] }
    var implementationVersion: String { "1" }
    var banner: String { "scripted" }

    func execute(_ code: String, output: any KernelOutput) -> ExecutionOutcome {
        lock.withLock {
            ran.append(code)
            interrupted = false
        }
        if code == "fail" { return .error(name: "runtime error", value: "failed", traceback: []) }
        if code == "slow-fail" {
            usleep(50_000)
            return .error(name: "runtime error", value: "failed", traceback: [])
        }
        if code.hasPrefix("print ") { output.stream("stdout", String(code.dropFirst(6)) + "\n") }
        if code.hasPrefix("sleep "), let ms = Int(code.dropFirst(6)) {
            for _ in 0..<ms {
                if lock.withLock({ interrupted }) { return .error(name: "interrupted", value: "", traceback: []) }
                usleep(1000)
            }
        }
        return .ok(result: ["text/plain": code])
    }

    func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) { ([], cursor, cursor) }
    func inspect(_ code: String, cursor: Int, detail: Int) -> MIMEBundle? { nil }
    func isComplete(_ code: String) -> CompletenessStatus { .complete }
    func interrupt() { lock.withLock { interrupted = true } }
}

/// A kernel served over the in-memory transport on its own thread, and a client for it.
final class LoopHarness: @unchecked Sendable {
    let channels = (
        shell: MemoryChannel("shell"), control: MemoryChannel("control"), iopub: MemoryChannel("iopub"),
        stdin: MemoryChannel("stdin"), heartbeat: MemoryChannel("heartbeat")
    )
    let backend = ScriptedBackend()
    let key = "loop-key"
    var signer: MessageSigner
    private let done = DispatchSemaphore(value: 0)
    private var sequence = 0

    init() {
        signer = MessageSigner(key: key)
        let server = KernelServer(
            channels: KernelChannels(
                shell: channels.shell, control: channels.control, iopub: channels.iopub, stdin: channels.stdin,
                heartbeat: channels.heartbeat),
            key: key, backend: backend)
        let done = self.done
        Thread.detachNewThread {
            server.run()
            done.signal()
        }
    }

    /// A request dated now, as jupyter_client dates its headers.
    func message(_ type: String, _ content: JSONValue = [:]) -> (id: String, frames: [[UInt8]]) {
        sequence += 1
        let id = "request-\(sequence)"
        var message = WireMessage(
            header: [
                "msg_id": .string(id), "msg_type": .string(type), "session": "client", "version": "5.3",
                "date": .string(Self.microsecondDate()),
            ],
            content: content)
        message.identities = [Array("client".utf8)]
        return (id, signer.frames(message))
    }

    /// Now in ISO 8601 with microseconds, as jupyter_client dates its messages.
    static func microsecondDate() -> String {
        let now = Date().timeIntervalSince1970
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let micros = Int((now - now.rounded(.down)) * 1e6)
        let fraction = String(micros).count < 6 ? String(repeating: "0", count: 6 - String(micros).count) : ""
        return formatter.string(from: Date(timeIntervalSince1970: now.rounded(.down))) + ".\(fraction)\(micros)Z"
    }

    /// Sends a request on `channel`; returns its msg_id.
    @discardableResult
    func send(_ type: String, _ content: JSONValue = [:], on channel: MemoryChannel? = nil) -> String {
        let (id, frames) = message(type, content)
        (channel ?? channels.shell).deliver(frames)
        return id
    }

    static func executeContent(_ code: String, silent: Bool = false, stopOnError: Bool = true) -> JSONValue {
        ["code": .string(code), "silent": .bool(silent), "stop_on_error": .bool(stopOnError), "store_history": true]
    }

    func execute(_ code: String, silent: Bool = false, stopOnError: Bool = true) -> String {
        send("execute_request", Self.executeContent(code, silent: silent, stopOnError: stopOnError))
    }

    /// The next reply on shell (parsed with a reader that does not check replays of the kernel's own messages).
    func reply(timeout: Int = 5000) throws -> WireMessage {
        let frames = try #require(channels.shell.take(timeout: timeout), "no reply within \(timeout) ms")
        var reader = MessageSigner(key: key)
        return try reader.parse(frames)
    }

    /// The status of the replies to `ids`, in the order they came.
    func statuses(_ count: Int) throws -> [String: String] {
        var found: [String: String] = [:]
        for _ in 0..<count {
            let message = try reply()
            found[message.parentHeader["msg_id"]?.stringValue ?? "?"] = message.content["status"]?.stringValue
        }
        return found
    }

    func shutdown() -> Bool {
        send("shutdown_request", ["restart": false], on: channels.control)
        return done.wait(timeout: .now() + 10) == .success
    }
}

@Suite struct KernelLoopTests {
    /// nbclient and papermill send the next cell as soon as a reply arrives; after an error that cell must run.
    @Test func aClientThatSendsOnEachReplyIsNeverAborted() throws {
        let kernel = LoopHarness()
        for round in 0..<30 {
            let failing = kernel.execute(round % 3 == 0 ? "slow-fail" : "fail")
            let first = try kernel.reply()
            #expect(first.parentHeader["msg_id"]?.stringValue == failing)
            #expect(first.content["status"]?.stringValue == "error")
            let next = kernel.execute("ok \(round)")
            let second = try kernel.reply()
            #expect(second.parentHeader["msg_id"]?.stringValue == next)
            #expect(second.content["status"]?.stringValue == "ok", "round \(round): \(second.content)")
        }
        #expect(kernel.backend.executed.filter { $0.hasPrefix("ok ") }.count == 30)
        #expect(kernel.shutdown())
    }

    /// Run All: the cells already received when a cell fails are aborted; a cell sent after its reply runs.
    @Test func cellsAlreadyQueuedBehindAFailureAreAbortedAndLaterOnesRun() throws {
        let kernel = LoopHarness()
        let failing = kernel.execute("slow-fail")
        let queued = [kernel.execute("b"), kernel.execute("c")]
        let found = try kernel.statuses(3)
        #expect(found[failing] == "error")
        #expect(queued.map { found[$0] } == ["aborted", "aborted"])
        let later = kernel.execute("d")
        #expect(try kernel.statuses(1)[later] == "ok")
        #expect(kernel.backend.executed == ["slow-fail", "d"])
        #expect(kernel.shutdown())
    }

    /// Cells of a Run All still on their way when an instant failure ended (dated before it, arriving just
    /// after) are aborted too; the client's first request dated after the failure, and all after it, run.
    @Test func cellsSentBeforeAFailureButArrivingAfterItAreAborted() throws {
        let kernel = LoopHarness()
        let failing = kernel.message("execute_request", LoopHarness.executeContent("fail"))
        let late = (0..<2).map { kernel.message("execute_request", LoopHarness.executeContent("late \($0)")) }
        kernel.channels.shell.deliver(failing.frames)
        usleep(8_000)  // the failure ends meanwhile; these were sent before it
        for request in late { kernel.channels.shell.deliver(request.frames) }
        let found = try kernel.statuses(3)
        #expect(found[failing.id] == "error")
        #expect(late.map { found[$0.id] } == ["aborted", "aborted"], "\(found)")
        #expect(kernel.backend.executed == ["fail"])
        #expect(kernel.shutdown())
    }

    /// ipykernel aborts nothing after a silent request or with stop_on_error false.
    @Test func aSilentFailureOrStopOnErrorFalseAbortsNothing() throws {
        let kernel = LoopHarness()
        let silent = kernel.execute("slow-fail", silent: true)
        let afterSilent = kernel.execute("b")
        let tolerant = kernel.execute("slow-fail", stopOnError: false)
        let afterTolerant = kernel.execute("c")
        let found = try kernel.statuses(4)
        #expect(found[silent] == "error" && found[tolerant] == "error")
        #expect(found[afterSilent] == "ok" && found[afterTolerant] == "ok")
        #expect(kernel.shutdown())
    }

    /// Interrupt on control while a cell runs on shell; the kernel carries on.
    @Test func anInterruptOnControlEndsTheRunningCell() throws {
        let kernel = LoopHarness()
        let long = kernel.execute("sleep 5000")
        usleep(100_000)
        kernel.send("interrupt_request", on: kernel.channels.control)
        let started = Date()
        let message = try kernel.reply()
        #expect(message.parentHeader["msg_id"]?.stringValue == long)
        #expect(message.content["ename"]?.stringValue == "interrupted")
        #expect(Date().timeIntervalSince(started) < 2)
        let after = kernel.execute("still")
        #expect(try kernel.statuses(1)[after] == "ok")
        #expect(kernel.shutdown())
    }

    /// Malformed, unsigned, out-of-order and concurrent messages never kill the loop: afterwards kernel_info still
    /// answers and every well-formed request got exactly one reply.
    @Test func aProtocolFuzzNeverKillsTheLoop() throws {
        let kernel = LoopHarness()
        var random = SystemRandomNumberGenerator()
        func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
        let delimiter = Array("<IDS|MSG>".utf8)
        let hostile: [JSONValue] = [
            [:], ["code": 1], ["code": .null], ["code": ["nested": true]], ["cursor_pos": -5, "code": "x"],
            ["cursor_pos": 1e300, "code": "x"], ["n": -1], ["n": 1e20], ["restart": "yes"], ["silent": "no"],
            ["code": .string(String(repeating: "é", count: 10_000))], ["comm_id": 7], ["detail_level": "x"],
        ]
        let types = [
            "execute_request", "complete_request", "inspect_request", "is_complete_request", "history_request",
            "comm_info_request", "kernel_info_request", "comm_open", "comm_msg", "comm_close", "no_such_request",
            "input_reply", "", "execute_reply",
        ]
        var wellFormedRequests = 0
        for round in 0..<400 {
            switch round % 5 {
            case 0: kernel.channels.shell.deliver([bytes(Int.random(in: 0...40))])
            case 1:
                kernel.channels.shell.deliver(
                    [Array("id".utf8), delimiter] + (0..<Int.random(in: 0...7)).map { _ in bytes(20) })
            case 2:
                // Well signed, hostile content; header or parent not objects is refused before any handler.
                let type = types[round % types.count]
                kernel.send(type, hostile[round % hostile.count])
                if type.hasSuffix("_request") { wellFormedRequests += 1 }
            case 3:
                // Signed with the right key but JSON that is not an object.
                let parts = ["[1]", "{}", "{}", "\"text\""].map { Array($0.utf8) }
                let signature = kernel.signer.signature(parts)
                kernel.channels.shell.deliver([Array("id".utf8), delimiter, signature] + parts)
            default:
                kernel.channels.control.deliver([delimiter, bytes(64)] + (0..<4).map { _ in Array("{}".utf8) })
            }
        }
        // Concurrent senders on shell.
        let senders = 4
        let each = 25
        let group = DispatchGroup()
        let other = (0..<senders).map { _ in LoopHarnessSender(kernel: kernel) }
        for sender in other {
            group.enter()
            Thread.detachNewThread {
                for index in 0..<each { sender.sendExecute("print \(index)") }
                group.leave()
            }
        }
        group.wait()
        wellFormedRequests += senders * each
        var replies = 0
        while kernel.channels.shell.take(timeout: 2000) != nil { replies += 1 }
        #expect(replies == wellFormedRequests)
        let info = kernel.send("kernel_info_request")
        let answer = try kernel.reply()
        #expect(answer.parentHeader["msg_id"]?.stringValue == info)
        #expect(answer.content["protocol_version"]?.stringValue == "5.3")
        #expect(kernel.shutdown())
    }
}

/// A second client on the same kernel (its own signer, so signatures never repeat across clients).
final class LoopHarnessSender: @unchecked Sendable {
    let kernel: LoopHarness
    var signer: MessageSigner
    let id = UUID().uuidString

    init(kernel: LoopHarness) {
        self.kernel = kernel
        signer = MessageSigner(key: kernel.key)
    }

    func sendExecute(_ code: String) {
        let message = WireMessage(
            header: ["msg_id": .string(UUID().uuidString), "msg_type": "execute_request", "session": .string(id)],
            content: ["code": .string(code), "silent": false])
        kernel.channels.shell.deliver(signer.frames(message))
    }
}
