/// Estimated text widths, so labels can be placed before any browser lays them out.
///
/// Charts name "Helvetica, Arial, sans-serif", which browsers resolve to Helvetica, Arial or a metric-compatible
/// face (Liberation Sans on Debian). ASCII advances below are Helvetica's (Adobe's Helvetica AFM, units of 1/1000 em;
/// Arial and Liberation Sans share them); other characters are estimated by class: combining marks take no room,
/// wide East Asian characters a full em, anything else the width of a capital. Bold text is taken 8% wider (Helvetica
/// Bold's lower case averages ~7% over regular). Estimates err wide by 4%, so a layout that fits here fits on screen.
public enum TextMetrics {
    /// Advance widths of " " (32) through "~" (126), Helvetica regular.
    static let ascii: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p … ~
    ]

    /// The estimated advance of `text` at `size` pixels.
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars { units += self.units(scalar) }
        return pixels(units, size: size, bold: bold)
    }

    /// 1/1000 em units as pixels at `size`.
    static func pixels(_ units: Double, size: Double, bold: Bool) -> Double {
        units / 1000 * size * (bold ? 1.08 : 1) * 1.04
    }

    /// One scalar's advance in 1/1000 em.
    static func units(_ scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        if value >= 32, value <= 126 { return Double(ascii[Int(value - 32)]) }
        if (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) || value == 0xFE0F {
            return 0  // combining marks, zero-width spaces and joiners, variation selectors
        }
        if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0x1F300...0x1FAFF).contains(value)
        {
            return 1000  // CJK, Hangul, full-width forms, emoji
        }
        return 722
    }

    /// The most characters a chart draws of one label (a title, a name, a cell); longer ones are cut with "…"
    /// (a page 100,000 pixels wide holds under 20,000 characters of 8-pixel text).
    public static let maxCharacters = 20_000

    /// `text` cut to `maxCharacters` (with "…" when it was longer).
    public static func capped(_ text: String) -> String {
        guard text.utf8.count > maxCharacters,
            let end = text.index(text.startIndex, offsetBy: maxCharacters, limitedBy: text.endIndex),
            end < text.endIndex
        else { return text }
        return String(text[..<end]) + "…"
    }

    /// `text` shortened with "…" so that it fits `width` (the whole text when it fits; "" when not even "…" does).
    /// One pass over at most `maxCharacters` Unicode scalars (a longer text is cut there and ends in "…", even one
    /// character of a million combining marks), each measured once, stopping where the text no longer fits.
    public static func fit(_ full: String, width: Double, size: Double, bold: Bool = false) -> String {
        let scalars = full.unicodeScalars
        let limit = scalars.index(scalars.startIndex, offsetBy: maxCharacters, limitedBy: scalars.endIndex)
        let capped = limit.map { $0 < scalars.endIndex } ?? false
        let text = capped ? String(scalars[..<limit!]) : full
        let ellipsis = units("…")
        func fits(_ units: Double) -> Bool { pixels(units, size: size, bold: bold) <= width }
        var used = 0.0  // units, summed exactly (whole numbers), as `width` sums them
        var kept = false  // some characters fit with "…" after them
        var end = text.startIndex
        var keptEnd = text.startIndex
        while end < text.endIndex {
            let next = text.index(after: end)
            for scalar in text[end..<next].unicodeScalars { used += units(scalar) }
            end = next
            if fits(used + ellipsis) {
                kept = true
                keptEnd = end
            }
            if !fits(used) { break }
        }
        if !capped, end == text.endIndex, fits(used) { return text }
        if kept { return String(text[..<keptEnd]) + "…" }
        return fits(ellipsis) ? "…" : ""
    }
}

/// A placed label's box (x to the right, y down), for the collision checks layouts make.
struct LabelBox: Equatable {
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double

    /// The box of text drawn at (x, y) (baseline) with an SVG `text-anchor`; unrotated, or rotated by -90° about (x, y).
    init(
        x: Double, y: Double, text: String, size: Double, anchor: TextAnchor, bold: Bool = false, vertical: Bool = false
    ) {
        let w = TextMetrics.width(text, size: size, bold: bold)
        let start: Double = anchor == .middle ? -w / 2 : anchor == .end ? -w : 0
        if vertical {  // rotated -90°: text runs upwards from (x, y)
            self.init(minX: x - size * 0.8, minY: y - start - w, maxX: x + size * 0.25, maxY: y - start)
        } else {
            self.init(minX: x + start, minY: y - size * 0.8, maxX: x + start + w, maxY: y + size * 0.25)
        }
    }

    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    func overlaps(_ other: LabelBox, gap: Double = 0) -> Bool {
        minX < other.maxX + gap && other.minX < maxX + gap && minY < other.maxY + gap && other.minY < maxY + gap
    }
}

/// Layout arithmetic that stays total for any chart size (NaN, infinite, negative or tiny widths still render).
enum Layout {
    /// `ratio` rounded up to a count in 1…`limit` (1 when not finite): "every n-th label", "rows that fit".
    static func every(_ ratio: Double, of limit: Int) -> Int {
        guard ratio.isFinite, ratio > 1 else { return 1 }
        return Int(min(ratio.rounded(.up), Double(max(1, limit))))
    }
}
