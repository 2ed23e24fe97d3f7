import Charts
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

    /// Lays out `html` (a copy with the probe added, and without the Content-Security-Policy that would stop the
    /// probe's script) in headless Chromium and reads the boxes back from `--dump-dom`.
    static func measure(html: String, in folder: URL) throws -> BrowserLayout {
        let browser = try #require(Self.browser)
        let page = folder.appendingPathComponent("probe-\(UUID()).html")
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLReport.contentSecurityPolicy)\">"
        try html.replacingOccurrences(of: policy, with: "").replacingOccurrences(
            of: "</body>", with: probe + "</body>"
        ).write(to: page, atomically: true, encoding: .utf8)
        let result = try AikitProcess.run(
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,3000",
                "--user-data-dir=\(folder.path)/profile",
                "--dump-dom", page.absoluteString,
            ], executable: URL(fileURLWithPath: browser))
        let dom = result.stdout
        let start = try #require(
            dom.range(of: "<pre id=\"aikit-layout\">"), "no layout in the dumped DOM: \(result.stderr)")
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
                !label.text.isEmpty
                    && (label.box[0] < chart.box[0] - 0.5 || label.box[1] < chart.box[1] - 0.5
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
        // Prices, CARs, sectors, GPU-hours, dollars, DeepSeek-V3 rental vs owner, power, the serving day, the export
        // matrix.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 9)
        #expect(html.components(separatedBy: "href=\"data:text/csv;charset=utf-8,").count - 1 == 9)
        #expect(!html.contains("<pre>"), "the report still holds preformatted terminal text")
        // The event study, sectors, training cost, DeepSeek-V3 three ways and export changes as real tables.
        #expect(html.components(separatedBy: "<table class=\"aikit-frame").count - 1 == 5)
        #expect(html.contains("<td class=\"num neg\">-16.97%</td>"))  // NVDA's day-0 return, right-aligned and signed
        #expect(html.contains("<a href=\"https://www.federalregister.gov/citation/88-FR-73458\">88 FR 73458</a>"))
        #expect(html.contains("<a href=\"https://www.federalregister.gov/citation/91-FR-1684\">91 FR 1684</a>"))
        #expect(
            html.contains("@media print") && html.contains("prefers-color-scheme: dark")
                && html.contains("@page{size:A4"))
        let layout = try BrowserLayout.measure(html: html, in: folder)
        #expect(layout.charts.count == 9)
        #expect(
            layout.charts.allSatisfy { $0.labels.count >= 5 },
            "a chart without its labels: \(layout.charts.map(\.title))")
        #expect(layout.overlaps.isEmpty, "\(layout.overlaps.joined(separator: "\n"))")
        #expect(layout.clipped.isEmpty, "\(layout.clipped.joined(separator: "\n"))")

        let screenshots = try ["about:blank", "file://\(report)"].map { url -> Int in
            let png = folder.appendingPathComponent("\(UUID()).png").path
            _ = try AikitProcess.run(
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400",
                    "--user-data-dir=\(folder.path)/profile",
                    "--screenshot=\(png)", url,
                ], executable: URL(fileURLWithPath: try #require(BrowserLayout.browser)))
            return (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        }
        #expect(screenshots[0] > 0 && screenshots[1] > 0, "chromium wrote no screenshot")
        // A blank page compresses to a few KB; charts, text and tables make it many times larger.
        #expect(
            screenshots[1] > screenshots[0] * 5, "report screenshot \(screenshots[1]) bytes vs blank \(screenshots[0])")
    }

    /// Charts under pressure (60 dates, long names and titles, markers side by side and at the edge, negative bars
    /// with long units, intervals across zero, a wrapping legend, headers wider than their cells, narrow charts).
    @Test func crowdedChartsLayOutWithoutCollisions() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("crowded.html").path
        let result = try AikitProcess.run([
            "script", Self.fixtures.appendingPathComponent("crowded_report.lua").path, report,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let layout = try BrowserLayout.measure(html: try String(contentsOfFile: report, encoding: .utf8), in: folder)
        #expect(layout.charts.count == 7)
        #expect(layout.overlaps.isEmpty, "\(layout.overlaps.joined(separator: "\n"))")
        #expect(layout.clipped.isEmpty, "\(layout.clipped.joined(separator: "\n"))")
    }
}

/// `--pdf`: the report printed by headless Chromium, read back with poppler-utils (pdfinfo, pdftotext, pdftoppm).
@Suite(
    .enabled(
        if: BrowserLayout.browser != nil && PrintedReport.poppler,
        "needs chromium and poppler-utils (sh Scripts/setup.sh --for-tests installs them)"))
