import Markup

/// A small SVG writer: every element built by `element`, whose names are literals of this module and whose attribute
/// values are typed (numbers through `n`, colours as `ChartColor`, keywords as enums) and escaped; text escaped.
struct SVG {
    private(set) var body: [String] = []
    let width: Double
    let height: Double
    /// The accessible name of the whole chart (`aria-label`), normally its title.
    var label: String?

    init(width: Double, height: Double, label: String? = nil) {
        self.width = width
        self.height = height
        self.label = label
    }

    /// A coordinate to one decimal; total over `Double` (NaN and ±infinity, which no caller should pass, print as 0,
    /// and magnitudes beyond 1e15 in exponent form, which SVG accepts).
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        guard abs(rounded) < 1e15 else { return String(rounded) }
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    /// `<name a="v" …>children</name>` (or `<name …/>` without children, which are markup already escaped): the one
    /// place chart markup is written.
    static func element(_ name: StaticString, _ attributes: [(StaticString, String)], children: String? = nil) -> String
    {
        var out = "<\(name)"
        for (key, value) in attributes { out += " \(key)=\"\(Markup.escape(value))\"" }
        guard let children else { return out + "/>" }
        return out + ">" + children + "</\(name)>"
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: ChartColor, width: Double = 1,
        dashed: Bool = false, tone: Tone? = nil
    ) {
        var attributes: [(StaticString, String)] = [
            ("x1", SVG.n(x1)), ("y1", SVG.n(y1)), ("x2", SVG.n(x2)), ("y2", SVG.n(y2)), ("stroke", stroke.hex),
            ("stroke-width", SVG.n(width)),
        ]
        if dashed { attributes.append(("stroke-dasharray", "5,4")) }
        if let tone { attributes.append(("class", tone.rawValue)) }
        body.append(SVG.element("line", attributes))
    }

