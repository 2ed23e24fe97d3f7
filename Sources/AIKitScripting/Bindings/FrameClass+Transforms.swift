import Frames
import LuaRuntime

extension FrameClass {
    /// Frame methods that select, reshape and compute over columns (returns, rolling windows, resampling, ranks,
    /// aggregates): each returns a new frame.
    static let transformMethods: [String: LuaClass<FrameBox>.Method] = [
        "columns": { box, call in
            call.push(strings: box.frame.names)
            return 1
        },
        "col": { box, call in
            let name = try call.string(2)
            guard let column = box.frame[name] else {
                throw LuaArgumentError(2, "no column '\(name)' (columns: \(box.frame.names.joined(separator: ", ")))")
            }
            call.push(ColumnBox(box.frame, name, column), as: columnClass)
            return 1
        },
        "head": { box, call in try push(call, box.frame.head(Int(clamping: try call.optionalInteger(2) ?? 10))) },
        "tail": { box, call in try push(call, box.frame.tail(Int(clamping: try call.optionalInteger(2) ?? 10))) },
        "select": { box, call in
            let names = try (2...max(2, call.count)).map { try call.string($0) }
            return try run(call) { () throws(FrameError) in try box.frame.selecting(names) }
        },
        "sort": { box, call in
            // f:sort("symbol", "time") or f:sort{"-close", "symbol"}: a leading "-" sorts that column descending.
            let keys = try columnNames(call, from: 2).map { name -> (name: String, descending: Bool) in
                if box.frame.index(of: name) == nil, name.hasPrefix("-") { return (String(name.dropFirst()), true) }
                return (name, false)
            }
            return try run(call) { () throws(FrameError) in try box.frame.sorted(orderedBy: keys) }
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
            // f:with("ret", f.close / f.open - 1), or several at once: f:with{ret = …, gap = …} (added by name).
            var columns: [(String, Column)] = []
            if call.type(2) == .table, case let table = try call.table(2), !table.array.isEmpty {
                // A list of {name, value} pairs: added in the order given.
                for (name, value) in try MarketValues.orderedPairs(table, argument: 2) {
                    columns.append((name, try withColumn(call, box.frame, name, value, argument: 2)))
                }
            } else if call.type(2) == .table {
                for (key, value) in try call.table(2).fields.sorted(by: {
                    ($0.key.stringValue ?? "") < ($1.key.stringValue ?? "")
                }) {
                    guard case .string = key, let name = key.stringValue else {
                        throw LuaArgumentError(2, "keys must be column names, like {ret = f.close / f.open - 1}")
                    }
                    columns.append((name, try withColumn(call, box.frame, name, value, argument: 2)))
                }
            } else {
                let name = try call.string(2)
                if let other = try? call.object(3, of: columnClass) {
                    columns.append((name, other.column))
                } else {
                    columns.append((name, try withColumn(call, box.frame, name, try call.value(3), argument: 3)))
                }
            }
            return try run(call) { () throws(FrameError) in
                var frame = box.frame
                for (name, column) in columns { try frame.add(name, column) }
                return frame
            }
        },
        "returns": { box, call in
            var fields = try options(call, 2)
            let log = try fields.boolean("log") ?? false
            let column = try fields.string("column")
            let name = try fields.string("name") ?? (log ? "log_return" : "return")
            try fields.finish()
            return try run(call) { () throws(FrameError) in try box.frame.returns(column: column, log: log, name: name)
            }
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
            let base = try fields.number("base")
            let at = try MarketValues.time(&fields, "at")
            let name = try fields.string("name")
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
                throw LuaArgumentError(
                    3,
                    "unknown statistic '\(statisticName)' (\(RollingStatistic.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
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
                throw LuaArgumentError(
                    2, "unknown period '\(text)' (\(ResamplePeriod.allCases.map(\.rawValue).joined(separator: ", ")))")
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
    ]
}

extension FrameClass {
    /// A value given for a column of `frame`: a Column, a list of values, or one number or string for every row.
    static func withColumn(_ call: LuaCall, _ frame: Frame, _ name: String, _ value: LuaValue, argument: Int32) throws
        -> Column
    {
        switch value {
        case .reference(let reference):
            guard let box = call.object(reference, of: columnClass) else {
                throw LuaArgumentError(
                    argument, "[\(name)] must be a Column, a list or a value, got \(value.type.name)")
            }
            return box.column
        case .table(let list): return try MarketValues.column(list.array, name: name, argument: argument)
        case .number, .integer: return .double([Double](repeating: value.doubleValue ?? .nan, count: frame.count))
        case .string(let text): return .categorical([String](repeating: text.string, count: frame.count))
        default:
            throw LuaArgumentError(argument, "[\(name)] must be a Column, a list or a value, got \(value.type.name)")
        }
    }
}
