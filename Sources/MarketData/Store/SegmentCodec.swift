/// Column compression for bar segments, chosen per column and always lossless:
/// - times: delta-of-delta, zigzag varints (regular bars cost one byte each);
/// - decimals: values that are exactly `k / 10^d` for one d in 0...8 (prices with 4 decimals, integral volumes)
///   as zigzag varints of the deltas of k, decoded as `Double(k) / 10^d` — checked value by value at encoding;
/// - all-missing columns: nothing;
/// - anything else: the raw 8-byte values.
enum SegmentCodec {
    enum Kind: UInt8 {
        case raw = 0, missing = 1, decimal = 2, timeDeltas = 3
    }

    static let powers: [Double] = (0...8).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// A growable byte buffer with varint writers.
    struct Writer {
        private(set) var bytes: UnsafeMutablePointer<UInt8>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            bytes = .allocate(capacity: self.capacity)
        }

        func free() { bytes.deallocate() }

        mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + extra))
            larger.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = larger
            capacity = max(capacity * 2, count + extra)
        }

        mutating func byte(_ value: UInt8) {
            reserve(1)
            bytes[count] = value
            count += 1
        }

        mutating func uint32(_ value: UInt32, at offset: Int) {
            for shift in 0..<4 { bytes[offset + shift] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(shift))) }
        }

        /// Zigzag varint; the caller reserves 10 bytes per value.
        @inline(__always) mutating func varint(_ value: Int64) {
            var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
            while zigzag >= 0x80 {
                bytes[count] = UInt8(truncatingIfNeeded: zigzag) | 0x80
                zigzag >>= 7
                count += 1
            }
            bytes[count] = UInt8(zigzag)
            count += 1
        }

        mutating func raw(_ source: UnsafeRawPointer, byteCount: Int) {
            reserve(byteCount)
            (bytes + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: byteCount)
            count += byteCount
        }
    }

    /// Reads varints from a block.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        @inline(__always) mutating func varint() throws(StoreError) -> Int64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count, shift < 64 else {
                    throw .corrupt("a bar segment's varint runs past its end")
                }
                let byte = bytes[offset]
                offset += 1
                result |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int64(bitPattern: (result >> 1)) ^ -Int64(bitPattern: result & 1)
        }
    }

    // MARK: encoding

    static func encodeTimes(_ values: UnsafeBufferPointer<Int64>, into writer: inout Writer) {
        writer.byte(Kind.timeDeltas.rawValue)
        let lengthAt = writer.count
        writer.reserve(4 + values.count * 10)
        writer.raw([UInt8](repeating: 0, count: 4), byteCount: 4)
        let start = writer.count
        var previous: Int64 = 0
        var previousDelta: Int64 = 0
        for value in values {
            let delta = value &- previous
            writer.varint(delta &- previousDelta)
            previousDelta = delta
            previous = value
        }
        writer.uint32(UInt32(writer.count - start), at: lengthAt)
    }

    static func encodeNumbers(_ values: UnsafeBufferPointer<Double>, into writer: inout Writer) {
        if values.allSatisfy({ $0.isNaN }) {
            writer.byte(Kind.missing.rawValue)
            writer.raw([UInt8](repeating: 0, count: 4), byteCount: 4)
            return
        }
        if let scale = decimalScale(values) {
            let mark = writer.count
            writer.byte(Kind.decimal.rawValue)
            writer.byte(UInt8(scale))
            let lengthAt = writer.count
            writer.reserve(4 + values.count * 10)
            writer.raw([UInt8](repeating: 0, count: 4), byteCount: 4)
            let start = writer.count
            let power = powers[scale]
            var previous: Int64 = 0
            var exact = true
            for value in values {
                let scaled = value * power
                // A value checked at a smaller scale may be too large for the final one.
                guard abs(scaled) < 4.0e15 else {
                    exact = false
                    break
                }
                let integer = nearest(scaled)
                guard Double(integer) / power == value else {
                    exact = false
                    break
                }
                writer.varint(integer &- previous)
                previous = integer
            }
            if exact {
                writer.uint32(UInt32(writer.count - start), at: lengthAt)
                return
            }
            writer = rewound(writer, to: mark)
        }
        writer.byte(Kind.raw.rawValue)
        let lengthAt = writer.count
        writer.raw([UInt8](repeating: 0, count: 4), byteCount: 4)
        writer.uint32(UInt32(values.count * 8), at: lengthAt)
        writer.raw(UnsafeRawPointer(values.baseAddress!), byteCount: values.count * 8)
    }

    private static func rewound(_ writer: Writer, to mark: Int) -> Writer {
        var copy = writer
        copy.truncate(to: mark)
        return copy
    }

    /// The smallest d in 0...8 with every value exactly representable as k / 10^d (|k| < 2^53), or nil.
    static func decimalScale(_ values: UnsafeBufferPointer<Double>) -> Int? {
        var scale = 0
        for value in values {
            guard value.isFinite else { return nil }
            while true {
                let power = powers[scale]
                let scaled = value * power
                if abs(scaled) < 4.0e15, Double(nearest(scaled)) / power == value { break }
                scale += 1
                if scale >= powers.count { return nil }
            }
        }
        return scale
    }

    /// The nearest integer of |x| < 2^52 (ties away from zero) without a libm call.
    @inline(__always) static func nearest(_ x: Double) -> Int64 {
        Int64(x + (x < 0 ? -0.5 : 0.5))
    }

    // MARK: decoding

    /// Decodes one column block at `reader.offset` into `count` values at `destination`.
    static func decode(
        _ reader: inout Reader, count: Int, time: Bool,
        into destination: UnsafeMutableRawPointer
    ) throws(StoreError) {
        guard reader.offset + 5 <= reader.bytes.count, let kind = Kind(rawValue: reader.bytes[reader.offset]) else {
            throw .corrupt("a bar segment has an unknown column encoding")
        }
        guard !time || kind == .timeDeltas || kind == .raw else {
            throw .corrupt("a bar segment's time column has a number encoding")
        }
        reader.offset += 1
        var scale = 0
        if kind == .decimal {
            scale = Int(reader.bytes[reader.offset])
            reader.offset += 1
            guard scale < powers.count else { throw .corrupt("a bar segment has a decimal scale of \(scale)") }
        }
        guard reader.offset + 4 <= reader.bytes.count else { throw .corrupt("a bar segment is cut short") }
        let length = Int(
            UInt32(littleEndian: reader.bytes.loadUnaligned(fromByteOffset: reader.offset, as: UInt32.self)))
        reader.offset += 4
        let end = reader.offset + length
        guard end <= reader.bytes.count else { throw .corrupt("a bar segment's column runs past its end") }
        switch kind {
        case .raw:
            guard length == count * 8 else { throw .corrupt("a raw bar column has \(length) bytes for \(count) rows") }
            destination.copyMemory(from: reader.bytes.baseAddress! + reader.offset, byteCount: length)
        case .missing:
            destination.initializeMemory(as: Double.self, repeating: .nan, count: count)
        case .decimal:
            let out = destination.assumingMemoryBound(to: Double.self)
            let power = powers[scale]
            var previous: Int64 = 0
            for index in 0..<count {
                previous &+= try reader.varint()
                out[index] = Double(previous) / power
            }
        case .timeDeltas:
            guard time else { throw .corrupt("a bar segment has a time encoding in a number column") }
            let out = destination.assumingMemoryBound(to: Int64.self)
            var previous: Int64 = 0
            var delta: Int64 = 0
            for index in 0..<count {
                delta &+= try reader.varint()
                previous &+= delta
                out[index] = previous
            }
        }
        guard kind == .raw || kind == .missing || reader.offset == end else {
            throw .corrupt("a bar segment's column length disagrees with its contents")
        }
        reader.offset = end
    }
}

extension SegmentCodec.Writer {
    mutating func truncate(to mark: Int) { count = mark }
}