struct PrintedReportTests {
    @Test func analysisReportPrintsToA4Pages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-pdf-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("report.pdf").path
        let result = try AikitProcess.run(["script", MainJobTests.analysis, "--pdf", pdf])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("wrote \(pdf)\n"))
        let printed = try PrintedReport(pdf, in: folder)
        #expect(printed.pageSize == "594.96 x 841.92 pts (A4)")
        #expect(printed.pages >= 3, "the report should run over several pages, got \(printed.pages)")
        for heading in [
            "Markets around 2025-01-27", "What DeepSeek-V3 cost to train", "A day of serving DeepSeek-R1",
            "Export controls: which chips could ship to China", "88 FR 73458",
        ] {
            #expect(printed.text.contains(heading), "the PDF's text lacks '\(heading)'")
        }
        #expect(!printed.text.contains("Download the data"), "the print style sheet should hide the CSV links")
        // Page 1 (title, prices chart) carries real ink; a blank page has none.
        #expect(printed.ink.count == printed.pages)
        #expect(printed.ink[0] > 0.02, "page 1 is nearly blank: \(printed.ink[0]) of its pixels are ink")
        #expect(printed.ink.filter { $0 > 0.005 }.count >= printed.pages - 1, "blank pages: \(printed.ink)")
        // No scratch files are left beside the PDF.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".aikit") }.isEmpty)
    }

    /// A table too wide for a portrait page prints whole on a landscape page; dates never wrap; a caption is
    /// never left at the foot of a page with its table on the next.
    @Test func wideTablesDatesAndCaptionsPrintWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-pdf-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("layout.pdf").path
        let html = folder.appendingPathComponent("layout.html").path
        let fixture = ReportBrowserTests.fixtures.appendingPathComponent("print_layout_report.lua").path
        let result = try AikitProcess.run(["script", fixture, html, pdf])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = try PrintedReport(pdf, in: folder)
        // Per page: its size and its text.
        func page(_ number: Int) throws -> (size: String, text: String) {
            let range = ["-f", "\(number)", "-l", "\(number)"]
            let info = try AikitProcess.run(range + [pdf], executable: URL(fileURLWithPath: "/usr/bin/pdfinfo")).stdout
            let size =
                info.split(separator: "\n").first { $0.hasPrefix("Page") && $0.contains("size:") }
                .map(String.init) ?? ""
            let text = try AikitProcess.run(
                ["-layout"] + range + [pdf, "-"], executable: URL(fileURLWithPath: "/usr/bin/pdftotext")
            ).stdout
            return (size, text)
        }
        let pages = try (1...printed.pages).map(page)
        // The caption shares its page with the table's header row and first row.
        let captionPage = try #require(pages.firstIndex { $0.text.contains("CAPTION-OF-THE-DATED-TABLE") })
        #expect(pages[captionPage].text.contains("2025-01-02"), "the caption is parted from its table")
        // No date is cut across lines.
        let all = pages.map(\.text).joined(separator: "\n")
        let cut = all.split(separator: "\n").filter {
            $0.range(of: #"\d{4}-\d{2}-\s*$"#, options: .regularExpression) != nil
        }
        #expect(cut.isEmpty, "dates wrapped: \(cut.prefix(3))")
        // Every column of the wide table is printed, on a landscape page.
        let widePage = try #require(pages.firstIndex { $0.text.contains("column_01") })
        for column in 1...16 {
            #expect(pages[widePage].text.contains(String(format: "column_%02d", column)), "column \(column) is cut off")
        }
        #expect(pages[widePage].text.contains("16002.968"), "the last column's first value is cut off")
        #expect(pages[widePage].size.contains("841.92 x 594.96"), "the wide table's page: \(pages[widePage].size)")
        #expect(pages[0].size.contains("594.96 x 841.92"))
        // Its heading goes with it, and the footer after it adds no page of its own.
        #expect(pages[widePage].text.contains("A wide table"), "the heading was left behind")
        #expect(pages.count == widePage + 1, "pages after the wide table: \(pages.count - widePage - 1)")
    }

    @Test func paperLetterGivesLetterPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-pdf-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("crowded.pdf").path
        let html = folder.appendingPathComponent("crowded.html").path
        let fixture = ReportBrowserTests.fixtures.appendingPathComponent("crowded_report.lua").path
        let result = try AikitProcess.run(["script", fixture, html, pdf, "letter"])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = try PrintedReport(pdf, in: folder)
        #expect(printed.pageSize == "612 x 792 pts (letter)")
        #expect(printed.text.contains("Crowded charts"))
    }
}

/// A printed report read back: page count and size (pdfinfo), text (pdftotext), and per page the share of pixels
/// that are not white (pdftoppm, grey, 30 dpi).
struct PrintedReport {
    static let poppler = ["pdfinfo", "pdftotext", "pdftoppm"].allSatisfy {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/\($0)")
    }

