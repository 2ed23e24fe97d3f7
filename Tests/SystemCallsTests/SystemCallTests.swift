import Foundation
import SystemCalls
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The system-call choke point: a read a signal interrupts is retried, and failures carry their errno.
@Suite(.serialized) struct SystemCallTests {
    @Test func aReadInterruptedByASignalIsRetried() throws {
        // A handler installed without SA_RESTART, as aikit installs its SIGINT handler: a blocked read then fails
        // with EINTR unless it is retried.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        sigaction(SIGUSR2, &action, &previous)
        defer { sigaction(SIGUSR2, &previous, nil) }
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let reader = pthread_self()
        let writeEnd = fds[1]
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            pthread_kill(reader, SIGUSR2)  // interrupts the blocked read
            Thread.sleep(forTimeInterval: 0.2)
            _ = write(writeEnd, "ok", 2)
        }
        writer.start()
        var buffer = [UInt8](repeating: 0, count: 8)
        let result = buffer.withUnsafeMutableBytes { SystemCall.read(fds[0], $0.baseAddress!, $0.count) }
        #expect(result == .success(2))
        #expect(Array(buffer.prefix(2)) == Array("ok".utf8))
    }

    @Test func onlyRegularFilesAreReadWhole() throws {
        let folder = NSTemporaryDirectory() + "aikit-syscalls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "hello".write(toFile: folder + "/f.txt", atomically: true, encoding: .utf8)
        #expect(SystemCall.readRegularFile(folder + "/f.txt") == .success(Array("hello".utf8)))
        #expect(SystemCall.readRegularFile(folder) == .failure(SystemCallError(EISDIR)))
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(SystemCall.readRegularFile(folder + "/fifo") == .failure(SystemCallError(EINVAL, "not a regular file")))
        #expect(SystemCall.readRegularFile(folder + "/none") == .failure(SystemCallError(ENOENT)))
        #expect(SystemCallError(ENOENT).description == "No such file or directory")
    }
}
