internal import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decimal text to Double without allocating: Clinger's fast path (exact when the digits fit in 2^53 and the power
/// of ten is at most 10^22, which covers prices and volumes as files print them), `strtod` otherwise.
enum NumberParsing {
    /// The value; NaN for a missing value (empty, null, NaN, NA, N/A, -); nil when the text is not a number.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var start = 0
        var end = bytes.count
        if end == 0 { return .nan }
        if bytes[0] == 32 || bytes[end - 1] == 32 {
            while start < end, bytes[start] == 32 { start += 1 }
            while end > start, bytes[end - 1] == 32 { end -= 1 }
            if start == end { return .nan }
        }
        var i = start
        var negative = false
        if bytes[i] == 45 || bytes[i] == 43 {
            negative = bytes[i] == 45
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < end, bytes[i] &- 48 < 10 {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
            }
            sawDigit = true
            i += 1
        }
        if i < end, bytes[i] == 46 {
            i += 1
            while i < end, bytes[i] &- 48 < 10 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                }
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return missingOrInvalid(bytes, start, end) }
        if i < end, bytes[i] == 101 || bytes[i] == 69 {  // e E
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == 45 || bytes[i] == 43 {
                exponentNegative = bytes[i] == 45
                i += 1
            }
            var value = 0
            var sawExponentDigit = false
            while i < end, bytes[i] &- 48 < 10 {
                value = min(value * 10 + Int(bytes[i] &- 48), 100_000)
                sawExponentDigit = true
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard i == end else { return nil }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= powers[-exponent] } else if exponent > 0 { value *= powers[exponent] }
            return negative ? -value : value
        }
        return slowPath(bytes, start, end)
    }

    private static let powers: [Double] = (0...22).map { pow(10.0, Double($0)) }

    private static func slowPath(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var text = [CChar](repeating: 0, count: end - start + 1)
        for index in start..<end { text[index - start] = CChar(bitPattern: bytes[index]) }
        return text.withUnsafeBufferPointer { pointer -> Double? in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer.baseAddress!, &stop)
            guard let stop, stop - UnsafeMutablePointer(mutating: pointer.baseAddress!) == end - start else {
                return nil
            }
            return value
        }
    }

    private static let missingWords: Set<String> = ["null", "nan", "na", "n/a", "-", "none"]

    private static func missingOrInvalid(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        guard end - start <= 4 else { return nil }
        let word = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        return missingWords.contains(word) ? .nan : nil
    }
}
