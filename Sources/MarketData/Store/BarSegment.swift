internal import Frames

/// The on-disk form of a run of bars of one symbol: a column segment stored as one BLOB, as ArcticDB segments and
/// TimescaleDB's compressed chunks do. Reading a symbol's history is then a few BLOB reads instead of one B-tree row
/// per bar. Version 2 ("AKS2") compresses each column losslessly (`SegmentCodec`: about 17 bytes a daily bar instead
/// of 56); version 1 ("AKS1", raw little-endian columns) is still read.
enum BarSegment {
    static let magicV1: UInt32 = 0x3153_4B41  // "AKS1"
    static let magicV2: UInt32 = 0x3253_4B41  // "AKS2"
    static let headerSize = 16

    /// Time span of one segment, by interval: daily and slower bars 4096 days (~11 years, ~2,900 trading days);
    /// intraday 16 days (23,040 one-minute bars).
    static func bucketSeconds(interval: String) -> Int64 {
        switch interval {
        case "1d", "1w", "1mo": 4096 * MarketTime.day
        default: 16 * MarketTime.day
        }
    }

    static func bucket(of time: Int64, interval: String) -> Int64 {
        MarketTime.floorDiv(time, bucketSeconds(interval: interval))
    }

    /// The runs of time-sorted `rows` that fall in one segment each.
    static func buckets(of rows: BarColumns, interval: String) -> [(bucket: Int64, rows: Range<Int>)] {
        var result: [(bucket: Int64, rows: Range<Int>)] = []
        var start = 0
        while start < rows.count {
            let bucket = bucket(of: rows.time[start], interval: interval)
            var end = start + 1
            while end < rows.count, self.bucket(of: rows.time[end], interval: interval) == bucket { end += 1 }
            result.append((bucket, start..<end))
            start = end
        }
        return result
    }

    /// Rows `range` of `bars` (all of them by default) as a compressed segment.
    static func encode(_ bars: BarColumns, _ range: Range<Int>? = nil) -> [UInt8] {
        let range = range ?? 0..<bars.count
        let n = range.count
        var writer = SegmentCodec.Writer(capacity: headerSize + 7 * (6 + n * 4))
        defer { writer.free() }
        writer.raw([UInt8](repeating: 0, count: headerSize), byteCount: headerSize)
        writer.uint32(magicV2, at: 0)
        writer.uint32(UInt32(n), at: 4)
        bars.time.withUnsafeBufferPointer { times in
            SegmentCodec.encodeTimes(UnsafeBufferPointer(rebasing: times[range]), into: &writer)
        }
        for path in BarColumns.prices {
            bars[keyPath: path].withUnsafeBufferPointer { values in
                SegmentCodec.encodeNumbers(UnsafeBufferPointer(rebasing: values[range]), into: &writer)
            }
        }
        return Array(UnsafeBufferPointer(start: writer.bytes, count: writer.count))
    }

    /// The number of rows of an encoded segment, or an error when the BLOB is not one.
    static func rowCount(_ blob: UnsafeRawBufferPointer) throws(StoreError) -> Int {
        guard blob.count >= headerSize else { throw .corrupt("a bar segment has no valid header") }
        let magic = UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        let n = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        switch magic {
        case magicV1:
            guard blob.count == headerSize + n * 56 else {
                throw .corrupt("a bar segment has \(blob.count) bytes for \(n) rows")
            }
        case magicV2:
            // Each row costs at least one byte of the time column, so a count beyond the BLOB's size is damage
            // (checked before anything is allocated for it).
            guard n <= blob.count - headerSize else {
                throw .corrupt("a bar segment claims \(n) rows in \(blob.count) bytes")
            }
        default: throw .corrupt("a bar segment has no valid header")
        }
        return n
    }

    /// What is wrong with the `number`th stored segment whose `rows` column says `rows`, or nil: its header must
    /// be valid and agree (a store's `integrityCheck`, whichever backend).
    static func problem(number: Int, rows: Int64, blob: UnsafeRawBufferPointer) -> String? {
        do {
            guard Int64(try rowCount(blob)) == rows else {
                return "bar segment \(number): its row count disagrees with its data"
            }
            return nil
        } catch {
            return "bar segment \(number): \(error)"
        }
    }

