import Frames
import LuaRuntime

/// The `Column` userdata class (`f:col("close")`, `f.close`, expressions over them): indexable, `#`, operators
/// (ColumnClass+Expressions), windows (ColumnClass+Windows) and reductions.
extension FrameClass {
    static let columnClass: LuaClass<ColumnBox> = LuaClass(
        "Column",
        methods: columnMethods.merging(expressionMethods, uniquingKeysWith: twiceColumn).merging(
            windowMethods, uniquingKeysWith: twiceColumn),
        describe: { box in
            let shown = (0..<min(box.column.count, 8)).map { cellText(box, $0) }
            let kind = box.isMask ? "boolean" : box.column.kindName
            return "Column \(box.name) (\(box.column.count) \(kind)s): \(shown.joined(separator: ", "))"
                + (box.column.count > 8 ? ", …" : "")
        },
        length: { $0.column.count },
        index: { box, call in
            guard let row = try? call.integer(2), row >= 1, row <= box.column.count else {
                call.pushNil()
                return 1
            }
            try call.push(cell(box, Int(row) - 1))
            return 1
        },
        metamethods: operatorMethods)

    private static func twiceColumn(_: LuaClass<ColumnBox>.Method, _: LuaClass<ColumnBox>.Method)
        -> LuaClass<ColumnBox>.Method
    {
        preconditionFailure("a Column method is defined in two of ColumnClass's method tables")
    }

    static let columnMethods: [String: LuaClass<ColumnBox>.Method] = [
        "totable": { box, call in
            // Missing values are nil (holes), or with {missing = false} false (chart.line draws them as gaps).
            var fields = try options(call, 2)
            let missing: LuaValue
            switch fields.value("missing") {
            case nil: missing = .nil
            case .boolean(false)?: missing = .boolean(false)
            case let other?:
                throw fields.error("missing", "must be false (or left out for nil), got \(other.type.name)")
            }
            try fields.finish()
            let values = (0..<box.column.count).map { row in
                let value = cell(box, row)
                return value == .nil ? missing : value
            }
            // `n` holds the length, as table.pack's does: `#t` is not reliable for a list with nil holes.
            try call.push(.table(LuaTable(array: values, fields: ["n": .integer(Int64(values.count))])))
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
        "std": { box, call in try reduce(box, call, .std) },
        "median": { box, call in try reduce(box, call, .median) },
        "count": { box, call in
            call.push(box.column.missing.filter { !$0 }.count)
            return 1
        },
        "quantile": { box, call in
            let q = try call.number(2)
            let value = try engine { () throws(FrameError) in try box.column.quantile(q, name: box.name) }
            if value.isNaN { call.pushNil() } else { call.push(value) }
            return 1
        },
        "last": { box, call in
            guard box.column.count > 0 else { return 0 }
            try call.push(cell(box, box.column.count - 1))
            return 1
        },
        "unique": { box, call in
            try pushColumn(call, box, box.column.distinct(), context: Frame())
        },
    ]

    /// One cell as a Lua value: nil when missing, a boolean in a mask.
    static func cell(_ box: ColumnBox, _ row: Int) -> LuaValue {
        if box.isMask, case .int(let values) = box.column { return .boolean(values[row] != 0) }
        return MarketValues.cell(box.column, row)
    }

    static func cellText(_ box: ColumnBox, _ row: Int) -> String {
        switch cell(box, row) {
        case .nil: "nil"
        case .number(let value): Frame.format(value)
        case .integer(let value): String(value)
        case .boolean(let value): String(value)
        case let value: value.stringValue ?? "?"
        }
    }

    /// A statistic over the non-missing numbers of a column, computed by the engine (nil when there are none).
    static func reduce(_ box: ColumnBox, _ call: LuaCall, _ aggregation: Aggregation) throws -> Int32 {
        let result = try engine { () throws(FrameError) in try box.column.summary(aggregation, name: box.name) }
        if result.isNaN { call.pushNil() } else { call.push(result) }
        return 1
    }

    /// Runs an engine call, turning its error into a Lua error.
    static func engine<T>(_ body: () throws(FrameError) -> T) throws -> T {
        do { return try body() } catch { throw LuaScriptError(error.description) }
    }

    /// Pushes a computed column named like `like` (or `name`), over `like`'s context unless one is given, counted
    /// against the memory limit.
    @discardableResult
    static func pushColumn(
        _ call: LuaCall, _ like: ColumnBox, _ column: Column, name: String? = nil, context: Frame? = nil,
        isMask: Bool = false
    ) throws -> Int32 {
        let bytes = column.count.multipliedReportingOverflow(by: 8)
        let size = bytes.overflow ? Int.max / 2 : bytes.partialValue
        let memory = try call.state.holdMemory(size, for: "a column of \(column.count) rows")
        call.reportExternalAllocation(bytes: size)
        call.push(
            ColumnBox(
                name: name ?? like.name, column: column, context: context ?? like.context, isMask: isMask,
                memory: memory),
            as: columnClass)
        return 1
    }
}
