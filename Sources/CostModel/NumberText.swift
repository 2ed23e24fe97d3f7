/// Numbers in explanations, without Foundation's formatters: "3.70e24", "2.66M", "$5.576M", "39.1%".
///
/// Total over `Double`: NaN and ±infinity print as "nan", "inf" and "-inf", and magnitudes too large for fixed
/// notation (1e300, or anything whose fixed digits would not fit an `Int64`) fall back to scientific notation, so a
/// hostile input can make an explanation odd but never trap or loop.
enum NumberText {
    /// `value` rounded to `digits` significant digits, in plain notation below 1e6 and scientific above.
    static func sig(_ value: Double, _ digits: Int = 3) -> String {
        guard value.isFinite else { return String(value) }
        if value == 0 { return "0" }
        let digits = min(max(digits, 1), 17)
        let (mantissa, exponent) = decimalParts(abs(value))
        if exponent >= 6 || exponent < -3 {
            var rounded = fixedDigits(mantissa, digits - 1)
            var shown = exponent
            if rounded.hasPrefix("10") {  // 9.9996 rounds up to the next decade
                rounded = fixedDigits(mantissa / 10, digits - 1)
                shown += 1
            }
            return (value < 0 ? "-" : "") + rounded + "e" + String(shown)
        }
        return trimmed(fixed(value, max(0, digits - 1 - exponent)))
    }

    /// Thousands, millions, billions: "2.66M", "180K"; beyond 1e15 (and NaN, ±inf) as `sig`.
    static func short(_ value: Double, _ digits: Int = 4) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        guard value.isFinite, abs(value) < 1e15 else { return sig(value, digits) }
        for (scale, suffix) in units where abs(value) >= scale {
            let exponent = decimalParts(abs(value) / scale).exponent
            return trimmed(fixed(value / scale, max(0, digits - 1 - exponent))) + suffix
        }
        return sig(value, digits)
    }

    static func dollars(_ value: Double) -> String { "$" + short(value, 4) }
    static func percent(_ fraction: Double, _ decimals: Int = 1) -> String { fixed(fraction * 100, decimals) + "%" }

    /// Fixed decimals, rounding half away from zero; values whose digits would not fit an `Int64` (and NaN, ±inf)
    /// print as `sig` does.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let decimals = min(max(decimals, 0), 17)
        guard value.isFinite, abs(value) * pow10(decimals) < 9e18 else { return sig(value, 4) }
        let digits = fixedDigits(abs(value), decimals)
        let isZero = digits.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero ? "-" : "") + digits
    }

    /// The digits of a non-negative `value` with `decimals` decimals; `value × 10^decimals` must be below 9e18.
    private static func fixedDigits(_ value: Double, _ decimals: Int) -> String {
        let scale = pow10(decimals)
        let rounded = (value * scale).rounded() / scale
        var whole = Int64(rounded)
        var fraction = Int64(((rounded - Double(whole)) * scale).rounded())
        if Double(fraction) >= scale {
            whole += 1
            fraction = 0
        }
        guard decimals > 0 else { return String(whole) }
        let text = String(fraction)
        return String(whole) + "." + String(repeating: "0", count: max(0, decimals - text.count)) + text
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(abs(n), 400) { result *= 10 }
        return n >= 0 ? result : 1 / result
    }

    /// `value` (positive and finite) as mantissa × 10^exponent with the mantissa in [1, 10), by repeated scaling
    /// (at most ~330 steps each way, so subnormals and 1e308 both end), without libm.
    static func decimalParts(_ value: Double) -> (mantissa: Double, exponent: Int) {
        guard value.isFinite, value > 0 else { return (value, 0) }
        var mantissa = value
        var exponent = 0
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        return (mantissa, exponent)
    }
}
