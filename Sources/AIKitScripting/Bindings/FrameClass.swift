import LuaRuntime
import MarketData

/// A frame held by Lua.
final class FrameBox {
    let frame: Frame
    /// The frame's columns, counted against the script's memory limit while Lua holds the frame.
    let memory: ExternalMemory?

    init(_ frame: Frame, memory: ExternalMemory? = nil) {
        self.frame = frame
        self.memory = memory
    }
}

/// One column of a frame held by Lua (`f:col("close")`): indexable, `#`, and a few reductions.
final class ColumnBox {
    let name: String
    let column: Column
    init(name: String, column: Column) {
        self.name = name
        self.column = column
    }
}

/// The `Frame` and `Column` userdata classes. Every operation runs in Swift over whole columns and returns a new frame.
enum FrameClass {
    static func push(_ call: LuaCall, _ frame: Frame) throws -> Int32 {
        registerClasses(call.state)
        let (size, overflow) = frame.count.multipliedReportingOverflow(by: max(1, frame.names.count) * 8)
        let bytes = overflow ? Int.max / 2 : size
        let memory = try call.state.holdMemory(bytes, for: "a frame of \(frame.count) rows × \(frame.names.count) columns")
        call.reportExternalAllocation(bytes: bytes)
        call.push(FrameBox(frame, memory: memory), as: frameClass)
        return 1
    }

    /// Registers the market userdata classes in a state (idempotent; a registry lookup each when done).
    static func registerClasses(_ state: LuaState) {
        state.register(frameClass)
        state.register(columnClass)
        state.register(MarketModule.storeClass)
    }

    /// Runs an engine call, turning frame errors into Lua errors naming the method.
    static func run(_ call: LuaCall, _ body: () throws(FrameError) -> Frame) throws -> Int32 {
        let frame: Frame
        do { frame = try body() } catch { throw LuaScriptError(error.description) }
        return try push(call, frame)
    }

    static func options(_ call: LuaCall, _ index: Int32) throws -> FieldReader {
        call.isNoneOrNil(index) ? FieldReader(LuaTable(), argument: index) : FieldReader(try call.table(index), argument: index)
    }

