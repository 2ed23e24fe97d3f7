/// Why a chart cannot be drawn as specified.
public struct ChartError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// How much one chart draws: past these a chart is unreadable and its SVG runs to megabytes (a fuzzed line chart of
/// 100,000 series took seconds and 12 MB), so it is refused with a message saying what to select.
enum ChartLimits {
    static let series = 200
    static let points = 2_000_000
    static let bars = 2_000
    static let segments = 200
    static let heatmapCells = 100_000

    /// Throws when `count` `things` exceed `limit` (what to do in `advice`).
    static func check(_ count: Int, _ limit: Int, _ things: String, advice: String) throws(ChartError) {
        guard count <= limit else {
            throw ChartError("\(count) \(things) is more than a chart draws (at most \(limit)); \(advice)")
        }
    }
}

/// Terminal sparkline: "▁▂▄█" for quick looks in the REPL; values that are not finite or beyond ±1e300 are
/// blanks.
public enum Sparkline {
    public static func render(_ values: [Double]) -> String {
        let finite = values.filter(Plottable.contains)
        guard let low = finite.min(), let high = finite.max() else { return "" }
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(
            values.map { value -> Character in
                guard Plottable.contains(value) else { return " " }
                if high == low { return blocks[3] }
                return blocks[min(blocks.count - 1, Int((value - low) / (high - low) * Double(blocks.count - 1) + 0.5))]
            })
    }
}

/// Chart data as text for CSV: whole numbers without a fraction, others in Swift's shortest round-trip form (exact),
/// and values that are not finite empty.
enum ChartData {
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
