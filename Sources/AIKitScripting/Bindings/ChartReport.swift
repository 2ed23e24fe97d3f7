import Charts
import Compliance
import Frames
import HardwareCatalog
import LuaRuntime

/// `chart.report{title=, blocks=, path=, pdf=, paper=}`: Lua report blocks translated into `HTMLReport` blocks.
/// Tables — `{table = {columns=, rows=}}` from Lua values and `{frame = f}` from a frame — both go through
/// `Frame.html`, the one table renderer; Federal Register citations in text and tables are linked
/// (`FederalRegisterCitation`); `pdf=` prints the page with headless Chromium (`PDFPrinter`).
enum ChartReport {
    static let kinds = ["heading", "text", "list", "pre", "svg", "table", "frame"]

    static func report(_ call: LuaCall) throws -> Int32 {
        var fields = FieldReader(try call.table(1), limits: ChartModule.limits)
        let title = try fields.string("title") ?? "aikit report"
        var blocks: [HTMLReport.Block] = []
        let items = try fields.table("blocks")?.array ?? []
        guard items.count <= HTMLReport.maxBlocks else {
            throw fields.error(
                "blocks",
                "holds \(items.count) blocks, more than a report holds (at most \(HTMLReport.maxBlocks)); "
                    + "split it into several reports")
        }
        for (index, item) in items.enumerated() {
            guard case .table(let table) = item else {
                throw fields.error(
                    "blocks",
                    "must hold tables like {heading=}, {text=} or {svg=}; entry \(index + 1) is "
                        + item.type.name)
            }
            blocks.append(try block(call, fields.nested(table, path: "blocks[\(index + 1)].")))
        }
        let path = try fields.string("path")
        let pdf = try fields.string("pdf")
        let paperName = try fields.string("paper") ?? "A4"
        guard let paper = HTMLReport.Paper.allCases.first(where: { $0.rawValue.lowercased() == paperName.lowercased() })
        else {
            throw fields.error("paper", "must be A4 or Letter, got '\(paperName)'")
        }
        try fields.finish()
        let page = HTMLReport(title: title, blocks: blocks, style: Frame.htmlStyle, paper: paper) { text in
            FederalRegisterCitation.find(in: text).map { HTMLReport.Link(range: $0.range, url: $0.url) }
        }
        let html = page.html()
        // Everything that can be refused is checked before anything is written.
        var printing: (browser: String, pdf: String)?
        if let pdf {
            let browser = try rethrowing { try PDFPrinter.browser() }
            _ = try call.state.checkedPath("exec", browser, "chart.report (pdf= runs \(browser))")
            printing = (browser, try call.state.checkedPath("write", pdf, "chart.report"))
        }
        if let path {
            try writeTextFile(html, to: try call.state.checkedPath("write", path, "chart.report"))
        }
        if let printing {
            let seconds = ScriptDeadline.remaining(cap: PDFPrinter.defaultTimeout)
            guard seconds > 0.2 else {
                throw LuaScriptError("chart.report: no time left in the script's time limit to print \(printing.pdf)")
            }
            try rethrowing {
                try PDFPrinter.print(
                    html: html, to: printing.pdf, browser: printing.browser, timeout: seconds,
                    cancel: call.state.interruptFlag)
            }
        }
        call.push(html)
        return 1
    }

