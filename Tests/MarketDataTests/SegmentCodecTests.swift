import AIKitTesting
import Testing

@testable import MarketData

/// Bar segments round-trip every value bit for bit, whichever encoding each column gets.
@Suite struct SegmentCodecTests {
    func roundTrip(_ bars: BarColumns, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let blob = BarSegment.encode(bars)
        let decoded = try blob.withUnsafeBytes { bytes in try BarSegment.decode(bytes) }
        #expect(decoded.time == bars.time, sourceLocation: sourceLocation)
        for path in BarColumns.prices {
            let a = decoded[keyPath: path].map(\.bitPattern)
            let b = bars[keyPath: path].map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }
            #expect(a == b, sourceLocation: sourceLocation)
        }
        return blob.count
    }

    @Test func pricesWithFourDecimalsCompressAndRoundTrip() throws {
        var bars = BarColumns()
        var generator = SeededRandom(seed: 7)  // reproducible, so the size bound below is too
        var price = 100.0
        for day in 0..<2_900 {
            price = max(
                0.01, ((price * (1 + Double.random(in: -0.03...0.03, using: &generator))) * 10_000).rounded() / 10_000)
            bars.append(
                time: Int64(day) * 86_400 * (day % 5 == 4 ? 3 : 1), open: price, high: price + 0.5,
                low: price - 0.5, close: price, adjClose: .nan, volume: Double(Int.random(in: 0...10_000_000)))
        }
        let size = try roundTrip(bars)
        #expect(size < bars.count * 56 * 6 / 10, "2,900 daily bars took \(size) bytes")
    }

    @Test func awkwardValuesFallBackToRawAndStillRoundTrip() throws {
        var bars = BarColumns()
        let awkward: [Double] = [0.1 + 0.2, 1e300, -0.0, 5e-324, .pi, 123.456789012, -42, .nan]
        for (index, value) in awkward.enumerated() {
            bars.append(
                time: -86_400 * Int64(index) * 1_000_003, open: value, high: value, low: value,
                close: index.isMultiple(of: 2) ? 1.5 : -2.25, adjClose: value, volume: .nan)
        }
        _ = try roundTrip(bars)
        _ = try roundTrip(BarColumns())
        // A large integer first, then a value needing 8 decimals: the first no longer fits the final scale.
        var mixed = BarColumns()
        for (index, value) in [1e14, 0.12345678].enumerated() {
            mixed.append(
                time: Int64(index), open: value, high: value, low: value, close: value, adjClose: value, volume: value)
        }
        _ = try roundTrip(mixed)
    }

    @Test func versionOneSegmentsAreStillRead() throws {
        var bars = BarColumns()
        bars.append(time: 86_400, open: 1, high: 2, low: 0.5, close: 1.5, adjClose: .nan, volume: 10)
        bars.append(time: 2 * 86_400, open: 1.5, high: 2.5, low: 1, close: 2, adjClose: .nan, volume: 20)
        var blob = [UInt8](repeating: 0, count: 16)
        withUnsafeBytes(of: BarSegment.magicV1.littleEndian) { blob.replaceSubrange(0..<4, with: $0) }
        withUnsafeBytes(of: UInt32(2).littleEndian) { blob.replaceSubrange(4..<8, with: $0) }
        bars.time.withUnsafeBytes { blob += $0 }
        for path in BarColumns.prices { bars[keyPath: path].withUnsafeBytes { blob += $0 } }
        let decoded = try blob.withUnsafeBytes { try BarSegment.decode($0) }
        #expect(decoded.time == bars.time && decoded.close == bars.close && decoded.adjClose.allSatisfy { $0.isNaN })
    }

    @Test func damagedSegmentsAreErrorsNotCrashes() throws {
        var bars = BarColumns()
        bars.append(time: 86_400, open: 1, high: 2, low: 0.5, close: 1.5, adjClose: .nan, volume: 10)
        let blob = BarSegment.encode(bars)
        for cut in [0, 10, 17, blob.count - 1] {
            #expect(throws: StoreError.self) {
                try Array(blob.prefix(cut)).withUnsafeBytes { try BarSegment.decode($0) }
            }
        }
        var flipped = blob
        flipped[16] = 9  // unknown encoding
        #expect(throws: StoreError.self) { try flipped.withUnsafeBytes { try BarSegment.decode($0) } }
    }
}