    /// A line in a tone's colour, restylable by the page (axes, grid lines, whiskers).
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, tone: Tone, width: Double = 1) {
        line(x1, y1, x2, y2, stroke: tone.color, width: width, tone: tone)
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: ChartColor, title: String? = nil) {
        body.append(
            SVG.element(
                "rect",
                [
                    ("x", SVG.n(x)), ("y", SVG.n(y)), ("width", SVG.n(max(0, w))), ("height", SVG.n(max(0, h))),
                    ("fill", fill.hex),
                ], children: title.map { SVG.element("title", [], children: Markup.escape(TextMetrics.capped($0))) }))
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: ChartColor, width: Double = 2) {
        let list = points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
        body.append(
            SVG.element(
                "polyline",
                [
                    ("points", list), ("fill", "none"), ("stroke", stroke.hex), ("stroke-width", SVG.n(width)),
                    ("stroke-linejoin", "round"),
                ]))
    }

    /// Text at (x, y) (its baseline). `tone` names its role, so a page can restyle it (dark mode); `fill` overrides the
    /// tone's colour. With `rotate: -90` the text runs upwards.
    mutating func text(
        _ x: Double, _ y: Double, _ content: String, size: Double = 12, anchor: TextAnchor = .start,
        weight: FontWeight = .normal, tone: Tone = .ink, fill: ChartColor? = nil, rotate: Double? = nil
    ) {
        var attributes: [(StaticString, String)] = [
            ("x", SVG.n(x)), ("y", SVG.n(y)), ("font-size", SVG.n(size)), ("text-anchor", anchor.rawValue),
            ("font-weight", weight.rawValue), ("fill", (fill ?? tone.color).hex),
        ]
        if fill == nil { attributes.append(("class", tone.rawValue)) }
        if let rotate { attributes.append(("transform", "rotate(\(SVG.n(rotate)) \(SVG.n(x)) \(SVG.n(y)))")) }
        body.append(SVG.element("text", attributes, children: Markup.escape(TextMetrics.capped(content))))
    }

    /// The chart's title centred at the top, shrunk (to 11 px) and then shortened with "…" to fit the width.
    mutating func title(_ title: String) {
        var size = 16.0
        while size > 11, TextMetrics.width(title, size: size, bold: true) > width - 20 { size -= 1 }
        let shown = TextMetrics.fit(title, width: width - 20, size: size, bold: true)
        text(width / 2, 22, shown, size: size, anchor: .middle, weight: .bold)
    }

    /// A line of small text under the title (a subtitle or a note), shortened to fit.
    mutating func caption(_ line: String, y: Double, tone: Tone = .muted) {
        text(width / 2, y, TextMetrics.fit(line, width: width - 20, size: 10), size: 10, anchor: .middle, tone: tone)
    }

    var document: String {
        var attributes: [(StaticString, String)] = [
            ("xmlns", MarkupAllowList.svgNamespace), ("class", "aikit-chart"), ("width", SVG.n(width)),
            ("height", SVG.n(height)), ("viewBox", "0 0 \(SVG.n(width)) \(SVG.n(height))"),
            ("font-family", "Helvetica, Arial, sans-serif"),
        ]
        if let label { attributes += [("role", "img"), ("aria-label", TextMetrics.capped(label))] }
        let background = SVG.element(
            "rect", [("class", "bg"), ("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        return SVG.element("svg", attributes, children: background + body.joined())
    }
}

/// An SVG `text-anchor`.
enum TextAnchor: String {
    case start, middle, end
}

/// An SVG `font-weight`.
enum FontWeight: String {
    case normal, bold
}

/// The roles of a chart's non-data ink, each a class a page can restyle (the report's dark mode does).
enum Tone: String {
    case ink, muted, alert, grid, axis

    var color: ChartColor {
        switch self {
        case .ink: ChartColor(known: "#222222")
        case .muted: ChartColor(known: "#555555")
        case .alert: ChartColor(known: "#B00020")
        case .grid: ChartColor(known: "#e5e5e5")
        case .axis: ChartColor(known: "#333333")
        }
    }
}

/// Colours for series (colour-blind-friendly Okabe–Ito palette).
enum Palette {
    static let series: [ChartColor] = [
        ChartColor(known: "#0072B2"), ChartColor(known: "#D55E00"), ChartColor(known: "#009E73"),
        ChartColor(known: "#CC79A7"), ChartColor(known: "#E69F00"), ChartColor(known: "#56B4E9"),
        ChartColor(known: "#F0E442"), ChartColor(known: "#000000"),
    ]
    static func color(_ index: Int) -> ChartColor { series[index % series.count] }

    /// For cells or segments without a colour of their own.
    static let fallback = ChartColor(known: "#cccccc")

    /// `given` colours, and palette colours in order for the names without one.
    static func assign(_ names: [String], given: [String: ChartColor]) -> [String: ChartColor] {
        var palette = given
        var next = 0
        for name in names where palette[name] == nil {
            palette[name] = color(next)
            next += 1
        }
        return palette
    }
}

/// "Nice" axis ticks (1, 2, 5 × 10^k steps).
enum Ticks {
    /// At most a couple of `count` ticks; none when the range is not finite or too narrow for its magnitude to step
    /// through (1e17 … 1e17 + 16), so the loop always ends.
    static func nice(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, low <= high else { return [] }
        if low == high { return [low] }
        let span = high - low
        let raw = span / Double(max(1, count))
        guard span.isFinite, raw > 0, raw.isFinite else { return [] }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        let first = (low / step).rounded(.down)
        guard first.isFinite, (first + 1) * step != first * step else { return [] }
        var ticks: [Double] = []
        for i in 0...(4 * max(1, count) + 2) {
            let value = (first + Double(i)) * step
            if value > high + step * 1e-9 { break }
            if value >= low - step * 1e-9 { ticks.append(value) }
        }
        return ticks
    }

    /// A value for a label: up to 2 decimals below 10,000, then 3 significant digits with K, M, B or T (87.1K, 2.79M);
    /// exponent form beyond 1e15 and below 0.001.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        guard value.isFinite, magnitude < 1e15, magnitude >= 1e-3 || value == 0 else { return String(value) }
        guard magnitude >= 1e4 else { return label((value * 100).rounded() / 100) }
        let (scale, suffix) = self.scale(magnitude)
        let scaled = value / scale
        let digits = abs(scaled) >= 100 ? 1.0 : abs(scaled) >= 10 ? 10 : 100
        return label((scaled * digits).rounded() / digits) + suffix
    }

    /// Labels for values shown side by side (one chart's bars, its axis ticks): one scale (K, M, B, T from the
    /// largest magnitude) and one number of decimals for all — the fewest, up to two (or three significant digits
    /// of the largest scaled value), that lose nothing any value shows at two — so −4.90 sits beside −2.31, not
    /// −4.9. Values that are not finite, 10^15 and beyond, or all under 0.001 are written as `compact` writes them.
    static func labels(_ values: [Double]) -> [String] {
        let finite = values.filter(\.isFinite)
        let largest = finite.map(abs).max() ?? 0
        guard largest < 1e15, largest >= 1e-3 || largest == 0 else { return values.map(compact) }
        let (scale, suffix) = self.scale(largest)
        let top = largest / scale
        let most = scale == 1 || top < 10 ? 2 : top < 100 ? 1 : 0
        let decimals =
            (0...most).first { d in
                finite.allSatisfy {
                    fixed($0 / scale, decimals: d) == fixed($0 / scale, decimals: most).trimmingZeros(to: d)
                }
            } ?? most
        return values.map { $0.isFinite ? fixed($0 / scale, decimals: decimals) + suffix : compact($0) }
    }

    /// The unit labels write a magnitude in: thousands from 10,000 (87.1K), then millions, billions, trillions;
    /// units below 10,000.
    static func scale(_ magnitude: Double) -> (Double, String) {
        if magnitude >= 1e12 { return (1e12, "T") }
        if magnitude >= 1e9 { return (1e9, "B") }
        if magnitude >= 1e6 { return (1e6, "M") }
        return magnitude >= 1e4 ? (1e3, "K") : (1, "")
    }

    /// `value` with exactly `decimals` decimals (0 to 3), no exponent (|value| under 10^15).
    static func fixed(_ value: Double, decimals: Int) -> String {
        let power = [1.0, 10, 100, 1000][max(0, min(3, decimals))]
        let scaled = (abs(value) * power).rounded()
        guard scaled < 9e18 else { return String(value) }
        let whole = Int64(scaled)
        let integer = whole / Int64(power)
        var text = String(integer)
        if decimals > 0 {
            let fraction = String(whole % Int64(power))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && whole != 0 ? "-" : "") + text
    }

    static func label(_ value: Double) -> String {
        if !value.isFinite || abs(value) >= 1e6 || (abs(value) < 1e-3 && value != 0) {
            return String(value)
        }
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Which values a chart can place: finite and within ±1e300, so that spans and paddings of any two stay finite.
/// Others are drawn as gaps and counted in a note under the title.
enum Plottable {
    static let limit = 1e300

    static func contains(_ value: Double) -> Bool { value.isFinite && abs(value) <= limit }

    /// "2 values not drawn (not finite or beyond ±1e300)", or nil when every value is drawn.
    static func note(skipped: Int) -> String? {
        guard skipped > 0 else { return nil }
        return "\(skipped) value\(skipped == 1 ? "" : "s") not drawn (not finite or beyond ±1e300)"
    }
}

extension String {
    /// "4.90" trimmed of trailing fraction zeros down to `decimals` decimals ("4.9" for 1, "5" for 0 if "5.00").
    fileprivate func trimmingZeros(to decimals: Int) -> String {
        guard let dot = firstIndex(of: ".") else { return self }
        var text = self
        while text.hasSuffix("0"), text.distance(from: dot, to: text.endIndex) - 1 > decimals { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
