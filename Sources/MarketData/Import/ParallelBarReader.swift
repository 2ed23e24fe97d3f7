internal import Dispatch
internal import Foundation

/// Parses the bar rows of a large CSV file on several threads: the file is read in 32 MiB rounds, each round is cut
/// at line ends into one piece per thread, the pieces are parsed at once, and their chunks reach the accumulator in
/// file order with line numbers shifted to the file's. Only for files without quote characters, where every line end
/// is a row end (`MarketImporter` checks).
struct ParallelBarReader {
    static let roundBytes = 32 << 20

    let path: String
    let parser: BarRowParser
    let skipBad: Bool
    let threads: Int
    let progress: (@Sendable (String, Int64, Int64) -> Void)?

    /// Whether a file may be read in parallel: large enough to gain, and no `"` anywhere.
    static func suits(_ path: String, size: Int64) -> Bool {
        guard size >= 16 << 20 else { return false }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let block = 8 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: block, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, block)
            if count <= 0 { return count == 0 }
            if memchr(buffer, 34, count) != nil { return false }
        }
    }

    static var defaultThreads: Int {
        if let text = ProcessInfo.processInfo.environment["AIKIT_IMPORT_THREADS"], let n = Int(text), n > 0 {
            return n
        }
        return min(ProcessInfo.processInfo.activeProcessorCount, 8)
    }

    func run(from start: Int64, line firstLine: Int, into accumulator: BarAccumulator) throws(ImportError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .file(path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        let size = Int64(info.st_size)
        var capacity = Self.roundBytes
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var offset = start
        var line = firstLine
        // One parser and one chunk per thread; each thread touches only its own.
        let parsers = UnsafeMutablePointer<BarRowParser>.allocate(capacity: threads)
        parsers.initialize(repeating: parser, count: threads)
        defer {
            parsers.deinitialize(count: threads)
            parsers.deallocate()
        }
        let chunks = (0..<threads).map { _ in ParsedChunk() }
        while true {
            // Fill the buffer after the carried partial line.
            if filled == capacity {
                if capacity >= CSVReader.maxRowBytes {
                    throw .row(path, line, "a row is longer than \(CSVReader.maxRowBytes >> 20) MiB; is this a CSV file?")
                }
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                larger.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let count = pread(fd, buffer + filled, capacity - filled, off_t(offset))
            if count < 0 { throw .file(path, "read failed: \(String(cString: strerror(errno)))") }
            offset += Int64(count)
            filled += count
            let atEnd = count == 0 || offset >= size
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            // The round ends after the last line end (or at the end of the file).
            var usable = filled
            if !atEnd {
                var index = filled - 1
                while index >= 0, bytes[index] != 10 { index -= 1 }
                if index < 0 { continue }  // no complete line yet: read more
                usable = index + 1
            }
            if usable == 0 { break }
            // Cut the round into one piece per thread at line ends.
            var bounds = [0]
            for piece in 1..<threads {
                var cut = max(usable * piece / threads, bounds[bounds.count - 1])
                while cut < usable, cut > 0, bytes[cut - 1] != 10 { cut += 1 }
                bounds.append(cut)
            }
            bounds.append(usable)
            nonisolated(unsafe) let shared = (bytes, bounds, parsers, chunks)
            DispatchQueue.concurrentPerform(iterations: threads) { piece in
                shared.3[piece].reset()
                Self.parse(shared.0, shared.1[piece]..<shared.1[piece + 1], parser: &shared.2[piece],
                           into: shared.3[piece], skipBad: skipBad)
            }
            for chunk in chunks {
                let shift = Int32(clamping: line - 1)
                if let error = chunk.error { throw Self.shift(error, by: line - 1) }
                for error in chunk.skipped { accumulator.skip(Self.shift(error, by: line - 1).description) }
                try accumulator.append(chunk, lineOffset: shift)
                line += chunk.lineCount
            }
            progress?(path, offset - Int64(filled - usable), size)
            // Carry the partial last line to the front.
            let rest = filled - usable
            if rest > 0 { buffer.copyMemory(from: buffer + usable, byteCount: rest) }
            filled = rest
            if atEnd && rest == 0 { break }
        }
    }

    /// Parses the lines of `bytes[range]`, numbering them from 1 (shifted later).
    private static func parse(_ bytes: UnsafeMutablePointer<UInt8>, _ range: Range<Int>, parser: inout BarRowParser,
                              into chunk: ParsedChunk, skipBad: Bool) {
        var starts: [Int] = []
        var ends: [Int] = []
        starts.reserveCapacity(16)
        ends.reserveCapacity(16)
        var position = range.lowerBound
        var local = 0
        while position < range.upperBound {
            let remaining = range.upperBound - position
            let newline = memchr(bytes + position, 10, remaining).map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes) }
            let lineEnd = newline ?? range.upperBound
            var end = lineEnd
            if end > position, bytes[end - 1] == 13 { end -= 1 }
            local += 1
            if end > position {
                CSVReader.splitFields(bytes, position, end, &starts, &ends)
                let row = starts.withUnsafeBufferPointer { starts in
                    ends.withUnsafeBufferPointer { ends in
                        CSVReader.Row(base: UnsafeMutableRawPointer(bytes), starts: starts, ends: ends, line: local)
                    }
                }
                do {
                    try parser.parse(row, into: chunk)
                } catch {
                    if skipBad, case .row = error {
                        chunk.skipped.append(error)
                    } else {
                        chunk.error = error
                        chunk.lineCount = local
                        return
                    }
                }
            }
            position = lineEnd + 1
        }
        chunk.lineCount = local
    }

    private static func shift(_ error: ImportError, by lines: Int) -> ImportError {
        if case .row(let path, let line, let message) = error { return .row(path, line + lines, message) }
        return error
    }
}
