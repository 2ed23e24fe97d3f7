import CStandardStreams
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// Makes C's `stdout` and `stderr` (Lua's `print`, `io.write`, `io.stderr:write`, Swift's `print`) write to the
/// running cell's output instead of the kernel's own file descriptors. Install it before the Lua state is made: Lua's
/// io library takes its `io.stdout`/`io.stderr` handles from these variables when it opens.
///
/// Text is passed on in whole lines while a cell runs (at most every 50 ms, so a loop that prints is seen as it goes)
/// and in full by `flush()`, which the session calls before a display, a result or an error, keeping the order.
///
/// C's `stdin` (Lua's `io.read`, `io.lines()`) reads through `inputSource`, which asks the notebook for a line.
public final class StandardStreamCapture: @unchecked Sendable {
    // Sound: every mutable property lives in `state`, reached only under its lock (C calls `received` on whichever
    // thread writes); the closures are called outside the lock, so one that writes to stdout cannot deadlock.
    private struct Streams {
        var sink: ((String, String) -> Void)?
        var inputSource: ((String) -> String?)?
        var input: [UInt8] = []
        var installed = false
        var pending: [[UInt8]] = [[], []]
        var lastSent: [ContinuousClock.Instant?] = [nil, nil]
    }
    private let state = Locked(Streams())
    private static let names = ["stdout", "stderr"]

    /// Receives (stream name, text); nil drops the text (between cells).
    public var sink: ((String, String) -> Void)? {
        get { state.withLock { $0.sink } }
        set { state.withLock { $0.sink = newValue } }
    }
    /// Asked for a line when `stdin` has no bytes left: given the prompt (what was written to stdout since its last
    /// newline, which is then not streamed), returns the line without its newline, or nil for end of input. Nil
    /// (between cells, or when the frontend takes no input): end of input. Setting it drops unread input.
    public var inputSource: ((String) -> String?)? {
        get { state.withLock { $0.inputSource } }
        set {
            let installed = state.withLock { state in
                state.inputSource = newValue
                state.input.removeAll()
                return state.installed
            }
            if installed { aikit_discard_standard_input() }
        }
    }

    public init() {}

    /// Points `stdout`, `stderr` and `stdin` at this capture; false if the streams could not be made. The capture
    /// must live as long as the process (it is retained for that).
    public func install() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        let output = aikit_capture_standard_streams(context) { context, stream, bytes, count in
            guard let context, let bytes, stream == 1 || stream == 2 else { return }
            let capture = Unmanaged<StandardStreamCapture>.fromOpaque(context).takeUnretainedValue()
            capture.received(Int(stream) - 1, UnsafeRawBufferPointer(start: bytes, count: count))
        }
        guard output == 0 else { return false }
        let installed =
            aikit_capture_standard_input(context) { context, buffer, size in
                guard let context, let buffer else { return 0 }
                let capture = Unmanaged<StandardStreamCapture>.fromOpaque(context).takeUnretainedValue()
                return capture.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size))
            } == 0
        state.withLock { $0.installed = installed }
        return installed
    }

    /// Fills `buffer` from the line last asked for, asking `inputSource` for another when it is used up; 0 is the
    /// end of input.
    private func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if state.withLock({ $0.input.isEmpty }) {
            let (source, prompt) = state.withLock { state -> (((String) -> String?)?, String) in
                guard let source = state.inputSource else { return (nil, "") }
                return (source, Self.takePartialLine(&state.pending[0]))
            }
            guard let source else { return 0 }
            flush()
            guard let line = source(prompt) else { return 0 }
            state.withLock { $0.input = Array(line.utf8) + [UInt8(ascii: "\n")] }
        }
        return state.withLock { state in
            let count = min(buffer.count, state.input.count)
            buffer.copyBytes(from: state.input[..<count])
            state.input.removeFirst(count)
            return count
        }
    }

    /// What was written to stdout after its last newline, taken out of what is yet to be passed on.
    private static func takePartialLine(_ pending: inout [UInt8]) -> String {
        let start = pending.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let text = String(decoding: pending[start...], as: UTF8.self)
        pending.removeSubrange(start...)
        return text
    }

    /// Passes on everything written so far.
    public func flush() {
        let now = ContinuousClock.now
        let (sink, texts) = state.withLock { state -> (((String, String) -> Void)?, [(String, String)]) in
            var texts: [(String, String)] = []
            for index in state.pending.indices where !state.pending[index].isEmpty {
                texts.append((Self.names[index], String(decoding: state.pending[index], as: UTF8.self)))
                state.pending[index].removeAll(keepingCapacity: true)
                state.lastSent[index] = now
            }
            return (state.sink, texts)
        }
        for (name, text) in texts { sink?(name, text) }
    }

    private func received(_ index: Int, _ bytes: UnsafeRawBufferPointer) {
        let now = ContinuousClock.now
        let (sink, text) = state.withLock { state -> (((String, String) -> Void)?, String?) in
            state.pending[index].append(contentsOf: bytes)
            let due = state.lastSent[index].map { $0.duration(to: now) >= .milliseconds(50) } ?? true
            guard due || state.pending[index].count >= 1 << 16,
                let end = state.pending[index].lastIndex(of: UInt8(ascii: "\n"))
            else { return (nil, nil) }
            let text = String(decoding: state.pending[index][...end], as: UTF8.self)
            state.pending[index].removeSubrange(...end)
            state.lastSent[index] = now
            return (state.sink, text)
        }
        if let text { sink?(Self.names[index], text) }
    }
}