    let pages: Int
    let pageSize: String
    let text: String
    let ink: [Double]

    init(_ pdf: String, in folder: URL) throws {
        let head = try #require(FileHandle(forReadingAtPath: pdf)).readData(ofLength: 5)
        #expect(head == Data("%PDF-".utf8), "not a PDF: \(pdf)")
        let info = try AikitProcess.run([pdf], executable: URL(fileURLWithPath: "/usr/bin/pdfinfo")).stdout
        func field(_ name: String) -> String {
            info.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) } ?? ""
        }
        pages = Int(field("Pages")) ?? 0
        pageSize = field("Page size")
        text = try AikitProcess.run([pdf, "-"], executable: URL(fileURLWithPath: "/usr/bin/pdftotext")).stdout
        let prefix = folder.appendingPathComponent("page").path
        let render = try AikitProcess.run(
            ["-gray", "-r", "30", pdf, prefix], executable: URL(fileURLWithPath: "/usr/bin/pdftoppm"))
        #expect(render.status == 0, "\(render.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page") }
            .sorted()
        ink = try files.map { try Self.inkShare(pgm: Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// The share of pixels darker than near-white in a binary PGM (P5, 8-bit).
    static func inkShare(pgm: Data) throws -> Double {
        var fields: [String] = []
        var index = pgm.startIndex
        var current = ""
        while fields.count < 4, index < pgm.endIndex {
            let byte = pgm[index]
            index += 1
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(Character(Unicode.Scalar(byte)))
            }
        }
        guard fields.count == 4, fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let pixels = pgm[index...].prefix(width * height)
        return Double(pixels.filter { $0 < 240 }.count) / Double(max(1, width * height))
    }
}

/// Without Chromium, `--pdf` says what is missing and how to get it, and writes nothing.
@Suite struct PrintWithoutBrowserTests {
    @Test(arguments: [
        (
            ["AIKIT_CHROMIUM": "/nonexistent/chromium"],
            "AIKIT_CHROMIUM is /nonexistent/chromium, which is not an executable file"
        ),
        (
            ["AIKIT_CHROMIUM": "", "PATH": "/nonexistent-bin"],
            "printing a PDF needs Chromium, and none was found (looked for chromium, chromium-browser, google-chrome, "
                + "google-chrome-stable on PATH); install it (Debian/Ubuntu: sudo apt-get install chromium)"
        ),
    ])
    func missingBrowserIsAClearError(environment: [String: String], message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-pdf-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("r.html").path
        let pdf = folder.appendingPathComponent("r.pdf").path
        let result = try AikitProcess.run(
            ["script", MainJobTests.analysis, "--html", html, "--pdf", pdf],
            environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chart.report"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing should be written")
    }
}

extension PrintedReportTests {
    /// A print that outlasts the script's time limit is stopped at the limit with a clear error, and leaves no
    /// browser process and no file behind (Chromium lays out a 1 MB unbroken line for minutes).
    @Test func aPrintPastTheTimeLimitIsStoppedCleanly() throws {
        // A short TMPDIR (a long one is not used: see PDFPrinter.temporaryFolder), so the scratch folder is in it.
        let folder = URL(fileURLWithPath: "/tmp/aikit-t-\(UUID().uuidString.prefix(8))")
        let scratch = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("slow.pdf").path
        let started = Date()
        let result = try AikitProcess.run(
            [
                // A title is cut to TextMetrics.maxCharacters now; a 1 MB unbroken preformatted block is not.
                "script", "--timeout", "4", "-e",
                "chart.report{title = 't', pdf = '\(pdf)', blocks = {{pre = string.rep('x', 1 << 20)}}}",
            ],
            environment: ["TMPDIR": scratch.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("did not finish within")
                && result.stderr.contains("s and was stopped printing \(pdf)"),
            "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "scratch files left behind")
        #expect(!FileManager.default.fileExists(atPath: pdf))
        let survivors = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil, let line = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)
            else {
                return false
            }
            return line.contains(scratch.path)
        }
        #expect(survivors.isEmpty, "browser processes still running: \(survivors)")
    }
}

extension PrintedReportTests {
    /// A long TMPDIR (Chromium aborts when its socket paths pass 107 bytes) still prints: the scratch folder moves to
    /// /tmp.
    @Test func aLongTemporaryFolderStillPrints() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("aikit-pdf-\(UUID())/a-temporary-folder-with-a-rather-long-name")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let pdf = folder.appendingPathComponent("short.pdf").path
        let result = try AikitProcess.run(
            ["script", "-e", "chart.report{title = 'Short', pdf = '\(pdf)', blocks = {{text = 'x'}}}"],
            environment: ["TMPDIR": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try PrintedReport(pdf, in: folder).text.contains("Short"))
    }
}
