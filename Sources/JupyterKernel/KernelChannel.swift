/// One of the kernel's five sockets as the server uses it: ZeroMQ in `aikit kernel`, an in-memory queue in tests
/// (so the message loop is tested without ZeroMQ, as xeus tests its kernels).
public protocol KernelChannel: AnyObject, Sendable {
    /// "shell", "control", "iopub", "stdin" or "heartbeat" (for messages).
    var name: String { get }
    /// Sends one multipart message; false when it could not be sent (best effort: the peer may be gone).
    @discardableResult func send(_ frames: [[UInt8]]) -> Bool
    /// One multipart message, waiting at most `timeout` ms (0: only one already here); nil when none came.
    func receive(timeout: Int) -> [[UInt8]]?
    func close()
}

/// The channels a kernel serves, bound and ready.
public struct KernelChannels: Sendable {
    public let shell: any KernelChannel
    public let control: any KernelChannel
    public let iopub: any KernelChannel
    public let stdin: any KernelChannel
    public let heartbeat: any KernelChannel

    public init(
        shell: any KernelChannel, control: any KernelChannel, iopub: any KernelChannel, stdin: any KernelChannel,
        heartbeat: any KernelChannel
    ) {
        self.shell = shell
        self.control = control
        self.iopub = iopub
        self.stdin = stdin
        self.heartbeat = heartbeat
    }

    var all: [any KernelChannel] { [shell, control, iopub, stdin, heartbeat] }
}

extension ZeroMQSocket: KernelChannel {}
