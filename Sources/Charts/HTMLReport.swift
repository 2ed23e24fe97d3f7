import Markup
import URLEncoding

/// One self-contained HTML page: a title, then headings, paragraphs, lists, tables (markup from a table renderer such
/// as `Frame.html`) and inline SVG charts, each chart with its data as a CSV download (a `data:` link, no server).
/// The page renders as data, never as code: text is escaped, SVG and table markup is checked against allow-lists
/// where it enters (`SVGDocument`, `HTMLFragment`), links go to https addresses only, and a Content-Security-Policy
/// (`contentSecurityPolicy`) forbids scripts and every fetch but `data:` images.
/// The page has a print style sheet (A4 or Letter pages via `@page`), dark-mode colours (`prefers-color-scheme`) that
/// restyle the charts' text, axes and backgrounds through their classes, and hyperlinks where `links` finds a
/// reference in the text (e.g. Federal Register citations).
public struct HTMLReport: Sendable {
    public enum Block: Sendable {
        case heading(String)
        case paragraph(String)
        case list([String])
        case preformatted(String)
        /// An SVG chart; with `csv`, a download link for its data (`name`.csv) under it.
        case svg(SVGDocument, csv: String? = nil, name: String? = nil)
        /// Markup made by a renderer (e.g. a table from `Frame.html`), checked; `links` applies to its text.
        case html(HTMLFragment)
    }

    /// A reference found in text: the characters to link and where the link goes.
    public struct Link: Sendable, Equatable {
        public var range: Range<String.Index>
        public var url: String
        public init(range: Range<String.Index>, url: String) {
            self.range = range
            self.url = url
        }
    }

    /// Paper for printing (`@page size`).
    public enum Paper: String, Sendable, CaseIterable {
        case a4 = "A4", letter = "Letter"
    }

    /// The most blocks a page holds: past this a report is unreadable and slow to build and print (a fuzzed report
    /// of 100,000 tables ran for minutes), so the binding refuses it before converting any block.
    public static let maxBlocks = 500

    public var title: String
    public var blocks: [Block]
    /// Style sheets the blocks' markup relies on (e.g. `Frame.htmlStyle`), added after the page's own.
    public var style: String
    public var paper: Paper
    /// Finds the references to link in a run of text (none by default).
    public var links: @Sendable (String) -> [Link]

    public init(
        title: String, blocks: [Block], style: String = "", paper: Paper = .a4,
        links: @escaping @Sendable (String) -> [Link] = { _ in [] }
    ) {
        self.title = title
        self.blocks = blocks
        self.style = style
        self.paper = paper
        self.links = links
    }

