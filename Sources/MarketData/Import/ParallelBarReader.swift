internal import CSV
internal import Dispatch
internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses the bar rows of a large CSV file on several threads: the file is mapped and taken in 32 MiB rounds, each
/// round is cut at line ends into one piece per thread, the pieces are parsed at once, and their chunks reach the
/// accumulator in file order with line numbers shifted to the file's. Pages of finished rounds are released, so memory
/// stays flat. Every line end must be a row end: a quoted field may hold commas and doubled quotes, but a line with an
/// unclosed quote (a field spanning lines, which no bar file needs) is rejected with its line number.
struct ParallelBarReader {
    let path: String
    let parser: BarRowParser
    let skipBad: Bool
    let threads: Int
    let progress: (@Sendable (String, Int64, Int64) -> Void)?
    let roundBytes: Int

    static var defaultThreads: Int {
        if let text = ProcessInfo.processInfo.environment["AIKIT_IMPORT_THREADS"], let n = Int(text), n > 0 {
            return n
        }
        return min(ProcessInfo.processInfo.activeProcessorCount, 8)
    }

    func run(from start: Int64, line firstLine: Int, into accumulator: BarAccumulator) throws(ImportError) {
        guard let file = MappedFile(path: path) else {
            throw .file(path, "cannot map the file: \(String(cString: strerror(errno)))")
        }
        let bytes = file.bytes
        let size = file.count
        var line = firstLine
        // One parser per thread, and two sets of chunks: the threads parse round k+1 into one set while this thread
        // merges round k from the other.
        let parsers = UnsafeMutablePointer<BarRowParser>.allocate(capacity: threads)
        parsers.initialize(repeating: parser, count: threads)
        defer {
            parsers.deinitialize(count: threads)
            parsers.deallocate()
        }
        var ready = (0..<threads).map { _ in ParsedChunk() }
        var spare = (0..<threads).map { _ in ParsedChunk() }
        let skipBad = skipBad
        let threads = threads

        /// The round starting at `position`: up to the first line end after roundBytes, cut into one piece per thread.
        func round(at position: Int) -> [Int] {
            var end = min(position + roundBytes, size)
            if end < size {
                let newline = memchr(bytes + end - 1, 10, size - end + 1)
                end = newline.map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes) + 1 } ?? size
            }
            var bounds = [position]
            for piece in 1..<threads {
                var cut = max(position + (end - position) * piece / threads, bounds[bounds.count - 1])
                while cut < end, cut > position, bytes[cut - 1] != 10 { cut += 1 }
                bounds.append(cut)
            }
            bounds.append(end)
            return bounds
        }

        var bounds = round(at: Int(start))
        Self.parseRound(bytes, bounds, parsers, ready, skipBad: skipBad)
        while true {
            let end = bounds[bounds.count - 1]
            let next = end < size ? round(at: end) : nil
            let group = DispatchGroup()
            if let next {
                nonisolated(unsafe) let work = (bytes, next, parsers, spare)
                DispatchQueue.global().async(group: group) {
                    Self.parseRound(work.0, work.1, work.2, work.3, skipBad: skipBad)
                }
            }
            do throws(ImportError) {
                for chunk in ready {
                    let shift = Int32(clamping: line - 1)
                    if let error = chunk.error { throw error.shifted(by: line - 1) }
                    for error in chunk.skipped { accumulator.skip(error.shifted(by: line - 1).description) }
                    try accumulator.append(chunk, lineOffset: shift)
                    line += chunk.lineCount
                }
            } catch {
                group.wait()  // the threads still read the mapping and the parsers
                throw error
            }
            group.wait()
            file.release(bounds[0]..<end)
            progress?(path, Int64(end), Int64(size))
            guard let next else { break }
            bounds = next
            swap(&ready, &spare)
        }
    }

    /// Parses the pieces of one round at once, piece i with parser i into chunk i.
    private static func parseRound(
        _ bytes: UnsafeMutablePointer<UInt8>, _ bounds: [Int],
        _ parsers: UnsafeMutablePointer<BarRowParser>, _ chunks: [ParsedChunk],
        skipBad: Bool
    ) {
        nonisolated(unsafe) let shared = (bytes, bounds, parsers, chunks)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { piece in
            shared.3[piece].reset()
            parse(
                shared.0, shared.1[piece]..<shared.1[piece + 1], parser: &shared.2[piece], into: shared.3[piece],
                skipBad: skipBad)
        }
    }

    /// Parses the lines of `bytes[range]`, numbering them from 1 (shifted later). The file has no quotes, so a
    /// line splits at every comma: one pass of the bytes into fixed field-bound buffers.
    private static func parse(
        _ bytes: UnsafeMutablePointer<UInt8>, _ range: Range<Int>, parser: inout BarRowParser,
        into chunk: ParsedChunk, skipBad: Bool
    ) {
        var capacity = 64
        var starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        var ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        defer {
            starts.deallocate()
            ends.deallocate()
        }
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
                var count = 0
                var fieldStart = position
                var index = position
                let quoted = memchr(bytes + position, 34, end - position) != nil
                while true {
                    if index == end || bytes[index] == 44 {
                        if count == capacity {
                            let larger = (
                                UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2),
                                UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
                            )
                            larger.0.update(from: starts, count: count)
                            larger.1.update(from: ends, count: count)
                            starts.deallocate()
                            ends.deallocate()
                            (starts, ends) = larger
                            capacity *= 2
                        }
                        starts[count] = fieldStart
                        ends[count] = index
                        count += 1
                        if index == end { break }
                        fieldStart = index + 1
                    }
                    index += 1
                }
                do throws(ImportError) {
                    if quoted {
                        // Quotes: split again honouring them (commas inside, doubled quotes), on this line alone.
                        var quotes = 0
                        for offset in position..<end where bytes[offset] == 34 { quotes += 1 }
                        guard quotes % 2 == 0 else {
                            throw ImportError.row(
                                parser.path, local,
                                "a quoted field is not closed on its line "
                                    + "(bar files need one row per line)")
                        }
                        var fieldStarts: [Int] = []
                        var fieldEnds: [Int] = []
                        if let junk = CSVReader.splitFields(bytes, position, end, &fieldStarts, &fieldEnds) {
                            throw ImportError.row(parser.path, local, CSVReader.unexpectedAfterQuote(bytes[junk]))
                        }
                        try fieldStarts.withUnsafeBufferPointer { starts throws(ImportError) in
                            try fieldEnds.withUnsafeBufferPointer { ends throws(ImportError) in
                                try parser.parse(
                                    CSVReader.Row(
                                        base: UnsafeMutableRawPointer(bytes), starts: starts,
                                        ends: ends, line: local), into: chunk)
                            }
                        }
                        position = lineEnd + 1
                        continue
                    }
                    let row = CSVReader.Row(
                        base: UnsafeMutableRawPointer(bytes), starts: UnsafeBufferPointer(start: starts, count: count),
                        ends: UnsafeBufferPointer(start: ends, count: count), line: local)
                    try parser.parse(row, into: chunk)
                } catch {
                    if skipBad, error.kind == .row {
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
}

/// A file mapped copy-on-write (the CSV splitter may unescape in place; unquoted files are never written).
final class MappedFile {
    let bytes: UnsafeMutablePointer<UInt8>
    let count: Int

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let map = mmap(nil, Int(info.st_size), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
        guard let map, map != MAP_FAILED else { return nil }
        madvise(map, Int(info.st_size), MADV_SEQUENTIAL)
        bytes = map.assumingMemoryBound(to: UInt8.self)
        count = Int(info.st_size)
    }

    /// Drops the pages of `range` from this process (they stay in the page cache).
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        let end = range.upperBound / page * page
        if end > start { madvise(bytes + start, end - start, MADV_DONTNEED) }
    }

    deinit { munmap(bytes, count) }
}
