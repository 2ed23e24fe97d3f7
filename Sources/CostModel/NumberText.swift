/// Numbers in explanations, without Foundation's formatters: "3.70e24", "2.66M", "$5.576M", "39.1%".
enum NumberText {
    /// `value` rounded to `digits` significant digits, in plain notation below 1e6 and scientific above.
    static func sig(_ value: Double, _ digits: Int = 3) -> String {
        guard value.isFinite else { return String(value) }
        if value == 0 { return "0" }
        let exponent = Int((abs(value)).log10Floor)
        if exponent >= 6 || exponent < -3 {
            let mantissa = value / pow10(exponent)
            return fixed(mantissa, digits - 1) + "e" + String(exponent)
        }
        return trimmed(fixed(value, max(0, digits - 1 - exponent)))
    }

    /// Thousands, millions, billions: "2.66M", "180K".
    static func short(_ value: Double, _ digits: Int = 4) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        for (scale, suffix) in units where abs(value) >= scale {
            return trimmed(fixed(value / scale, max(0, digits - 1 - Int((abs(value) / scale).log10Floor)))) + suffix
        }
        return sig(value, digits)
    }

    static func dollars(_ value: Double) -> String { "$" + short(value, 4) }
    static func percent(_ fraction: Double, _ decimals: Int = 1) -> String { fixed(fraction * 100, decimals) + "%" }

    /// Fixed decimals, rounding half away from zero.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let scale = pow10(decimals)
        let rounded = (abs(value) * scale).rounded() / scale
        let integer = Int64(rounded)
        var fraction = Int64(((rounded - Double(integer)) * scale).rounded())
        var whole = integer
        if Double(fraction) >= scale {
            whole += 1
            fraction = 0
        }
        let sign = value < 0 && (whole != 0 || fraction != 0) ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n >= 0 ? result : 1 / result
    }
}

extension Double {
    /// floor(log10(self)) for positive values, without libm.
    fileprivate var log10Floor: Double {
        var exponent = 0
        var value = self
        while value >= 10 {
            value /= 10
            exponent += 1
        }
        while value < 1 {
            value *= 10
            exponent -= 1
        }
        return Double(exponent)
    }
}
