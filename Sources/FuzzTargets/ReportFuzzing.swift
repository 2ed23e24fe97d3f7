import Charts

/// The report renderer under hostile input (fuzz target `report-render`): the input, split at line breaks, goes into
/// every text field of every chart and report block, and as a whole into a raw `{svg=}` block and a table. Whatever is
/// accepted must come out inside the allow-lists: every chart's SVG passes `SVGDocument`, markup that passed once
/// passes again unchanged, and the page holds no element, event handler or outside reference that its own list does
/// not name. A breach traps, so libFuzzer keeps the input.
enum ReportFuzzing {
    static func render(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for candidate in [text, "<svg>" + text + "</svg>"] {
            if let document = try? SVGDocument(candidate) { stable(document.markup) { try SVGDocument($0).markup } }
        }
        if let fragment = try? HTMLFragment(text) { stable(fragment.markup) { try HTMLFragment($0).markup } }

        let fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func field(_ i: Int) -> String { fields[i % fields.count] }
        let colors = Dictionary(
            fields.compactMap { value in (try? ChartColor(value)).map { (value, $0) } }, uniquingKeysWith: { a, _ in a }
        )
        let charts: [(svg: String?, csv: String)] = [
            {
                let chart = BarChart(
                    title: field(0), labels: [field(1), field(2)], values: [1, -2], unit: field(3), prefix: field(4),
                    subtitle: field(5), intervals: [(0, 2), nil], highlight: [field(1)])
                return (try? chart.svg(), chart.csv())
            }(),
            {
                let chart = LineChart(
                    title: field(6), x: [field(7), field(7) + "·"], series: [.init(name: field(8), values: [1, nil])],
                    markers: [.init(x: field(7), label: field(9))], xLabel: field(10), yLabel: field(11))
                return (try? chart.svg(), chart.csv())
            }(),
            {
                let chart = StackedBarChart(
                    title: field(12), labels: [field(13)], segments: [.init(name: field(14), values: [1])],
                    unit: field(15), prefix: field(16), subtitle: field(17), colors: colors)
                return (try? chart.svg(), chart.csv())
            }(),
            {
                let chart = Heatmap(
                    title: field(18), rows: [field(19), "r"], columns: [field(20), "c"],
                    cells: [[field(21), field(1)], [field(2), field(21)]], colors: colors)
                return (try? chart.svg(), chart.csv())
            }(),
        ]
        var blocks: [HTMLReport.Block] = [
            .heading(field(22)), .paragraph(field(23)), .list([field(24), field(25)]), .preformatted(field(26)),
        ]
        for (index, chart) in charts.enumerated() {
            guard let svg = chart.svg else { continue }
            guard let document = try? SVGDocument(svg) else {
                breach("chart \(index + 1) wrote SVG outside the list", svg)
            }
            blocks.append(.svg(document, csv: chart.csv + field(27), name: field(28 + index)))
        }
        if let fragment = try? HTMLFragment("<table><tr><td>\(text)</td></tr></table>") {
            blocks.append(.html(fragment))
        }
        let target = field(29)
        let page = HTMLReport(title: field(30), blocks: blocks) { text in
            text.isEmpty ? [] : [HTMLReport.Link(range: text.startIndex..<text.endIndex, url: target)]
        }.html()
        if let problem = PageScan.problem(page) { breach(problem, page) }
    }

    /// Markup checked once must pass again unchanged (the tokenizer reads what it writes).
    static func stable(_ markup: String, _ rewrite: (String) throws -> String) {
        guard let again = try? rewrite(markup), again == markup else {
            breach("checked markup no longer passes unchanged", markup)
        }
        if let problem = PageScan.problem(markup) { breach(problem, markup) }
    }

    static func breach(_ what: String, _ markup: String) -> Never {
        fatalError("report-render: \(what): \(markup.prefix(2000))")
    }
}

/// A scan of a rendered page, independent of the renderer's tokenizer: each tag's name must be one the page or its
/// charts use, no attribute may be an event handler or fetch something, and links stay in the page or go to https.
enum PageScan {
    static let elements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ul", "li", "pre", "figure", "figcaption",
        "a", "div", "table", "thead", "tbody", "tr", "th", "td", "footer", "span", "svg", "g", "path", "rect",
        "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "desc", "defs", "linearGradient",
        "radialGradient", "stop", "clipPath",
    ]
    static let fetching: Set<String> = [
        "src", "srcset", "action", "formaction", "background", "poster", "data", "ping",
    ]

    static func problem(_ page: String) -> String? {
        let bytes = Array(page.utf8)
        var index = 0
        func name() -> String {
            let start = index
            while index < bytes.count, !" \t\n\r/>=\"'".utf8.contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: "!") {
                index += 1
            }
            let element = name()
            if element != "DOCTYPE", !elements.contains(element) { return "element <\(element)>" }
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if " \t\n\r/".utf8.contains(bytes[index]) {
                    index += 1
                    continue
                }
                let attribute = name().lowercased()
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    guard index < bytes.count else { break }
                    let quote = bytes[index]
                    let start = index + 1
                    index = start
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self).lowercased()
                    index += 1
                }
                if attribute.hasPrefix("on") || fetching.contains(attribute) {
                    return "attribute \(attribute) on <\(element)>"
                }
                let link = attribute == "href" || attribute.hasSuffix(":href")
                if link, !value.hasPrefix("#"), !value.hasPrefix("https://"), !value.hasPrefix("data:text/csv;") {
                    return "\(attribute)=\"\(value)\" on <\(element)>"
                }
                if !link, value.contains("url("), !value.hasPrefix("url(#"),
                    !["aria-label", "title", "download", "content"].contains(attribute)
                {
                    return "\(attribute)=\"\(value)\" on <\(element)>"
                }
            }
            index += 1
        }
        return nil
    }
}