    static let frameClass: LuaClass<FrameBox> = LuaClass(
        "Frame",
        methods: [
            "columns": { box, call in
                call.push(strings: box.frame.names)
                return 1
            },
            "col": { box, call in
                let name = try call.string(2)
                guard let column = box.frame[name] else {
                    throw LuaArgumentError(2, "no column '\(name)' (columns: \(box.frame.names.joined(separator: ", ")))")
                }
                call.push(ColumnBox(name: name, column: column), as: columnClass)
                return 1
            },
            "head": { box, call in try push(call, box.frame.head(Int(clamping: try call.optionalInteger(2) ?? 10))) },
            "tail": { box, call in try push(call, box.frame.tail(Int(clamping: try call.optionalInteger(2) ?? 10))) },
            "select": { box, call in
                let names = try (2...max(2, call.count)).map { try call.string($0) }
                return try run(call) { () throws(FrameError) in try box.frame.selecting(names) }
            },
            "sort": { box, call in
                let names = try (2...max(2, call.count)).map { try call.string($0) }
                return try run(call) { () throws(FrameError) in try box.frame.sorted(by: names) }
            },
            "filter": { box, call in
                var fields = try options(call, 2)
                let symbols = try MarketValues.strings(&fields, "symbols")
                let from = try MarketValues.time(&fields, "from")
                let to = try MarketValues.time(&fields, "to")
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.filter(symbols: symbols, from: from, to: to) }
            },
            "with": { box, call in
                let name = try call.string(2)
                let column: Column
                if let other = try? call.object(3, of: columnClass) {
                    column = other.column
                } else {
                    column = try MarketValues.column(try call.table(3).array, name: name, argument: 3)
                }
                return try run(call) { () throws(FrameError) in try box.frame.adding(name, column) }
            },
            "returns": { box, call in
                var fields = try options(call, 2)
                let log = try fields.boolean("log") ?? false
                let column = try fields.string("column")
                let name = try fields.string("name") ?? (log ? "log_return" : "return")
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.returns(column: column, log: log, name: name) }
            },
            "cumulative": { box, call in
                var fields = try options(call, 2)
                let column = try fields.string("column")
                let name = try fields.string("name") ?? "cumulative_return"
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.cumulativeReturn(column: column, name: name) }
            },
            "rebase": { box, call in
                var fields = try options(call, 2)
                let column = try fields.string("column")
                let base = try fields.number("base") ?? 100
                let at = try MarketValues.time(&fields, "at")
                let name = try fields.string("name") ?? "rebased"
                try fields.finish()
                return try run(call) { () throws(FrameError) in
                    try box.frame.rebased(column: column, base: base, at: at, name: name)
                }
            },
            "rolling": { box, call in
                let window = Int(clamping: try call.integer(2))
                guard window >= 1 else { throw LuaArgumentError(2, "the window must be 1 row or more, not \(window)") }
                let statisticName = try call.string(3)
                guard let statistic = RollingStatistic(rawValue: statisticName) else {
                    throw LuaArgumentError(3, "unknown statistic '\(statisticName)' (\(RollingStatistic.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let column = try call.optionalString(4) ?? (box.frame["return"] != nil ? "return" : "close")
                let name = try call.optionalString(5)
                return try run(call) { () throws(FrameError) in
                    try box.frame.rolling(window: window, statistic: statistic, column: column, name: name)
                }
            },
            "resample": { box, call in
                let text = try call.string(2)
                guard let period = ResamplePeriod(rawValue: text) else {
                    throw LuaArgumentError(2, "unknown period '\(text)' (\(ResamplePeriod.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return try run(call) { () throws(FrameError) in try box.frame.resample(period) }
            },
            "vwap": { box, call in
                var fields = try options(call, 2)
                let window = try fields.integer("window")
                let name = try fields.string("name") ?? "vwap"
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.vwap(window: window, name: name) }
            },
            "asof": { box, call in
                let right = try call.object(2, of: frameClass).frame
                var fields = try options(call, 3)
                let on = try fields.string("on") ?? "time"
                let by: String? = (try fields.boolean("by") == false) ? nil : (try? fields.string("by")) ?? "symbol"
                let tolerance = try fields.number("tolerance").map { value -> Int64 in
                    guard value.isFinite, value >= 0, value < 1e15 else {
                        throw fields.error("tolerance", "must be 0 or more seconds")
                    }
                    return Int64(value)
                }
                let columns = try MarketValues.strings(&fields, "columns")
                try fields.finish()
                return try run(call) { () throws(FrameError) in
                    try box.frame.asofJoin(right, on: on, by: by, tolerance: tolerance, columns: columns)
                }
            },
            "join": { box, call in
                let right = try call.object(2, of: frameClass).frame
                var fields = try options(call, 3)
                guard let keys = try MarketValues.strings(&fields, "on") else {
                    throw fields.error("on", "is required (the key columns, e.g. \"symbol\")")
                }
                let columns = try MarketValues.strings(&fields, "columns")
                let kindName = try fields.string("kind") ?? "left"
                guard let kind = JoinKind(rawValue: kindName) else { throw fields.error("kind", "must be left or inner") }
                try fields.finish()
                return try run(call) { () throws(FrameError) in
                    try box.frame.join(right, on: keys, columns: columns, kind: kind)
                }
            },
            "pivot": { box, call in
                var fields = try options(call, 2)
                let index = try fields.string("index") ?? "time"
                let columns = try fields.string("columns") ?? "symbol"
                guard let values = try fields.string("values") else { throw fields.error("values", "is required") }
                try fields.finish()
                return try run(call) { () throws(FrameError) in
                    try box.frame.pivot(index: index, columns: columns, values: values)
                }
            },
            "melt": { box, call in
                var fields = try options(call, 2)
                let index = try fields.string("index") ?? "time"
                let name = try fields.string("name") ?? "symbol"
                let value = try fields.string("value") ?? "value"
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.melt(index: index, name: name, value: value) }
            },
            "rank": { box, call in
                var fields = try options(call, 2)
                guard let column = try fields.string("column") else { throw fields.error("column", "is required") }
                let by = try fields.string("by") ?? "time"
                let descending = try fields.boolean("descending") ?? false
                let name = try fields.string("name")
                try fields.finish()
                return try run(call) { () throws(FrameError) in
                    try box.frame.rank(column: column, by: by, descending: descending, name: name)
                }
            },
            "corr": { box, call in
                var fields = try options(call, 2)
                let column = try fields.string("column") ?? "return"
                let by = try fields.string("by") ?? "symbol"
                let on = try fields.string("on") ?? "time"
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.correlation(column: column, by: by, on: on) }
            },
            "drawdown": { box, call in
                var fields = try options(call, 2)
                let column = try fields.string("column")
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.drawdown(column: column) }
            },
            "max_drawdown": { box, call in
                var fields = try options(call, 2)
                let column = try fields.string("column")
                try fields.finish()
                return try run(call) { () throws(FrameError) in try box.frame.maxDrawdown(column: column) }
            },
            "aggregate": { box, call in
                let table = try call.table(2)
                var keys: [String] = []
                var requests: [(column: String, aggregation: Aggregation)] = []
                let known = Aggregation.allCases.map(\.rawValue).joined(separator: ", ")
                for (key, value) in table.fields.sorted(by: { ($0.key.stringValue ?? "") < ($1.key.stringValue ?? "") }) {
                    guard let name = key.stringValue else { throw LuaArgumentError(2, "keys must be column names") }
                    let items: [LuaValue]
                    switch value {
                    case .table(let list): items = list.array.values
                    default: items = [value]
                    }
                    let words = try items.map { item -> String in
                        guard case .string = item, let word = item.stringValue else {
                            throw LuaArgumentError(2, "field '\(name)' must be a string or a list of strings")
                        }
                        return word
                    }
                    if name == "by" {
                        keys = words
                        continue
                    }
                    for word in words {
                        guard let aggregation = Aggregation(rawValue: word) else {
                            throw LuaArgumentError(2, "field '\(name)': unknown statistic '\(word)' (\(known))")
                        }
                        requests.append((name, aggregation))
                    }
                }
                return try run(call) { () throws(FrameError) in try box.frame.aggregate(by: keys, requests) }
            },
            "describe": { box, call in try run(call) { () throws(FrameError) in try box.frame.describe() } },
            "rows": { box, call in
                let frame = box.frame
                var row = 0
                call.pushFunction(name: "Frame:rows iterator") { inner in
                    guard row < frame.count else {
                        inner.pushNil()
                        return 1
                    }
                    try inner.push(.table(rowTable(frame, row)))
                    row += 1
                    return 1
                }
                return 1
            },
            "totable": { box, call in
                let frame = box.frame
                try call.reserve(4)
                try call.push(.table(LuaTable(array: (0..<frame.count).map { .table(rowTable(frame, $0)) })))
                return 1
            },
            "to_csv": { box, call in
                let text = box.frame.csv()
                guard var path = try call.optionalString(2) else {
                    call.push(text)
                    return 1
                }
                path = try call.state.checkedPath("write", path, "Frame:to_csv")
                try writeTextFile(text, to: path)
                call.push(box.frame.count)
                return 1
            },
            "to_json": { box, call in
                call.push(box.frame.json())
                return 1
            },
            "show": { box, call in
                call.push(box.frame.table(maxRows: max(2, Int(clamping: try call.optionalInteger(2) ?? 40))))
                return 1
            },
        ],
        describe: { $0.frame.table() },
        length: { $0.frame.count },
        index: { box, call in
            // f.close is f:col("close"), for quick looks.
            if let name = try? call.string(2), let column = box.frame[name] {
                call.push(ColumnBox(name: name, column: column), as: columnClass)
            } else {
                call.pushNil()
            }
            return 1
        })

    static func rowTable(_ frame: Frame, _ row: Int) -> LuaTable {
        var table = LuaTable()
        for (index, name) in frame.names.enumerated() {
            let value = MarketValues.cell(frame.columns[index], row)
            if value != .nil { table[name] = value }
        }
        return table
    }

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
