import Foundation
import Testing

/// What a browser makes of a report: every SVG `<text>`'s box as laid out by headless Chromium (read back from the
/// DOM), checked for labels that overlap one another or are clipped by their chart.
struct BrowserLayout: Decodable {
    struct Label: Decodable {
        let text: String
        let box: [Double]  // left, top, right, bottom
    }

    struct Chart: Decodable {
        let title: String
        let box: [Double]
        let labels: [Label]
    }

    let charts: [Chart]

    static let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Records each label's `getBoundingClientRect()` into a `<pre id="aikit-layout">` at the end of the page.
    static let probe = """
        <script>(function(){var charts=[].map.call(document.querySelectorAll('svg'),function(svg){\
        var b=svg.getBoundingClientRect();return{title:svg.getAttribute('aria-label')||'',box:[b.left,b.top,b.right,b.bottom],\
        labels:[].map.call(svg.querySelectorAll('text'),function(t){var r=t.getBoundingClientRect();\
        return{text:t.textContent,box:[r.left,r.top,r.right,r.bottom]};})};});\
        var pre=document.createElement('pre');pre.id='aikit-layout';pre.textContent=JSON.stringify({charts:charts});\
        document.body.appendChild(pre);})();</script>
        """

    /// Lays out `html` (a copy with the probe added) in headless Chromium and reads the boxes back from `--dump-dom`.
    static func measure(html: String, in folder: URL) throws -> BrowserLayout {
        let browser = try #require(Self.browser)
        let page = folder.appendingPathComponent("probe-\(UUID()).html")
        try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(to: page, atomically: true, encoding: .utf8)
        let result = try AikitProcess.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,3000", "--user-data-dir=\(folder.path)/profile",
             "--dump-dom", page.absoluteString], executable: URL(fileURLWithPath: browser))
        let dom = result.stdout
        let start = try #require(dom.range(of: "<pre id=\"aikit-layout\">"), "no layout in the dumped DOM: \(result.stderr)")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(BrowserLayout.self, from: Data(json.utf8))
    }

    /// Pairs of labels of one chart whose boxes overlap by more than half a pixel each way.
    var overlaps: [String] {
        var found: [String] = []
        for chart in charts {
            let labels = chart.labels.filter { !$0.text.isEmpty && $0.box[2] > $0.box[0] && $0.box[3] > $0.box[1] }
            for (i, a) in labels.enumerated() {
                for b in labels[(i + 1)...] {
                    let wide = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
                    let high = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
                    if wide > 0.5, high > 0.5 { found.append("'\(chart.title)': '\(a.text)' overlaps '\(b.text)'") }
                }
            }
        }
        return found
    }

    /// Labels reaching outside their chart's viewport by more than half a pixel.
    var clipped: [String] {
        charts.flatMap { chart in
            chart.labels.filter { label in
                !label.text.isEmpty && (label.box[0] < chart.box[0] - 0.5 || label.box[1] < chart.box[1] - 0.5
                    || label.box[2] > chart.box[2] + 0.5 || label.box[3] > chart.box[3] + 0.5)
            }.map { "'\(chart.title)': '\($0.text)' is clipped (\($0.box) outside \(chart.box))" }
        }
    }
}

@Suite(.enabled(if: BrowserLayout.browser != nil, "needs chromium (sh Scripts/setup.sh --for-tests installs it)"))
struct ReportBrowserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-report-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The check finds what it looks for: two labels drawn on top of each other and one running off its chart.
    @Test func layoutCheckFindsOverlapsAndClipping() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = """
            <!DOCTYPE html><html><body><svg xmlns="http://www.w3.org/2000/svg" aria-label="bad" width="200" height="60" \
            viewBox="0 0 200 60"><text x="10" y="20" font-size="12">first label</text>\
            <text x="14" y="24" font-size="12">second label</text><text x="60" y="50" font-size="12">far apart</text>\
            <text x="170" y="50" font-size="12">off the edge</text></svg></body></html>
            """
        let layout = try BrowserLayout.measure(html: page, in: folder)
        #expect(layout.overlaps == ["'bad': 'first label' overlaps 'second label'"])
        #expect(layout.clipped.count == 1 && layout.clipped.first?.contains("'off the edge' is clipped") == true)
    }

    /// The main job's report as a reader sees it: every section as charts and tables, no label colliding with another
    /// or cut off, citations linked, each chart's data downloadable, and a screenshot far from blank.
    @Test func analysisReportLaysOutWithoutCollisions() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.html").path
        let result = try AikitProcess.run(["script", MainJobTests.analysis, "--html", report])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        // Prices, CARs, sectors, GPU-hours, dollars, the serving day, the export matrix.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 7)
        #expect(html.components(separatedBy: "href=\"data:text/csv;charset=utf-8,").count - 1 == 7)
        #expect(!html.contains("<pre>"), "the report still holds preformatted terminal text")
        // The event study, sectors, training cost and export changes as real tables.
        #expect(html.components(separatedBy: "<table class=\"aikit-frame\">").count - 1 == 4)
        #expect(html.contains("<td class=\"num neg\">-16.97%</td>"))  // NVDA's day-0 return, right-aligned and signed
        #expect(html.contains("<a href=\"https://www.federalregister.gov/citation/88-FR-73458\">88 FR 73458</a>"))
        #expect(html.contains("<a href=\"https://www.federalregister.gov/citation/91-FR-1684\">91 FR 1684</a>"))
        #expect(html.contains("@media print") && html.contains("prefers-color-scheme: dark") && html.contains("@page{size:A4"))
        let layout = try BrowserLayout.measure(html: html, in: folder)
        #expect(layout.charts.count == 7)
        #expect(layout.charts.allSatisfy { $0.labels.count >= 5 }, "a chart without its labels: \(layout.charts.map(\.title))")
        #expect(layout.overlaps.isEmpty, "\(layout.overlaps.joined(separator: "\n"))")
        #expect(layout.clipped.isEmpty, "\(layout.clipped.joined(separator: "\n"))")

        let screenshots = try ["about:blank", "file://\(report)"].map { url -> Int in
            let png = folder.appendingPathComponent("\(UUID()).png").path
            _ = try AikitProcess.run(
                ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400", "--user-data-dir=\(folder.path)/profile",
                 "--screenshot=\(png)", url], executable: URL(fileURLWithPath: try #require(BrowserLayout.browser)))
            return (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        }
        #expect(screenshots[0] > 0 && screenshots[1] > 0, "chromium wrote no screenshot")
        // A blank page compresses to a few KB; charts, text and tables make it many times larger.
        #expect(screenshots[1] > screenshots[0] * 5, "report screenshot \(screenshots[1]) bytes vs blank \(screenshots[0])")
    }

    /// Charts under pressure (60 dates, long names and titles, markers side by side and at the edge, negative bars
    /// with long units, intervals across zero, a wrapping legend, headers wider than their cells, narrow charts).
    @Test func crowdedChartsLayOutWithoutCollisions() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("crowded.html").path
        let result = try AikitProcess.run(["script", Self.fixtures.appendingPathComponent("crowded_report.lua").path, report])
        #expect(result.status == 0, "\(result.stderr)")
        let layout = try BrowserLayout.measure(html: try String(contentsOfFile: report, encoding: .utf8), in: folder)
        #expect(layout.charts.count == 7)
        #expect(layout.overlaps.isEmpty, "\(layout.overlaps.joined(separator: "\n"))")
        #expect(layout.clipped.isEmpty, "\(layout.clipped.joined(separator: "\n"))")
    }
}
