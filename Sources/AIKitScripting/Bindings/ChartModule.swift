import Charts
import HardwareCatalog
import LuaRuntime

/// The `chart` Lua module: SVG line, bar and heatmap charts (no browser needed), terminal sparklines and a
/// self-contained HTML report.
enum ChartModule {
    /// Chart sizes in pixels (the engine draws any size; these keep a script's SVG to a sensible one).
    static let limits = FieldLimits(numbers: ["width": 1...100_000, "height": 1...100_000])

    static let module = ScriptModule(name: "chart") { _ in
        ModuleDefinition(
            name: "chart",
            functions: [
                "line": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    let x = try strings(&fields, "x")
                    guard let list = try fields.table("series") else { throw fields.error("series", "is required") }
                    var series: [LineChart.Series] = []
                    for (index, item) in list.array.enumerated() {
                        guard case .table(let table) = item else {
                            throw fields.error("series", "must hold tables like {name=, values={...}}")
                        }
                        var sub = fields.nested(table, path: "series[\(index + 1)].")
                        let name = try sub.string("name") ?? "series \(index + 1)"
                        guard let values = try sub.table("values") else { throw sub.error("values", "is required") }
                        try sub.finish()
                        series.append(.init(name: name, values: try values.array.map { value in
                            if case .boolean(false) = value { return nil }  // false marks a gap
                            guard let number = value.doubleValue else {
                                throw sub.error("values", "must hold numbers (false for a gap), got \(value.type.name)")
                            }
                            return number
                        }))
                    }
                    var markers: [LineChart.Marker] = []
                    if let list = try fields.table("markers") {
                        for item in list.array {
                            guard case .table(let table) = item, let x = table["x"]?.stringValue else {
                                throw fields.error("markers", "must hold tables like {x=, label=}")
                            }
                            markers.append(.init(x: x, label: table["label"]?.stringValue ?? ""))
                        }
                    }
                    let chart = LineChart(
                        title: try fields.string("title") ?? "", x: x, series: series, markers: markers,
                        xLabel: try fields.string("x_label"), yLabel: try fields.string("y_label"),
                        width: try fields.number("width") ?? 760, height: try fields.number("height") ?? 420)
                    try fields.finish()
                    call.push(try rethrowing { try chart.svg() })
                    return 1
                },
                "bar": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    let chart = BarChart(
                        title: try fields.string("title") ?? "", labels: try strings(&fields, "labels"),
                        values: try numbers(&fields, "values"), unit: try fields.string("unit") ?? "",
                        width: try fields.number("width") ?? 760)
                    try fields.finish()
                    call.push(try rethrowing { try chart.svg() })
                    return 1
                },
                "heatmap": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    guard let grid = try fields.table("cells") else { throw fields.error("cells", "is required") }
                    let cells = try grid.array.map { row -> [String] in
                        guard case .table(let table) = row else { throw fields.error("cells", "must be a list of rows") }
                        return table.array.map { $0.stringValue ?? ($0.doubleValue.map { String($0) } ?? "") }
                    }
                    var colors: [String: String] = [:]
                    if let map = try fields.table("colors") {
                        for (key, value) in map.fields {
                            if let name = key.stringValue, let color = value.stringValue { colors[name] = color }
                        }
                    }
                    let chart = Heatmap(
                        title: try fields.string("title") ?? "", rows: try strings(&fields, "rows"),
                        columns: try strings(&fields, "columns"), cells: cells, colors: colors,
                        width: try fields.number("width") ?? 760)
                    try fields.finish()
                    call.push(try rethrowing { try chart.svg() })
                    return 1
                },
                "spark": { call in
                    call.push(Sparkline.render(try call.numbers(1)))
                    return 1
                },
                "report": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    let title = try fields.string("title") ?? "aikit report"
                    var blocks: [HTMLReport.Block] = []
                    for (index, item) in (try fields.table("blocks")?.array ?? []).enumerated() {
                        guard case .table(let table) = item else { throw fields.error("blocks", "must hold tables") }
                        if let text = table["heading"]?.stringValue { blocks.append(.heading(text)) }
                        else if let text = table["text"]?.stringValue { blocks.append(.paragraph(text)) }
                        else if let text = table["pre"]?.stringValue { blocks.append(.preformatted(text)) }
                        else if let text = table["svg"]?.stringValue { blocks.append(.svg(text)) }
                        else { throw fields.error("blocks", "entry \(index + 1) needs heading=, text=, pre= or svg=") }
                    }
                    let path = try fields.string("path")
                    try fields.finish()
                    let html = HTMLReport(title: title, blocks: blocks).html()
                    if let path {
                        try writeTextFile(html, to: try call.state.checkedPath("write", path, "chart.report"))
                    }
                    call.push(html)
                    return 1
                },
            ]
        )
    }

    static func strings(_ fields: inout FieldReader, _ key: String) throws -> [String] {
        guard let list = try fields.table(key) else { throw fields.error(key, "is required (a list)") }
        return list.array.map { $0.stringValue ?? ($0.doubleValue.map { Figure.format($0) } ?? "") }
    }

    static func numbers(_ fields: inout FieldReader, _ key: String) throws -> [Double] {
        guard let list = try fields.table(key) else { throw fields.error(key, "is required (a list of numbers)") }
        return try list.array.map { value in
            guard let number = value.doubleValue else { throw fields.error(key, "must hold numbers, got \(value.type.name)") }
            return number
        }
    }
}
