#if canImport(Glibc)
    package import Glibc
#elseif canImport(Darwin)
    package import Darwin
#endif

/// The one place aikit calls read(2), open(2), fstat(2) and close(2) on files: a call a signal interrupts is
/// retried (aikit installs its SIGINT handler without SA_RESTART, so a Ctrl-C during a read makes it fail with
/// EINTR), and a failure carries the errno of the call that failed, read before anything else can change it.
package enum SystemCall {
    /// open(2), retried on EINTR; the descriptor or a failure.
    package static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Result<Int32, SystemCallError> {
        while true {
            let fd = Glibc.open(path, flags, mode)
            if fd >= 0 { return .success(fd) }
            let number = errno
            if number != EINTR { return .failure(SystemCallError(number)) }
        }
    }

    /// read(2), retried on EINTR: bytes read (0 at the end of the file) or a failure.
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Result<
        Int, SystemCallError
    > {
        while true {
            let read = Glibc.read(fd, buffer, count)
            if read >= 0 { return .success(read) }
            let number = errno
            if number != EINTR { return .failure(SystemCallError(number)) }
        }
    }

    /// fstat(2).
    package static func status(_ fd: Int32) -> Result<stat, SystemCallError> {
        var info = stat()
        while true {
            if fstat(fd, &info) == 0 { return .success(info) }
            let number = errno
            if number != EINTR { return .failure(SystemCallError(number)) }
        }
    }

    /// close(2), never retried: on Linux the descriptor is released even when close reports EINTR, and retrying
    /// could close a descriptor another thread has just been given.
    package static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// Everything left to read from `fd`.
    package static func readAll(_ fd: Int32) -> Result<[UInt8], SystemCallError> {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let result = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            switch result {
            case .failure(let error): return .failure(error)
            case .success(0): return .success(bytes)
            case .success(let count): bytes += buffer[0..<count]
            }
        }
    }

    /// A regular file's whole content (not a FIFO, device or folder, checked on the opened descriptor, so the file
    /// checked is the file read).
    package static func readRegularFile(_ path: String) -> Result<[UInt8], SystemCallError> {
        let fd: Int32
        switch open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) {
        case .failure(let error): return .failure(error)
        case .success(let opened): fd = opened
        }
        defer { close(fd) }
        switch status(fd) {
        case .failure(let error): return .failure(error)
        case .success(let info):
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: return .failure(SystemCallError(EISDIR))
            default: return .failure(SystemCallError(EINVAL, "not a regular file"))
            }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return readAll(fd)
    }
}

extension SystemCall {
    /// Whether `path` names a regular file (symlinks followed); false for a folder, a device or nothing.
    package static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// This process's executable, symlinks resolved (`/proc/self/exe` on Linux, else argv[0]); nil if unreadable.
    package static func executablePath() -> String? {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
            guard let first = CommandLine.arguments.first, let resolved = realpath(first, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        #endif
    }
}

/// A failed system call: its errno and the system's words for it.
package struct SystemCallError: Error, Equatable, CustomStringConvertible {
    package let number: Int32
    package let description: String

    package init(_ number: Int32, _ description: String? = nil) {
        self.number = number
        self.description = description ?? String(cString: strerror(number))
    }
}
