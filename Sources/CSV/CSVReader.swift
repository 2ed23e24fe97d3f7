internal import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A streaming RFC 4180 CSV reader (see `CSVRow` for the rules) over a file descriptor, or over bytes in memory:
/// reads in 4 MiB blocks, hands each row's fields to a closure as byte ranges of its buffer (no per-row allocation),
/// handles a UTF-8 BOM, CRLF, quoted fields with `""` escapes and newlines inside quotes, and counts physical lines
/// for error messages. Memory stays at the block size plus the longest row (at most `maxRowBytes`). Only regular
/// files are read: a FIFO, device or socket is refused at once (a FIFO with no writer would block forever).
package final class CSVReader {
    package typealias Row = CSVRow

    static let blockSize = 4 << 20
    static let maxRowBytes = 64 << 20

    package let path: String
    private let fd: Int32
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var filled = 0
    private var position = 0
    private var atEOF = false
    private var line = 1
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// Bytes read so far (for progress).
    package private(set) var bytesRead: Int64 = 0
    /// The size the file reports (0 for a /proc file, which is read to its end all the same).
    package let fileSize: Int64

    package init(path: String) throws(CSVFailure) {
        self.path = path
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, forever if none comes.
        switch SystemCall.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) {
        case .success(let opened): fd = opened
        case .failure(let error): throw CSVFailure(line: nil, "cannot open: \(error)")
        }
        let info: stat
        switch SystemCall.status(fd) {
        case .success(let status): info = status
        case .failure(let error):
            SystemCall.close(fd)
            throw CSVFailure(line: nil, "cannot read: \(error)")
        }
        if let kind = CSVReader.nonRegularKind(info.st_mode) {
            SystemCall.close(fd)
            throw CSVFailure(line: nil, kind)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        fileSize = Int64(info.st_size)
        capacity = CSVReader.blockSize
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    /// A reader of `bytes` in memory; `name` stands for the path in messages.
    package init(bytes: [UInt8], name: String) {
        path = name
        fd = -1
        capacity = max(bytes.count, 1)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bytes.withUnsafeBytes {
            if let base = $0.baseAddress { storage.copyMemory(from: base, byteCount: bytes.count) }
        }
        buffer = storage
        filled = bytes.count
        atEOF = true
        fileSize = Int64(bytes.count)
        bytesRead = fileSize
    }

    /// Why a file of this mode is not read (nil for a regular file): a FIFO, device or socket may never end, and the
    /// market importer's parallel reader maps files.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        let kind: String
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a file"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        return "is \(kind), not a regular file; aikit reads data from files (save the stream to a file first)"
    }

    /// Why the file at `path` is not read as data (a FIFO, device, socket or folder), or nil; for readers that
    /// load a whole file (JSON, party lists) and would otherwise block on a FIFO or read a device forever.
    package static func nonRegularKind(path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }  // (opening it will say why)
        return nonRegularKind(info.st_mode)
    }

    deinit {
        buffer.deallocate()
        if fd >= 0 { SystemCall.close(fd) }
    }

    /// The first byte after a BOM and white space (`{` or `[` means JSON), read into the buffer the rows will use.
    package func firstSignificantByte() throws(CSVFailure) -> UInt8? {
        while filled < 64, !atEOF {
            try fill()
        }
        return Self.firstSignificantByte(
            of: UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: filled))
    }

    /// The first byte of `bytes` past white space and a UTF-8 byte-order mark (`{` or `[` means JSON).
    package static func firstSignificantByte(of bytes: some Sequence<UInt8>) -> UInt8? {
        bytes.first { byte in
            switch byte {
            case 0xEF, 0xBB, 0xBF, 32, 10, 13, 9: false
            default: true
            }
        }
    }

    /// Calls `body` with each row until the end of the file or until `body` returns false; throws what `body`
    /// throws, or a `CSVFailure`. (Untyped rather than generic over the error: an unspecialised generic loop across
    /// the module boundary cost the sequential import about 15%.)
    package func forEachRow(_ body: (Row) throws -> Bool) throws {
        var first = true
        while true {
            guard let bounds = try nextRowBounds() else { return }
            let (rowEnd, next, lines) = (bounds.1, bounds.2, bounds.3)
            var start = bounds.0
            if first {
                first = false
                if hasBOM(at: start, before: rowEnd) { start += 3 }
            }
            var end = rowEnd
            if end > start, buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 13 { end -= 1 }
            if let junk = CSVReader.splitFields(buffer.assumingMemoryBound(to: UInt8.self), start, end, &starts, &ends)
            {
                throw CSVFailure.unexpected(buffer.load(fromByteOffset: junk, as: UInt8.self), line: line)
            }
            let rowLine = line
            line += lines
            position = next
            let keepGoing = try starts.withUnsafeBufferPointer { starts in
                try ends.withUnsafeBufferPointer { ends in
                    try body(Row(base: buffer, starts: starts, ends: ends, line: rowLine))
                }
            }
            if !keepGoing { return }
        }
    }

    private func hasBOM(at start: Int, before end: Int) -> Bool {
        end - start >= 3 && buffer.load(fromByteOffset: start, as: UInt8.self) == 0xEF
            && buffer.load(fromByteOffset: start + 1, as: UInt8.self) == 0xBB
            && buffer.load(fromByteOffset: start + 2, as: UInt8.self) == 0xBF
    }

    /// Reads the next block after what the buffer holds.
    private func fill() throws(CSVFailure) {
        let count: Int
        switch SystemCall.read(fd, buffer + filled, capacity - filled) {
        case .success(let read): count = read
        case .failure(let error): throw CSVFailure(line: nil, "read failed: \(error)")
        }
        if count == 0 { atEOF = true }
        filled += count
        bytesRead += Int64(count)
    }

    /// The bounds of the next row (end excludes the newline), where the one after starts, and how many newlines it
    /// spans; nil at the end of the file. A quote opens a quoted field only at the start of a field (or right after
    /// the closing quote it doubles); elsewhere it is text.
    private func nextRowBounds() throws(CSVFailure) -> (Int, Int, Int, Int)? {
        var scanFrom = position
        var inQuotes = false
        var newlines = 0
        var closedAt = -2  // where the last quoted field closed: a quote right after it is a doubled one
        while true {
            // Scan for the row's newline outside quotes.
            var i = scanFrom
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            while i < filled {
                if !inQuotes {
                    // Fast path: jump to the next newline or quote.
                    let remaining = filled - i
                    let newline = memchr(bytes + i, 10, remaining).map {
                        UnsafeRawPointer($0) - UnsafeRawPointer(bytes)
                    }
                    let limit = newline ?? filled
                    if let found = memchr(bytes + i, 34, limit - i) {
                        let quote = UnsafeRawPointer(found) - UnsafeRawPointer(bytes)
                        i = quote + 1
                        if quote == position || bytes[quote - 1] == 44 || quote == closedAt + 1
                            || (line == 1 && quote == position + 3 && hasBOM(at: position, before: filled))
                        {
                            inQuotes = true
                        }
                        continue
                    }
                    if let newline { return (position, newline, newline + 1, newlines + 1) }
                    i = filled
                } else {
                    let byte = bytes[i]
                    if byte == 34 {
                        inQuotes = false
                        closedAt = i
                    } else if byte == 10 {
                        newlines += 1
                    }
                    i += 1
                }
            }
            if atEOF {
                if position >= filled { return nil }
                if inQuotes { throw .unclosed(line: line) }
                return (position, filled, filled, 0)
            }
            // Need more bytes: move the partial row to the front, grow when it fills the buffer.
            let partial = filled - position
            if partial >= CSVReader.maxRowBytes {
                throw CSVFailure(
                    line: line, "a row is longer than \(CSVReader.maxRowBytes >> 20) MiB; is this a CSV file?")
            }
            if position > 0 {
                buffer.copyMemory(from: buffer + position, byteCount: partial)
                scanFrom = i - position
                closedAt -= position
                position = 0
                filled = partial
            } else {
                scanFrom = i
            }
            if filled == capacity {
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                larger.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            try fill()
        }
    }

    /// The byte offset in the file where the next row starts, and its line number.
    package var nextRow: (offset: Int64, line: Int) { (bytesRead - Int64(filled - position), line) }
}