    /// One block: exactly one of `kinds`, with its options.
    static func block(_ call: LuaCall, _ reader: FieldReader) throws -> HTMLReport.Block {
        var fields = reader
        let present = kinds.filter { fields.parameters[$0] != nil && fields.parameters[$0] != .nil }
        guard present.count == 1, let kind = present.first else {
            throw LuaArgumentError(
                fields.argument,
                "\(fields.path.dropLast()) needs exactly one of "
                    + kinds.map { "\($0)=" }.joined(separator: ", ")
                    + (present.isEmpty
                        ? ""
                        : "; it has "
                            + present.map { "\($0)=" }.joined(separator: " and ")))
        }
        let result: HTMLReport.Block
        switch kind {
        case "heading": result = .heading(try required(&fields, kind))
        case "text": result = .paragraph(try required(&fields, kind))
        case "pre": result = .preformatted(try required(&fields, kind))
        case "list": result = .list(try ChartModule.strings(&fields, kind))
        case "svg":
            let svg = try required(&fields, kind)
            guard svg.hasPrefix("<svg") else {
                throw fields.error(
                    "svg", "must be SVG markup (what chart.line, chart.bar, … return), starting with <svg")
            }
            let document: SVGDocument
            do { document = try SVGDocument(svg) } catch { throw fields.error("svg", "refused: \(error.description)") }
            result = .svg(document, csv: try fields.string("csv"), name: try fields.string("name"))
        case "table":
            guard let table = try fields.table("table") else { throw fields.error("table", "is required") }
            var spec = fields.nested(table, path: fields.path + "table.")
            let frame = try frame(&spec)
            let formats = try numberFormats(&spec)
            try spec.finish()
            result = .html(
                try checkedTable(frame.html(maxRows: max(2, frame.count), formats: formats), fields, "table"))
        default:  // "frame"
            guard case .reference(let reference)? = fields.value("frame"), reference.type == .userdata else {
                throw fields.error("frame", "must be a frame (from market.frame, store:bars, …)")
            }
            try call.push(.reference(reference))
            guard let box = try? call.object(call.count, of: FrameClass.frameClass) else {
                throw fields.error("frame", "must be a frame (from market.frame, store:bars, …), got other userdata")
            }
            let formats = try numberFormats(&fields)
            let maxRows = try fields.integer("max_rows") ?? 200
            guard maxRows >= 2 else { throw fields.error("max_rows", "must be at least 2, got \(maxRows)") }
            result = .html(try checkedTable(box.frame.html(maxRows: maxRows, formats: formats), fields, "frame"))
        }
        try fields.finish()
        return result
    }

    /// A table `Frame.html` wrote, checked against the report's table allow-list (it always passes: every cell is
    /// escaped; the check keeps it so).
    static func checkedTable(_ markup: String, _ fields: FieldReader, _ key: String) throws -> HTMLFragment {
        do { return try HTMLFragment(markup) } catch { throw fields.error(key, "refused: \(error.description)") }
    }

    static func required(_ fields: inout FieldReader, _ key: String) throws -> String {
        guard let text = try fields.string(key) else { throw fields.error(key, "is required") }
        return text
    }

    /// `{columns = {...}, rows = {{...}, ...}}` as a frame: a column of numbers (`false` for a missing one) is
    /// numeric; any other column is text, numbers in it written as `tostring` would.
    static func frame(_ fields: inout FieldReader) throws -> Frame {
        let names = try ChartModule.strings(&fields, "columns")
        guard !names.isEmpty else { throw fields.error("columns", "must name at least one column") }
        if let duplicate = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) }) {
            throw fields.error("columns", "names '\(duplicate.element)' twice")
        }
        guard let rows = try fields.table("rows") else { throw fields.error("rows", "is required (a list of rows)") }
        var cells = Array(repeating: [LuaValue](), count: names.count)
        for (index, row) in rows.array.enumerated() {
            guard case .table(let values) = row, values.array.count == names.count else {
                throw fields.error(
                    "rows",
                    "[\(index + 1)] must be a list of \(names.count) values (one per column, false "
                        + "for a missing one)")
            }
            for (column, value) in values.array.enumerated() { cells[column].append(value) }
        }
        var pairs: [(String, Column)] = []
        for (column, values) in cells.enumerated() {
            let numeric =
                !values.isEmpty
                && values.allSatisfy { value in
                    switch value {
                    case .integer, .number, .boolean(false): true
                    default: false
                    }
                }
            if numeric {
                pairs.append((names[column], .double(values.map { $0.doubleValue ?? .nan })))
            } else {
                pairs.append(
                    (
                        names[column],
                        .text(
                            values.map { value in
                                if case .boolean(false) = value { return "" }
                                return value.stringValue ?? value.doubleValue.map { Figure.format($0) }
                                    ?? "\(value.type.name)"
                            })
                    ))
            }
        }
        do { return try Frame(pairs) } catch { throw fields.error("columns", error.description) }
    }

    /// `formats = {column = "%+.2f%%", ...}`.
    static func numberFormats(_ fields: inout FieldReader) throws -> [String: NumberFormat] {
        guard let table = try fields.table("formats") else { return [:] }
        var formats: [String: NumberFormat] = [:]
        for (key, value) in table.fields {
            guard let name = key.stringValue, let spec = value.stringValue else {
                throw fields.error("formats", "must map column names to formats, like {return = '%+.2f%%'}")
            }
            do { formats[name] = try NumberFormat(spec) } catch { throw fields.error("formats", "[\(name)]: \(error)") }
        }
        return formats
    }
}
