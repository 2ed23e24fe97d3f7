import Charts
import HardwareCatalog
import LuaRuntime

/// The `chart` Lua module: SVG line, bar, stacked-bar and heatmap charts (no browser needed; each returns its SVG
/// and its data as CSV), terminal sparklines and a self-contained HTML report, printable to PDF (`ChartReport`).
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
                        series.append(
                            .init(
                                name: name,
                                values: try values.array.map { value in
                                    if case .boolean(false) = value { return nil }  // false marks a gap
                                    guard let number = value.doubleValue else {
                                        throw sub.error(
                                            "values", "must hold numbers (false for a gap), got \(value.type.name)")
                                    }
                                    return number
                                }))
                    }
                    var markers: [LineChart.Marker] = []
                    if let list = try fields.table("markers") {
                        for (index, item) in list.array.enumerated() {
                            guard case .table(let table) = item else {
                                throw fields.error("markers", "must hold tables like {x=, label=}")
                            }
                            var sub = fields.nested(table, path: "markers[\(index + 1)].")
                            guard let x = try sub.string("x") else { throw sub.error("x", "is required") }
                            let label = try sub.string("label") ?? ""
                            try sub.finish()
                            markers.append(.init(x: x, label: label))
                        }
                    }
                    let chart = LineChart(
                        title: try fields.string("title") ?? "", x: x, series: series, markers: markers,
                        xLabel: try fields.string("x_label"), yLabel: try fields.string("y_label"),
                        width: try fields.number("width") ?? 760, height: try fields.number("height") ?? 420)
                    try fields.finish()
                    return try pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
                },
                "bar": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    let labels = try strings(&fields, "labels")
                    let values = try numbers(&fields, "values")
                    let low = try optionalNumbers(&fields, "low")
                    let high = try optionalNumbers(&fields, "high")
                    let highlight = try fields.table("highlight") == nil ? [] : try strings(&fields, "highlight")
                    guard (low == nil) == (high == nil) else {
                        throw fields.error(
                            low == nil ? "low" : "high",
                            "is required with '\(low == nil ? "high" : "low")' "
                                + "(each bar's interval is {low[i], high[i]})")
                    }
                    var intervals: [(low: Double, high: Double)?] = []
                    if let low, let high {
                        guard low.count == values.count, high.count == values.count else {
                            throw fields.error(
                                low.count != values.count ? "low" : "high",
                                "has \(low.count != values.count ? low.count : high.count) entries for "
                                    + "\(values.count) values")
                        }
                        intervals = zip(low, high).map { pair in pair.0.flatMap { l in pair.1.map { (l, $0) } } }
                    }
                    let chart = BarChart(
                        title: try fields.string("title") ?? "", labels: labels, values: values,
                        unit: try fields.string("unit") ?? "", prefix: try fields.string("prefix") ?? "",
                        subtitle: try fields.string("subtitle"), intervals: intervals,
                        highlight: Set(highlight),
                        width: try fields.number("width") ?? 760)
                    try fields.finish()
                    return try pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
                },
                "stacked": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    let labels = try strings(&fields, "labels")
                    guard let list = try fields.table("segments") else { throw fields.error("segments", "is required") }
                    // Each segment is drawn across every bar and named in the legend: beyond a few hundred the SVG
                    // only grows (100,000 took seconds and 50 MB), it does not get more readable.
                    guard list.array.count <= 1000 else {
                        throw fields.error("segments", "has \(list.array.count) entries; a chart takes at most 1000")
                    }
                    var segments: [StackedBarChart.Segment] = []
                    for (index, item) in list.array.enumerated() {
                        guard case .table(let table) = item else {
                            throw fields.error("segments", "must hold tables like {name=, values={...}}")
                        }
                        var sub = fields.nested(table, path: "segments[\(index + 1)].")
                        let name = try sub.string("name") ?? "segment \(index + 1)"
                        let values = try numbers(&sub, "values")
                        try sub.finish()
                        segments.append(.init(name: name, values: values))
                    }
                    let chart = StackedBarChart(
                        title: try fields.string("title") ?? "", labels: labels, segments: segments,
                        unit: try fields.string("unit") ?? "", prefix: try fields.string("prefix") ?? "",
                        subtitle: try fields.string("subtitle"), colors: try colors(&fields),
                        width: try fields.number("width") ?? 760)
                    try fields.finish()
                    return try pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
                },
                "heatmap": { call in
                    var fields = FieldReader(try call.table(1), limits: limits)
                    guard let grid = try fields.table("cells") else { throw fields.error("cells", "is required") }
                    let cells = try grid.array.map { row -> [String] in
                        guard case .table(let table) = row else {
                            throw fields.error("cells", "must be a list of rows")
                        }
                        return table.array.map { $0.stringValue ?? ($0.doubleValue.map { String($0) } ?? "") }
                    }
                    let chart = Heatmap(
                        title: try fields.string("title") ?? "", rows: try strings(&fields, "rows"),
                        columns: try strings(&fields, "columns"), cells: cells, colors: try colors(&fields),
                        width: try fields.number("width") ?? 760)
                    try fields.finish()
                    return try pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
                },
                "spark": { call in
                    call.push(Sparkline.render(try call.numbers(1)))
                    return 1
                },
                "report": { call in try ChartReport.report(call) },
                "save": { call in
                    // chart.save(svg, path): a chart's SVG (or its CSV) written atomically to a file.
                    let text = try call.string(1)
                    let path = try call.state.checkedPath("write", try call.string(2), "chart.save")
                    try writeTextFile(text, to: path)
                    call.push(path)
                    return 1
                },
            ]
        )
    }

    /// A chart's two results: its SVG, then its data as CSV (for a report block's `csv=` or a file).
    static func pushChart(_ call: LuaCall, _ svg: String, _ csv: String) throws -> Int32 {
        call.push(svg)
        call.push(csv)
        return 2
    }

    /// `colors = {name = "#rrggbb", ...}`, each colour checked where it enters (`ChartColor`): a value that is not a
    /// colour never reaches the SVG.
    static func colors(_ fields: inout FieldReader) throws -> [String: ChartColor] {
        var colors: [String: ChartColor] = [:]
        if let map = try fields.table("colors") {
            for (key, value) in map.fields {
                guard let name = key.stringValue, let color = value.stringValue else {
                    throw fields.error("colors", "must map names to CSS colours, like {free = '#009E73'}")
                }
                do { colors[name] = try ChartColor(color) } catch {
                    let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
                    throw fields.error("colors", "maps '\(shown)' to \(error.description)")
                }
            }
        }
        return colors
    }

    static func strings(_ fields: inout FieldReader, _ key: String) throws -> [String] {
        guard let list = try fields.table(key) else { throw fields.error(key, "is required (a list)") }
        return list.array.map { $0.stringValue ?? ($0.doubleValue.map { Figure.format($0) } ?? "") }
    }

    static func numbers(_ fields: inout FieldReader, _ key: String) throws -> [Double] {
        guard let list = try fields.table(key) else { throw fields.error(key, "is required (a list of numbers)") }
        return try list.array.map { value in
            guard let number = value.doubleValue else {
                throw fields.error(key, "must hold numbers, got \(value.type.name)")
            }
            return number
        }
    }

    /// A list of numbers where `false` marks an entry without one.
    static func optionalNumbers(_ fields: inout FieldReader, _ key: String) throws -> [Double?]? {
        guard let list = try fields.table(key) else { return nil }
        return try list.array.enumerated().map { index, value in
            if case .boolean(false) = value { return nil }
            guard let number = value.doubleValue else {
                throw fields.error(key, "[\(index + 1)] must be a number (false for none), got \(value.type.name)")
            }
            return number
        }
    }
}
