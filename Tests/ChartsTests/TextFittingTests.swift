import Foundation
import Testing

@testable import Charts

/// `TextMetrics.fit` in one pass: the same answers as measuring every shortened candidate (the old, quadratic way),
/// fast on long labels, and labels capped at `maxCharacters`.
@Suite struct TextFittingTests {
    /// The old fit: drop the last character and measure again until the text and "…" fit.
    static func reference(_ text: String, width: Double, size: Double, bold: Bool) -> String {
        if TextMetrics.width(text, size: size, bold: bold) <= width { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters) + "…"
            if TextMetrics.width(candidate, size: size, bold: bold) <= width { return candidate }
        }
        return TextMetrics.width("…", size: size, bold: bold) <= width ? "…" : ""
    }

    @Test(arguments: [
        "", "x", "Sector moves, 2025", "A very long series name that cannot fit the legend", "華為技術有限公司 Huawei",
        "e\u{301}e\u{301}e\u{301} combining", "🇨🇳🇺🇸 flags 👩‍👩‍👧 family", "\u{200B}zero\u{200B}width", "iiiiiiiiiiWWWWWWWWW",
    ])
    func fitGivesTheOldAnswers(_ text: String) {
        for width in [-1.0, 0, 5, 8, 9.5, 20, 37.3, 60, 100, 250, 1000] {
            for bold in [false, true] {
                let fitted = TextMetrics.fit(text, width: width, size: 11, bold: bold)
                #expect(fitted == Self.reference(text, width: width, size: 11, bold: bold), "\(text) in \(width)")
            }
        }
    }

    /// 20,000 characters took 11 s to fit before (the whole label re-measured after each character dropped).
    @Test func longLabelsFitInLinearTime() {
        let label = String(repeating: "W", count: 20_000)
        let started = Date()
        #expect(TextMetrics.fit(label, width: 100, size: 11) == "WWWWWWWW…")
        #expect(Self.reference(String(label.prefix(40)), width: 100, size: 11, bold: false) == "WWWWWWWW…")
        #expect(TextMetrics.fit(label, width: 1e6, size: 11) == label)
        #expect(Date().timeIntervalSince(started) < 1, "fitting took \(Date().timeIntervalSince(started)) s")
    }

    @Test func labelsAreCappedAtMaxCharacters() throws {
        let long = String(repeating: "a", count: TextMetrics.maxCharacters + 5)
        #expect(TextMetrics.capped(long) == String(repeating: "a", count: TextMetrics.maxCharacters) + "…")
        #expect(TextMetrics.capped("short") == "short")
        // A title (the aria-label) and a unit (value labels are drawn whole) past the cap.
        let svg = try BarChart(title: long, labels: ["a"], values: [1], unit: long).svg()
        // The longest run of "a" (counted in one pass: `contains` with a 20,000-character needle is slow here).
        var longest = 0
        var run = 0
        for byte in svg.utf8 {
            run = byte == UInt8(ascii: "a") ? run + 1 : 0
            longest = max(longest, run)
        }
        #expect(longest == TextMetrics.maxCharacters)
    }
}
