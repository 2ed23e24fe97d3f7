import Charts
import Frames
import LuaRuntime

/// `Frame:plot{...}`: the frame drawn as one of the `chart` module's SVG charts (its SVG, then its data as CSV).
extension FrameClass {
    static let plotMethods: [String: LuaClass<FrameBox>.Method] = [
        "plot": { box, call in
            var fields = FieldReader(try call.table(2), argument: 2, limits: ChartModule.limits)
            let kind = try fields.string("kind") ?? "line"
            let frame = box.frame
            let x = try fields.string("x") ?? (kind == "bar" ? "symbol" : "time")
            let ys = try MarketValues.strings(&fields, "y") ?? []
            let title = try fields.string("title") ?? ""
            let fit = try fields.boolean("fit") ?? true
            let width = try fields.number("width") ?? 760
            let height = try fields.number("height") ?? 420
            try fields.finish()
            guard !ys.isEmpty else { throw fields.error("y", "is required (a column name or a list of them)") }
            for name in [x] + ys where frame.index(of: name) == nil {
                throw LuaArgumentError(2, "no column '\(name)' (columns: \(frame.names.joined(separator: ", ")))")
            }
            switch kind {
            case "line":
                // One symbol's series per line when a long frame of several symbols plots one column over time.
                var wide = frame
                var names = ys
                if ys.count == 1, x == "time", let symbols = frame["symbol"], symbols.distinct().count > 1 {
                    wide = try engine { () throws(FrameError) in
                        try frame.pivot(index: "time", columns: "symbol", values: ys[0])
                    }
                    names = wide.names.filter { $0 != "time" }
                }
                let labels = (0..<wide.count).map { wide.text(row: $0, column: wide.index(of: x)!, exact: true) }
                let series = try names.map { name in
                    LineChart.Series(name: name, values: try plotted(wide, name))
                }
                let chart = LineChart(
                    title: title, x: labels, series: series, xLabel: x, yLabel: ys.count == 1 ? ys[0] : nil,
                    width: width, height: height)
                return try ChartModule.pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
            case "bar":
                guard ys.count == 1 else { throw fields.error("y", "names one column for a bar chart") }
                let labels = (0..<frame.count).map { frame.text(row: $0, column: frame.index(of: x)!, exact: true) }
                let values = try plotted(frame, ys[0]).map { $0 ?? .nan }
                let chart = BarChart(title: title, labels: labels, values: values, width: width)
                return try ChartModule.pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
            case "scatter":
                guard ys.count == 1 else { throw fields.error("y", "names one column for a scatter chart") }
                let chart = ScatterChart(
                    title: title, x: try plotted(frame, x), y: try plotted(frame, ys[0]), xLabel: x, yLabel: ys[0],
                    fit: fit, width: width, height: height)
                return try ChartModule.pushChart(call, try rethrowing { try chart.svg() }, chart.csv())
            default:
                throw fields.error("kind", "must be \"line\", \"bar\" or \"scatter\", not '\(kind)'")
            }
        }
    ]

    /// A number column's values for a chart (missing values nil).
    static func plotted(_ frame: Frame, _ name: String) throws -> [Double?] {
        guard let column = frame[name], let values = column.numbers else {
            throw LuaArgumentError(2, "column '\(name)' holds \(frame[name]?.kindName ?? "nothing")s, not numbers")
        }
        return values.map { $0.isNaN ? nil : $0 }
    }
}
