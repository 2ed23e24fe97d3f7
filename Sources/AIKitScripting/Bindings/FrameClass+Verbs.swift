import Frames
import LuaRuntime

/// Frame verbs that compose with column expressions: masks, renames and drops, missing values, distinct rows,
/// quantiles, and `groupby(...):agg{...}`.
extension FrameClass {
    static let verbMethods: [String: LuaClass<FrameBox>.Method] = [
        "where": { box, call in
            let rows = try mask(call, 2)
            return try run(call) { () throws(FrameError) in try box.frame.filtered(rows) }
        },
        "rename": { box, call in
            var names: [String: String] = [:]
            for (key, value) in try call.table(2).fields {
                guard let old = key.stringValue, let new = value.stringValue else {
                    throw LuaArgumentError(2, "must map old names to new ones, like {close = 'price'}")
                }
                names[old] = new
            }
            return try run(call) { () throws(FrameError) in try box.frame.renamed(names) }
        },
        "drop": { box, call in
            let names = try columnNames(call, from: 2)
            return try run(call) { () throws(FrameError) in try box.frame.dropping(names) }
        },
        "dropna": { box, call in
            let names = call.count >= 2 ? try columnNames(call, from: 2) : nil
            return try run(call) { () throws(FrameError) in try box.frame.droppingMissing(in: names) }
        },
        "fillna": { box, call in
            switch call.type(2) {
            case .string where ["ffill", "bfill"].contains(try call.string(2)):
                let forward = try call.string(2) == "ffill"
                return try run(call) { () throws(FrameError) in try box.frame.filledAlongSeries(forward: forward) }
            case .number, .string:
                let value: ColumnOperand =
                    call.type(2) == .number ? .number(try call.number(2)) : .string(try call.string(2))
                return try run(call) { () throws(FrameError) in try box.frame.filledMissing(with: value) }
            default:
                throw LuaArgumentError(2, "a fill value (number or string), \"ffill\" or \"bfill\" expected")
            }
        },
        "unique": { box, call in
            let names = call.count >= 2 ? try columnNames(call, from: 2) : nil
            return try run(call) { () throws(FrameError) in try box.frame.unique(names) }
        },
        "value_counts": { box, call in
            let name = try call.string(2)
            return try run(call) { () throws(FrameError) in try box.frame.valueCounts(name) }
        },
        "quantile": { box, call in
            let qs = call.type(2) == .table ? try call.numbers(2) : [try call.number(2)]
            return try run(call) { () throws(FrameError) in try box.frame.quantiles(qs) }
        },
        "groupby": { box, call in
            let keys = try columnNames(call, from: 2)
            for key in keys where box.frame.index(of: key) == nil {
                throw LuaArgumentError(2, "no column '\(key)' (columns: \(box.frame.names.joined(separator: ", ")))")
            }
            registerClasses(call.state)
            call.push(GroupByBox(frame: box.frame, keys: keys), as: groupByClass)
            return 1
        },
    ]

    /// Column names from argument `index` on: strings, or one list of strings.
    static func columnNames(_ call: LuaCall, from index: Int32) throws -> [String] {
        if call.type(index) == .table {
            return try call.table(index).array.enumerated().map { position, value in
                guard case .string = value, let name = value.stringValue else {
                    throw LuaArgumentError(index, "[\(position + 1)] must be a column name, got \(value.type.name)")
                }
                return name
            }
        }
        return try (index...max(index, call.count)).map { try call.string($0) }
    }
}

/// A frame with its grouping keys (`f:groupby("symbol")`), waiting for `agg`.
final class GroupByBox {
    let frame: Frame
    let keys: [String]
    init(frame: Frame, keys: [String]) {
        self.frame = frame
        self.keys = keys
    }
}

extension FrameClass {
    static let groupByClass: LuaClass<GroupByBox> = LuaClass(
        "GroupBy",
        methods: [
            "agg": { box, call in
                // {name = {column, "stat"}, …} or {name = {column, function(values) … end}}: outputs by name.
                var requests: [(name: String, column: String, statistic: GroupStatistic)] = []
                let known = Aggregation.allCases.map(\.rawValue).joined(separator: ", ")
                let fields = try call.table(2).fields.sorted { ($0.key.stringValue ?? "") < ($1.key.stringValue ?? "") }
                for (key, value) in fields {
                    guard let name = key.stringValue, case .table(let spec) = value, spec.array.count == 2,
                        let column = spec.array[0].stringValue
                    else {
                        throw LuaArgumentError(
                            2, "each field must be name = {column, \"statistic\"}, like mean_ret = {\"ret\", \"mean\"}")
                    }
                    switch spec.array[1] {
                    case .string(let word):
                        guard let aggregation = Aggregation(rawValue: word.string) else {
                            throw LuaArgumentError(2, "field '\(name)': unknown statistic '\(word)' (\(known))")
                        }
                        requests.append((name, column, .builtin(aggregation)))
                    case .reference(let function) where function.type == .function:
                        requests.append(
                            (
                                name, column,
                                .custom({ values in
                                    let results = try call.call(
                                        function, [.table(LuaTable(sequence: LuaArray(floats: values)))])
                                    guard let number = results.first?.doubleValue else {
                                        throw LuaScriptError(
                                            "GroupBy:agg: field '\(name)': the function must return a number")
                                    }
                                    return number
                                })
                            ))
                    default:
                        throw LuaArgumentError(
                            2, "field '\(name)': the statistic must be a name (\(known)) or a function")
                    }
                }
                let frame: Frame
                do { frame = try box.frame.aggregate(by: box.keys, named: requests) } catch let error as FrameError {
                    throw LuaScriptError(error.description)
                }
                return try push(call, frame)
            }
        ],
        describe: { "GroupBy \($0.keys.joined(separator: ", ")) over \($0.frame.count) rows" })
}
