import Foundation
import MarketData
import Testing

/// Importers read regular files: a FIFO, device or socket is refused at once (a FIFO with no writer used to hang the
/// import forever), and a /proc file, which reports 0 bytes, is read for its content rather than called empty.
@Suite struct NonRegularFileTests {
    func importError(_ path: String) throws -> String {
        let store = try SQLiteMarketStore(path: ":memory:")
        do {
            _ = try MarketImporter(store: store).importFiles([path])
            Issue.record("\(path) was imported")
        } catch {
            #expect(try store.securities().isEmpty)
            return error.description
        }
        return ""
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let scratch = try ImportScratch()
        defer { scratch.remove() }
        let fifo = scratch.path("NVDA.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(
            try importError(fifo) == "\(fifo): is a FIFO (named pipe), not a regular file; aikit reads data from "
                + "files (save the stream to a file first)")
    }

    @Test func aDeviceIsRefused() throws {
        #expect(try importError("/dev/null").hasPrefix("/dev/null: is a character device, not a regular file;"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "needs Linux's /proc"))
    func aProcFileIsReadForItsContent() throws {
        // Not market data, but read: the error is about its first line, not "the file is empty".
        #expect(
            try importError("/proc/self/status").hasPrefix(
                "/proc/self/status:1: no Date column; cannot tell the "
                    + "format from the header 'Name:"))
    }
}
