import LuaRuntime
import MarketData

/// The `Column` userdata class (`f:col("close")`, `f.close`): indexable, `#`, and a few reductions.
extension FrameClass {
    static let columnClass: LuaClass<ColumnBox> = LuaClass(
        "Column",
        methods: [
            "totable": { box, call in
                // Missing values become false (chart.line draws them as gaps).
                let column = box.column
                try call.push(
                    .table(
                        LuaTable(
                            array: (0..<column.count).map { row in
                                let value = MarketValues.cell(column, row)
                                return value == .nil ? .boolean(false) : value
                            })))
                return 1
            },
            "name": { box, call in
                call.push(box.name)
                return 1
            },
            "sum": { box, call in try reduce(box, call, .sum) },
            "mean": { box, call in try reduce(box, call, .mean) },
            "min": { box, call in try reduce(box, call, .min) },
            "max": { box, call in try reduce(box, call, .max) },
            "last": { box, call in
                guard box.column.count > 0 else { return 0 }
                try call.push(MarketValues.cell(box.column, box.column.count - 1))
                return 1
            },
        ],
        describe: { box in
            let shown = (0..<min(box.column.count, 8)).map { cellText(box.column, $0) }
            return "Column \(box.name) (\(box.column.count) \(box.column.kindName)s): \(shown.joined(separator: ", "))"
                + (box.column.count > 8 ? ", …" : "")
        },
        length: { $0.column.count },
        index: { box, call in
            guard let row = try? call.integer(2), row >= 1, row <= box.column.count else {
                call.pushNil()
                return 1
            }
            try call.push(MarketValues.cell(box.column, Int(row) - 1))
            return 1
        })

    static func cellText(_ column: Column, _ row: Int) -> String {
        switch MarketValues.cell(column, row) {
        case .nil: "nil"
        case .number(let value): Frame.format(value)
        case .integer(let value): String(value)
        case let value: value.stringValue ?? "?"
        }
    }

    /// A statistic over the non-missing numbers of a column, computed by the engine (nil when there are none).
    static func reduce(_ box: ColumnBox, _ call: LuaCall, _ aggregation: Aggregation) throws -> Int32 {
        let result: Double
        do { result = try box.column.summary(aggregation, name: box.name) } catch {
            throw LuaScriptError(error.description)
        }
        if result.isNaN { call.pushNil() } else { call.push(result) }
        return 1
    }
}
