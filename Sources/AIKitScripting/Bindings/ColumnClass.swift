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
                try call.push(.table(LuaTable(array: (0..<column.count).map { row in
                    let value = MarketValues.cell(column, row)
                    return value == .nil ? .boolean(false) : value
                })))
                return 1
            },
            "name": { box, call in
                call.push(box.name)
                return 1
            },
            "sum": { box, call in try reduce(box, call) { $0.reduce(0, +) } },
            "mean": { box, call in try reduce(box, call) { $0.isEmpty ? .nan : $0.reduce(0, +) / Double($0.count) } },
            "min": { box, call in try reduce(box, call) { $0.min() ?? .nan } },
            "max": { box, call in try reduce(box, call) { $0.max() ?? .nan } },
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

    /// A reduction over the non-missing numbers of a column.
    static func reduce(_ box: ColumnBox, _ call: LuaCall, _ body: ([Double]) -> Double) throws -> Int32 {
        guard let values = box.column.doubles, case .double = box.column else {
            throw LuaScriptError("column '\(box.name)' holds \(box.column.kindName)s, not numbers")
        }
        let result = body(values.filter { !$0.isNaN })
        if result.isNaN { call.pushNil() } else { call.push(result) }
        return 1
    }
}
