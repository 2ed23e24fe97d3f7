/// The on-disk form of a run of bars of one symbol: a column segment stored as one BLOB (times then six price and
/// volume columns, little-endian), as ArcticDB segments and TimescaleDB's compressed chunks do. Reading a symbol's
/// history is then a few BLOB reads and memcpys instead of one B-tree row per bar.
enum BarSegment {
    static let magic: UInt32 = 0x3153_4B41  // "AKS1"
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

    static func byteCount(rows: Int) -> Int { headerSize + rows * 8 * 7 }

    /// Rows `range` of `bars` (all of them by default) as a segment.
    static func encode(_ bars: BarColumns, _ range: Range<Int>? = nil) -> [UInt8] {
        let range = range ?? 0..<bars.count
        let n = range.count
        return [UInt8](unsafeUninitializedCapacity: byteCount(rows: n)) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.storeBytes(of: magic.littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt32(n).littleEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: UInt64(0), toByteOffset: 8, as: UInt64.self)
            var offset = headerSize
            bars.time.withUnsafeBytes { source in
                raw.baseAddress!.advanced(by: offset)
                    .copyMemory(from: source.baseAddress! + range.lowerBound * 8, byteCount: n * 8)
            }
            offset += n * 8
            for path in BarColumns.prices {
                bars[keyPath: path].withUnsafeBytes { source in
                    raw.baseAddress!.advanced(by: offset)
                        .copyMemory(from: source.baseAddress! + range.lowerBound * 8, byteCount: n * 8)
                }
                offset += n * 8
            }
            initialized = byteCount(rows: n)
        }
    }

    /// The number of rows of an encoded segment, or an error when the BLOB is not one.
    static func rowCount(_ blob: UnsafeRawBufferPointer) throws(StoreError) -> Int {
        guard blob.count >= headerSize,
            UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) == magic
        else { throw .corrupt("a bar segment has no valid header") }
        let n = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        guard blob.count == byteCount(rows: n) else { throw .corrupt("a bar segment has \(blob.count) bytes for \(n) rows") }
        return n
    }

    static func decode(_ blob: UnsafeRawBufferPointer) throws(StoreError) -> BarColumns {
        let n = try rowCount(blob)
        var bars = BarColumns()
        bars.time = Array(unsafeUninitializedCapacity: n) { buffer, count in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: blob[headerSize..<headerSize + n * 8]))
            count = n
        }
        for (index, path) in BarColumns.prices.enumerated() {
            let start = headerSize + (index + 1) * n * 8
            bars[keyPath: path] = Array(unsafeUninitializedCapacity: n) { buffer, count in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: blob[start..<start + n * 8]))
                count = n
            }
        }
        return bars
    }

    /// Copies rows `range` of the segment into the seven destination columns at `offset`.
    static func copy(_ blob: UnsafeRawBufferPointer, rows n: Int, range: Range<Int>,
                     into destinations: [UnsafeMutableRawPointer], at offset: Int) {
        for column in 0..<7 {
            let start = headerSize + column * n * 8 + range.lowerBound * 8
            destinations[column].advanced(by: offset * 8).copyMemory(
                from: blob.baseAddress!.advanced(by: start), byteCount: range.count * 8)
        }
    }

    /// The time at `row` of an encoded segment.
    static func time(_ blob: UnsafeRawBufferPointer, row: Int) -> Int64 {
        Int64(littleEndian: blob.loadUnaligned(fromByteOffset: headerSize + row * 8, as: Int64.self))
    }

    /// Merges sorted unique `incoming` rows into sorted unique `existing` ones: incoming values win on equal times.
    static func merge(_ existing: BarColumns, _ incoming: BarColumns) -> (BarColumns, MergeCounts) {
        var counts = MergeCounts()
        if existing.count == 0 {
            counts.inserted = incoming.count
            return (incoming, counts)
        }
        var merged = BarColumns()
        merged.reserve(existing.count + incoming.count)
        var i = 0
        var j = 0
        while i < existing.count || j < incoming.count {
            if j == incoming.count || (i < existing.count && existing.time[i] < incoming.time[j]) {
                merged.append(existing, row: i)
                i += 1
            } else if i == existing.count || incoming.time[j] < existing.time[i] {
                merged.append(incoming, row: j)
                counts.inserted += 1
                j += 1
            } else {
                // A value the incoming row lacks (NaN: a column the file does not have, or null) keeps the stored one,
                // so a Stooq file does not erase the adjusted closes a Yahoo file brought.
                merged.append(incoming, row: j)
                let last = merged.count - 1
                for path in BarColumns.prices where merged[keyPath: path][last].isNaN {
                    merged[keyPath: path][last] = existing[keyPath: path][i]
                }
                if existing.sameValues(i, merged, last) { counts.unchanged += 1 } else { counts.updated += 1 }
                i += 1
                j += 1
            }
        }
        return (merged, counts)
    }
}
