import CStandardStreams

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
    /// Receives (stream name, text); nil drops the text (between cells).
    public var sink: ((String, String) -> Void)?
    /// Asked for a line when `stdin` has no bytes left: given the prompt (what was written to stdout since its last
    /// newline, which is then not streamed), returns the line without its newline, or nil for end of input. Nil
    /// (between cells, or when the frontend takes no input): end of input. Setting it drops unread input.
    public var inputSource: ((String) -> String?)? {
        didSet {
            input.removeAll()
            if installed { aikit_discard_standard_input() }
        }
    }
    private var input: [UInt8] = []
    private var installed = false
    private var pending: [[UInt8]] = [[], []]
    private var lastSent = [0.0, 0.0]
    private static let names = ["stdout", "stderr"]

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
        installed =
            aikit_capture_standard_input(context) { context, buffer, size in
                guard let context, let buffer else { return 0 }
                let capture = Unmanaged<StandardStreamCapture>.fromOpaque(context).takeUnretainedValue()
                return capture.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size))
            } == 0
        return installed
    }

    /// Fills `buffer` from the line last asked for, asking `inputSource` for another when it is used up; 0 is the
    /// end of input.
    private func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if input.isEmpty {
            guard let source = inputSource else { return 0 }
            let prompt = takePartialLine()
            flush()
            guard let line = source(prompt) else { return 0 }
            input = Array(line.utf8) + [UInt8(ascii: "\n")]
        }
        let count = min(buffer.count, input.count)
        buffer.copyBytes(from: input[..<count])
        input.removeFirst(count)
        return count
    }

    /// What was written to stdout after its last newline, taken out of what is yet to be passed on.
    private func takePartialLine() -> String {
        let start = pending[0].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let text = String(decoding: pending[0][start...], as: UTF8.self)
        pending[0].removeSubrange(start...)
        return text
    }

    /// Passes on everything written so far.
    public func flush() {
        for index in pending.indices where !pending[index].isEmpty {
            let text = String(decoding: pending[index], as: UTF8.self)
            pending[index].removeAll(keepingCapacity: true)
            lastSent[index] = Self.now()
            sink?(Self.names[index], text)
        }
    }

    private func received(_ index: Int, _ bytes: UnsafeRawBufferPointer) {
        pending[index].append(contentsOf: bytes)
        let now = Self.now()
        guard now - lastSent[index] >= 0.05 || pending[index].count >= 1 << 16,
            let end = pending[index].lastIndex(of: UInt8(ascii: "\n"))
        else { return }
        let text = String(decoding: pending[index][...end], as: UTF8.self)
        pending[index].removeSubrange(...end)
        lastSent[index] = now
        sink?(Self.names[index], text)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
