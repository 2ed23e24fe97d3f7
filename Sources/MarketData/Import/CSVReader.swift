internal import Foundation

/// A streaming RFC 4180 CSV reader over a file descriptor: reads in 4 MiB blocks, hands each row's fields to a
/// closure as byte ranges of its buffer (no per-row allocation), handles a UTF-8 BOM, CRLF, quoted fields with `""`
/// escapes and newlines inside quotes, and counts physical lines for error messages. Memory stays at the block size
/// plus the longest row (at most `maxRowBytes`).
final class CSVReader {
    static let blockSize = 4 << 20
    static let maxRowBytes = 64 << 20

    let path: String
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
    private(set) var bytesRead: Int64 = 0
    let fileSize: Int64

    init(path: String) throws(ImportError) {
        self.path = path
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, forever if none comes.
        fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw .file(path, "cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        fstat(fd, &info)
        if let kind = CSVReader.nonRegularKind(info.st_mode) {
            close(fd)
            throw .file(path, kind)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        // (A /proc file says 0 bytes and has content: the size only sizes progress and parallel reading.)
        fileSize = Int64(info.st_size)
        capacity = CSVReader.blockSize
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    /// Why a file of this mode is not read: only regular files are (a FIFO, device or socket may never end, and the
    /// parallel reader needs to seek); nil for a regular file.
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

    deinit {
        buffer.deallocate()
        close(fd)
    }

    /// The fields of one row: `count`, `self[i]` as bytes, `string(i)`.
    struct Row {
        let base: UnsafeMutableRawPointer
        let starts: UnsafeBufferPointer<Int>
        let ends: UnsafeBufferPointer<Int>
        let line: Int

        var count: Int { starts.count }
        subscript(index: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
        }
        func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }
        /// The field as text for an error message (shortened when long).
        func excerpt(_ index: Int) -> String {
            let bytes = self[index]
            if bytes.count <= 40 { return string(index) }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<40]), as: UTF8.self)
                + "… (\(bytes.count) bytes)"
        }
    }

    /// The first byte after a BOM and white space (`{` or `[` means JSON), read into the buffer the rows will use.
    func firstSignificantByte() throws(ImportError) -> UInt8? {
        while filled < 64, !atEOF {
            let count = read(fd, buffer + filled, capacity - filled)
            if count < 0 { throw .file(path, "read failed: \(String(cString: strerror(errno)))") }
            if count == 0 { atEOF = true }
            filled += count
            bytesRead += Int64(count)
        }
        let bytes = buffer.assumingMemoryBound(to: UInt8.self)
        for index in 0..<filled {
            switch bytes[index] {
            case 0xEF, 0xBB, 0xBF, 32, 10, 13, 9: continue
            case let byte: return byte
            }
        }
        return nil
    }

    /// Calls `body` with each row until the end of the file or until `body` returns false.
    func forEachRow(_ body: (Row) throws(ImportError) -> Bool) throws(ImportError) {
        var first = true
        while true {
            guard let bounds = try nextRowBounds() else { return }
            let (rowEnd, next, lines) = (bounds.1, bounds.2, bounds.3)
            var start = bounds.0
            if first {
                first = false
                if rowEnd - start >= 3, buffer.load(fromByteOffset: start, as: UInt8.self) == 0xEF,
                    buffer.load(fromByteOffset: start + 1, as: UInt8.self) == 0xBB,
                    buffer.load(fromByteOffset: start + 2, as: UInt8.self) == 0xBF
                {
                    start += 3
                }
            }
            var end = rowEnd
            if end > start, buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 13 { end -= 1 }
            splitFields(start, end)
            let rowLine = line
            line += lines
            position = next
            let keepGoing = try starts.withUnsafeBufferPointer { starts throws(ImportError) in
                try ends.withUnsafeBufferPointer { ends throws(ImportError) in
                    try body(Row(base: buffer, starts: starts, ends: ends, line: rowLine))
                }
            }
            if !keepGoing { return }
        }
    }

    /// The bounds of the next row (end excludes the newline), where the one after starts, and how many newlines it
    /// spans; nil at the end of the file.
    private func nextRowBounds() throws(ImportError) -> (Int, Int, Int, Int)? {
        var scanFrom = position
        var inQuotes = false
        var newlines = 0
        while true {
            // Scan for the row's newline outside quotes.
            var i = scanFrom
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            while i < filled {
                if !inQuotes {
                    // Fast path: jump to the next newline or quote.
                    let remaining = filled - i
                    let newline = memchr(bytes + i, 10, remaining).map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes) }
                    let limit = newline ?? filled
                    if let quote = memchr(bytes + i, 34, limit - i) {
                        i = UnsafeRawPointer(quote) - UnsafeRawPointer(bytes) + 1
                        inQuotes = true
                        continue
                    }
                    if let newline { return (position, newline, newline + 1, newlines + 1) }
                    i = filled
                } else {
                    let byte = bytes[i]
                    if byte == 34 { inQuotes = false } else if byte == 10 { newlines += 1 }
                    i += 1
                }
            }
            if atEOF {
                if position >= filled { return nil }
                if inQuotes { throw .row(path, line, "a quoted field is not closed before the end of the file") }
                return (position, filled, filled, 0)
            }
            // Need more bytes: move the partial row to the front, grow when it fills the buffer.
            let partial = filled - position
            if partial >= CSVReader.maxRowBytes {
                throw .row(path, line, "a row is longer than \(CSVReader.maxRowBytes >> 20) MiB; is this a CSV file?")
            }
            if position > 0 {
                buffer.copyMemory(from: buffer + position, byteCount: partial)
                scanFrom = i - position
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
            let count = read(fd, buffer + filled, capacity - filled)
            if count < 0 { throw .file(path, "read failed: \(String(cString: strerror(errno)))") }
            if count == 0 { atEOF = true }
            filled += count
            bytesRead += Int64(count)
        }
    }

    /// Splits `[start, end)` at commas outside quotes; quoted fields are unescaped in place.
    private func splitFields(_ start: Int, _ end: Int) {
        CSVReader.splitFields(buffer.assumingMemoryBound(to: UInt8.self), start, end, &starts, &ends)
    }

    /// The byte offset in the file where the next row starts, and its line number.
    var nextRow: (offset: Int64, line: Int) { (bytesRead - Int64(filled - position), line) }

    /// Splits `bytes[start, end)` at commas outside quotes into field bounds; quoted fields are unescaped in place.
    static func splitFields(_ bytes: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, _ starts: inout [Int],
                            _ ends: inout [Int]) {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var i = start
        while true {
            if i < end, bytes[i] == 34 {
                // Quoted: copy unescaped content left over itself.
                var read = i + 1
                var write = i
                while read < end {
                    if bytes[read] == 34 {
                        if read + 1 < end, bytes[read + 1] == 34 {
                            bytes[write] = 34
                            write += 1
                            read += 2
                            continue
                        }
                        read += 1
                        break
                    }
                    bytes[write] = bytes[read]
                    write += 1
                    read += 1
                }
                starts.append(i)
                ends.append(write)
                // Skip anything between the closing quote and the comma.
                while read < end, bytes[read] != 44 { read += 1 }
                if read >= end { return }
                i = read + 1
            } else {
                let remaining = end - i
                let comma = remaining > 0 ? memchr(bytes + i, 44, remaining) : nil
                let fieldEnd = comma.map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes) } ?? end
                starts.append(i)
                ends.append(fieldEnd)
                if comma == nil { return }
                i = fieldEnd + 1
            }
        }
    }
}