    /// No scripts, no fetches (frames, images other than `data:`, fonts, style sheets, connections), no forms, no
    /// `<base>`: the page's own inline style and its markup are all it can use.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.contentSecurityPolicy)\">"
        out += "<meta name=\"referrer\" content=\"no-referrer\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<meta name=\"color-scheme\" content=\"light dark\"><title>\(Markup.escape(title))</title>\n<style>"
        // A style sheet cannot be escaped, only kept from ending its element: "<" becomes CSS's own escape.
        out += Self.pageStyle + "@page{size:\(paper.rawValue);margin:14mm 12mm}"
        out +=
            "@page landscape{size:\(paper.rawValue) landscape;margin:12mm 12mm}" + style.replacing("<", with: "\\3C ")
        out += "</style></head><body>\n"
        out += "<h1>\(Markup.escape(title))</h1>\n"
        var charts = 0
        for block in blocks {
            switch block {
            case .heading(let text): out += "<h2>\(linked(text))</h2>\n"
            case .paragraph(let text): out += "<p>\(linked(text))</p>\n"
            case .list(let items): out += "<ul>" + items.map { "<li>\(linked($0))</li>" }.joined() + "</ul>\n"
            case .preformatted(let text): out += "<pre>\(Markup.escape(text))</pre>\n"
            case .svg(let svg, let csv, let name):
                charts += 1
                out += "<figure class=\"aikit-figure\">" + svg.markup
                if let csv {
                    let file =
                        Self.fileName(name ?? Self.accessibleName(svg.markup) ?? "", fallback: "chart-\(charts)")
                        + ".csv"
                    out += "<figcaption><a class=\"aikit-csv\" download=\"\(Markup.escape(file))\" "
                    out +=
                        "href=\"data:text/csv;charset=utf-8,\(PercentEncoding.encode(csv))\">Download the data (CSV)</a>"
                    out += "</figcaption>"
                }
                out += "</figure>\n"
            case .html(let fragment): out += "<div class=\"aikit-table\">" + linkedMarkup(fragment.markup) + "</div>\n"
            }
        }
        return out + "<footer>Made with aikit.</footer></body></html>\n"
    }

    /// Escaped text with its references as links (those to https addresses; others stay text).
    func linked(_ text: String) -> String {
        var out = ""
        var position = text.startIndex
        for link in links(text).sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where link.range.lowerBound >= position && link.range.upperBound <= text.endIndex
            && MarkupValue.problem(link.url, .link) == nil && link.url.hasPrefix("https://")
        {
            out += Markup.escape(String(text[position..<link.range.lowerBound]))
            out += "<a href=\"\(Markup.escape(link.url))\">\(Markup.escape(String(text[link.range])))</a>"
            position = link.range.upperBound
        }
        return out + Markup.escape(String(text[position...]))
    }

    /// Markup with `links` applied to its text between tags (outside any `<a>` already there). The text is escaped
    /// markup already, so it is unescaped to be searched and each run written back through `linked`.
    func linkedMarkup(_ markup: String) -> String {
        var out = ""
        var text = ""
        var inAnchor = false
        var index = markup.startIndex
        func flush() {
            out += inAnchor ? text : linked(Markup.unescape(text))
            text = ""
        }
        while index < markup.endIndex {
            if markup[index] == "<", let close = markup[index...].firstIndex(of: ">") {
                flush()
                let tag = markup[index...close].lowercased()
                if tag.hasPrefix("<a ") || tag == "<a>" { inAnchor = true }
                if tag == "</a>" { inAnchor = false }
                out += markup[index...close]
                index = markup.index(after: close)
            } else {
                text.append(markup[index])
                index = markup.index(after: index)
            }
        }
        flush()
        return out
    }

    /// The chart's `aria-label` (its title, as the chart renderers write it), unescaped.
    static func accessibleName(_ svg: String) -> String? {
        guard let start = svg.prefix(2000).firstRange(of: "aria-label=\"")?.upperBound,
            let end = svg[start...].firstIndex(of: "\"")
        else { return nil }
        return Markup.unescape(String(svg[start..<end]))
    }

    /// A download name from a chart's title: letters, digits and dashes.
    static func fileName(_ title: String, fallback: String) -> String {
        var name = ""
        for character in title.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
            if name.count >= 60 { break }
        }
        while name.last == "-" { name.removeLast() }
        return name.isEmpty ? fallback : name
    }

    /// The page's style: screen, dark mode (charts restyled through their tone classes) and print.
    static let pageStyle = """
        body{font-family:Helvetica,Arial,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222;\
        background:#fff;line-height:1.45}h1{font-size:1.7em;margin-bottom:.4em}h2{margin-top:1.8em;\
        border-bottom:1px solid #ddd;padding-bottom:.2em}a{color:#0b5cad}\
        pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:12px}\
        figure.aikit-figure{margin:1.2em 0}figure.aikit-figure svg{max-width:100%;height:auto;display:block}\
        figcaption{font-size:12px;margin-top:.2em}div.aikit-table{overflow-x:auto}\
        div.aikit-table td:not(.num){white-space:normal}\
        footer{color:#777;font-size:11px;margin-top:3em}\
        @media screen and (prefers-color-scheme: dark){body{background:#121212;color:#e4e4e4}a{color:#8ab4f8}\
        h2{border-color:#333}pre{background:#1e1e1e}svg.aikit-chart .bg{fill:#1a1a1a}\
        svg.aikit-chart text.ink{fill:#e8e8e8}svg.aikit-chart text.muted{fill:#b4b4b4}\
        svg.aikit-chart text.alert{fill:#ff8a9a}svg.aikit-chart line.alert{stroke:#ff8a9a}\
        svg.aikit-chart line.grid{stroke:#333}svg.aikit-chart line.axis,svg.aikit-chart line.ink{stroke:#c8c8c8}\
        svg.aikit-chart polyline[stroke="#000000"]{stroke:#e8e8e8}}\
        td.time{white-space:nowrap!important}\
        @media print{body{max-width:none;margin:0;padding:0;color:#000;background:#fff;font-size:10.5pt}\
        a{color:#000}a.aikit-csv{display:none}figure.aikit-figure,ul{break-inside:avoid}\
        div.aikit-table{overflow:visible}tr{break-inside:avoid}thead{display:table-header-group}\
        table.aikit-frame th{white-space:normal}table.aikit-compact,table.aikit-wide{font-size:8pt}\
        table.aikit-compact th,table.aikit-compact td,table.aikit-wide th,table.aikit-wide td{padding:2px 5px}\
        div.aikit-table:has(table.aikit-wide),h2:has(+ div.aikit-table > table.aikit-wide),\
        p:has(+ div.aikit-table > table.aikit-wide),div.aikit-table:has(table.aikit-wide) + footer{page:landscape}\
        h2,p:has(+ div.aikit-table),p:has(+ figure.aikit-figure){break-after:avoid}\
        h2{margin-top:1.2em}pre{white-space:pre-wrap}}
        """
}