    /// Decodes all seven columns of a segment into `columns` (time, open, high, low, close, adj_close, volume), each
    /// with room for the segment's rows; returns the row count.
    static func decode(_ blob: UnsafeRawBufferPointer, into columns: [UnsafeMutableRawPointer]) throws(StoreError) {
        let n = try rowCount(blob)
        if UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) == magicV1 {
            for column in 0..<7 {
                columns[column].copyMemory(from: blob.baseAddress! + headerSize + column * n * 8, byteCount: n * 8)
            }
            return
        }
        var reader = SegmentCodec.Reader(bytes: blob, offset: headerSize)
        for column in 0..<7 {
            try SegmentCodec.decode(&reader, count: n, time: column == 0, into: columns[column])
        }
        guard reader.offset == blob.count else { throw .corrupt("a bar segment has trailing bytes") }
    }

    static func decode(_ blob: UnsafeRawBufferPointer) throws(StoreError) -> BarColumns {
        let n = try rowCount(blob)
        let scratch = SegmentScratch()
        try scratch.decode(blob)
        var bars = BarColumns()
        bars.time = Array(UnsafeBufferPointer(start: scratch.time, count: n))
        for (index, path) in BarColumns.prices.enumerated() {
            bars[keyPath: path] = Array(UnsafeBufferPointer(start: scratch.numbers(index), count: n))
        }
        return bars
    }

    /// Merges sorted unique `incoming` rows into sorted unique `existing` ones: incoming values win on equal times,
    /// except where an incoming value is missing (NaN: a column the file does not have, or null), which keeps the
    /// stored one — so a Stooq file does not erase the adjusted closes a Yahoo file brought. Column by column over a
    /// merge plan, not row by row.
    static func merge(_ existing: BarColumns, _ incoming: BarColumns) -> (BarColumns, MergeCounts) {
        var counts = MergeCounts()
        if existing.count == 0 {
            counts.inserted = incoming.count
            return (incoming, counts)
        }
        // The plan: for each merged row, its row in `existing` and in `incoming` (-1 when absent).
        var fromExisting: [Int] = []
        var fromIncoming: [Int] = []
        fromExisting.reserveCapacity(existing.count + incoming.count)
        fromIncoming.reserveCapacity(existing.count + incoming.count)
        var time: [Int64] = []
        time.reserveCapacity(existing.count + incoming.count)
        var i = 0
        var j = 0
        while i < existing.count || j < incoming.count {
            if j == incoming.count || (i < existing.count && existing.time[i] < incoming.time[j]) {
                fromExisting.append(i)
                fromIncoming.append(-1)
                time.append(existing.time[i])
                i += 1
            } else if i == existing.count || incoming.time[j] < existing.time[i] {
                fromExisting.append(-1)
                fromIncoming.append(j)
                time.append(incoming.time[j])
                counts.inserted += 1
                j += 1
            } else {
                fromExisting.append(i)
                fromIncoming.append(j)
                time.append(incoming.time[j])
                i += 1
                j += 1
            }
        }
        var merged = BarColumns()
        merged.time = time
        var changed = [Bool](repeating: false, count: time.count)
        for path in BarColumns.prices {
            let old = existing[keyPath: path]
            let new = incoming[keyPath: path]
            var column = [Double](repeating: .nan, count: time.count)
            for row in 0..<time.count {
                let e = fromExisting[row]
                let n = fromIncoming[row]
                if n < 0 {
                    column[row] = old[e]
                } else if e < 0 || !new[n].isNaN {
                    column[row] = new[n]
                    if e >= 0, old[e].bitPattern != new[n].bitPattern, !(old[e].isNaN && new[n].isNaN) {
                        changed[row] = true
                    }
                } else {
                    column[row] = old[e]  // missing in the file: keep the stored value
                }
            }
            merged[keyPath: path] = column
        }
        for row in 0..<time.count where fromExisting[row] >= 0 && fromIncoming[row] >= 0 {
            if changed[row] { counts.updated += 1 } else { counts.unchanged += 1 }
        }
        return (merged, counts)
    }
}

/// Reusable buffers a segment is decoded into (one allocation for a whole query).
final class SegmentScratch {
    private(set) var capacity = 0
    private var buffers: [UnsafeMutableRawPointer] = []
    private(set) var rows = 0

    deinit { buffers.forEach { $0.deallocate() } }

    var time: UnsafeMutablePointer<Int64> { buffers[0].assumingMemoryBound(to: Int64.self) }
    func numbers(_ index: Int) -> UnsafeMutablePointer<Double> {
        buffers[index + 1].assumingMemoryBound(to: Double.self)
    }
    func column(_ index: Int) -> UnsafeMutableRawPointer { buffers[index] }

    func decode(_ blob: UnsafeRawBufferPointer) throws(StoreError) {
        let n = try BarSegment.rowCount(blob)
        if n > capacity || buffers.isEmpty {
            buffers.forEach { $0.deallocate() }
            capacity = max(n, 4096)
            buffers = (0..<7).map { _ in UnsafeMutableRawPointer.allocate(byteCount: capacity * 8, alignment: 8) }
        }
        try BarSegment.decode(blob, into: buffers)
        rows = n
    }
}
