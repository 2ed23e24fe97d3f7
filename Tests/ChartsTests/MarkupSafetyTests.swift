import Markup
import Testing

@testable import Charts

/// Reports render as data: colours typed, chart SVG inside the allow-list whatever its text, raw SVG and tables
/// checked by the strict tokenizer (refusals name what and where), and the page's Content-Security-Policy.
@Suite struct MarkupSafetyTests {
    static let hostile = [
        "#0a0\"/><foreignObject><iframe src=\"file:///etc/passwd\"/></foreignObject><script>x()</script><rect fill=\"",
        "</title></text><script>x()</script>", "' onload='x()' x='", "&e;<!DOCTYPE x>", "url(http://127.0.0.1:9/)",
    ]

    @Test func coloursAreHexOrBasicNamesOnly() throws {
        #expect(try ChartColor("#0072B2").hex == "#0072B2")
        #expect(try ChartColor("#0aF").hex == "#00aaFF")
        #expect(try ChartColor("Teal").hex == "#008080")
        for bad in Self.hostile + ["", "#", "#12345", "#1234567", "#ggg", "rgb(1,2,3)", "tomato", "red;", " red"] {
            #expect(throws: ChartError.self) { try ChartColor(bad) }
        }
        let error = try #require(throws: ChartError.self) { try ChartColor(Self.hostile[0]) }
        #expect(
            error.description.hasPrefix(
                "'#0a0\\\"/><foreignObject><iframe src=\\\"file:…' is not a colour; use #rrggbb"))
    }

    /// Every chart, with hostile text in every field, writes SVG that the allow-list accepts, and none of the text
    /// becomes an element or attribute.
    @Test(arguments: hostile)
    func chartsStayInsideTheAllowListWhateverTheirText(_ text: String) throws {
        let colors = ["a": try ChartColor("teal")]
        let charts = [
            try BarChart(
                title: text, labels: [text, "b"], values: [1, -2], unit: text, prefix: text, subtitle: text,
                intervals: [(0, 2), nil], highlight: [text]
            ).svg(),
            try LineChart(
                title: text, x: [text, "2"], series: [.init(name: text, values: [1, 2])],
                markers: [.init(x: text, label: text)], xLabel: text, yLabel: text
            ).svg(),
            try StackedBarChart(
                title: text, labels: [text], segments: [.init(name: text, values: [1]), .init(name: "a", values: [2])],
                unit: text, prefix: text, subtitle: text, colors: colors
            ).svg(),
            try Heatmap(title: text, rows: [text], columns: [text], cells: [[text]], colors: colors).svg(),
        ]
        for svg in charts {
            let document = try SVGDocument(svg)
            #expect(!document.markup.contains("<script") && !document.markup.contains("<foreignObject"))
            #expect(!svg.contains("<script") && !svg.contains("<iframe") && !svg.contains("onload='"))
        }
    }

    @Test(arguments: [
        ("<svg><script>x()</script></svg>", "element <script> (line 1, column 6) is not allowed in a report's SVG"),
        ("<svg>\n <foreignObject/></svg>", "element <foreignObject> (line 2, column 2) is not allowed"),
        ("<svg onload=\"x()\"/>", "attribute 'onload' of <svg> (line 1, column 6) is not allowed in a report's SVG"),
        ("<svg><image href=\"http://x/\"/></svg>", "element <image> (line 1, column 6) is not allowed"),
        ("<svg><linearGradient href=\"http://x/\"/></svg>", "is not a reference inside the page (#id)"),
        (
            "<svg><rect fill=\"url(http://x/)\"/></svg>",
            "of attribute 'fill' on <rect> (line 1, column 12) is not a colour"
        ),
        ("<svg><rect style=\"fill:url(http://x/)\"/></svg>", "may not hold url("),
        ("<svg><rect style=\"fill:url(\u{301}http://x/)\"/></svg>", "may not hold url("),
        ("<svg><rect style=\"fill:src(&quot;http://x/&quot;)\"/></svg>", "may not hold url("),
        ("<svg><a><text>x</text></a></svg>", "element <a> (line 1, column 6) is not allowed"),
        ("<!DOCTYPE svg><svg/>", "a DOCTYPE or entity declaration (line 1, column 1) is not allowed"),
        ("<svg><!-- x --></svg>", "a comment (line 1, column 6) is not allowed"),
        ("<svg><![CDATA[<script>]]></svg>", "a CDATA section (line 1, column 6) is not allowed"),
        ("<?xml version=\"1.0\"?><svg/>", "a processing instruction (<?…?>) (line 1, column 1) is not allowed"),
        ("<svg><text>&e;</text></svg>", "the entity '&e;' (line 1, column 12) is not allowed"),
        ("<svg><text>a & b</text></svg>", "'&' (line 1, column 14) does not start a character reference"),
        ("<svg></svg><script>x()</script>", "element <script> (line 1, column 12) is not allowed"),
        ("<svg></svg><svg></svg>", "element <svg> (line 1, column 12) is not allowed in a report's SVG outside"),
        ("<svg></svg>x", "text (line 1, column 12) is not allowed in a report's SVG outside its <svg> element"),
        ("<svg><g></svg>", "</svg> (line 1, column 9) does not close <g> (line 1, column 6)"),
        ("<svg><g>", "<g> (line 1, column 6) is never closed"),
        ("<svg><rect x=1/></svg>", "needs its value in quotes"),
        ("<svg><rect x=\"1\" x=\"2\"/></svg>", "attribute 'x' of <rect> (line 1, column 18) is given twice"),
        ("<svg><rect x=\"1e999\"/></svg>", "is not a finite number"),
        ("<svg><title><rect/></title></svg>", "element <rect> (line 1, column 13) is not allowed inside <title>"),
        ("<svg><SCRIPT/></svg>", "element <SCRIPT> (line 1, column 6) is not allowed"),
        ("", "a report's SVG must be one <svg> element; this holds none"),
    ])
    func rawSVGIsRefusedWithWhatAndWhere(_ markup: String, _ message: String) {
        let error = #expect(throws: ChartError.self) { try SVGDocument(markup) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "no error")")
    }

    @Test func acceptedSVGIsWrittenBackCanonically() throws {
        let given = """
            <svg xmlns="http://www.w3.org/2000/svg" width='100' height="40">
            <defs><linearGradient id="g"><stop offset="0" stop-color="#0072B2"/></linearGradient></defs>
            <rect width="10" height="10" fill="url(#g)"><title>a &lt;b&gt; &amp; &#39;c&#x27; "d"</title></rect>
            <text x="1" y="2"></text></svg>
            """
        let markup = try SVGDocument(given).markup
        #expect(
            markup == """
                <svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">
                <defs><linearGradient id="g"><stop offset="0" stop-color="#0072B2"/></linearGradient></defs>
                <rect width="10" height="10" fill="url(#g)"><title>a &lt;b&gt; &amp; &#39;c&#39; &quot;d&quot;</title></rect>
                <text x="1" y="2"/></svg>
                """)
        #expect(try SVGDocument(markup).markup == markup)
    }

    @Test func tablesAreCheckedAndEmptyCellsKeepTheirEndTags() throws {
        let table =
            "<table class=\"aikit-frame\"><tr><td class=\"num\" colspan=\"2\"></td><td>a &amp; b</td></tr></table>"
        #expect(
            try HTMLFragment(table).markup
                == "<table class=\"aikit-frame\"><tr><td class=\"num\" colspan=\"2\"></td><td>a &amp; b</td></tr></table>"
        )
        for bad in ["<table><script/></table>", "<a href=\"javascript:x()\">x</a>", "<td style=\"x\"></td>"] {
            #expect(throws: ChartError.self) { try HTMLFragment(bad) }
        }
    }

    @Test func thePageForbidsScriptsAndFetchesAndKeepsItsStyleClosed() throws {
        let report = HTMLReport(
            title: "t", blocks: [.paragraph("see REF")], style: "td{color:red}</style><script>x()</script>"
        ) { text in
            guard let range = text.range(of: "REF") else { return [] }
            return [.init(range: range, url: "javascript:x()")]
        }
        let html = report.html()
        let head = try #require(html.range(of: "<head>").map { html[$0.upperBound...] })
        #expect(
            head.hasPrefix(
                "<meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">"))
        #expect(!html.contains("<script") && html.contains("td{color:red}\\3C /style>\\3C script>"))
        #expect(html.contains("<p>see REF</p>"), "a javascript: link must stay text")
    }
}

/// The escapers work by Unicode scalar: a quote, `<` or comma followed by a combining mark is one `Character` that
/// equals none of them, and was written through unescaped (the report-render fuzz target's first find).
@Suite struct CombiningMarkEscapeTests {
    @Test func markupEscapesEveryScalar() throws {
        let text = "\"\u{301} onload=\"x()\" <\u{597}svg &\u{301}amp; '\u{301}"
        let escaped = Markup.escape(text)
        #expect(!escaped.utf8.contains(UInt8(ascii: "\"")) && !escaped.utf8.contains(UInt8(ascii: "<")))
        #expect(!escaped.utf8.contains(UInt8(ascii: "'")) && !escaped.utf8.contains(UInt8(ascii: ">")))
        #expect(escaped.hasPrefix("&quot;\u{301} onload=&quot;x()&quot; &lt;\u{597}svg &amp;\u{301}amp;"))
        let svg = try BarChart(title: text, labels: [text], values: [1], unit: text).svg()
        #expect(try SVGDocument(svg).markup.contains("onload=&quot;x()&quot;"))
    }
}
