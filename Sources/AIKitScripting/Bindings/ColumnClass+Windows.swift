import Frames
import LuaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Per-symbol windows over a column, in time order (the symbol and time columns of the frame it came from).
extension FrameClass {
    static func window(_ operation: @escaping @Sendable (LuaCall) throws -> WindowOperation)
        -> LuaClass<ColumnBox>.Method
    {
        { box, call in
            let operation = try operation(call)
            return try pushColumn(
                call, box,
                try engine { () throws(FrameError) in
                    try box.context.window(box.column, name: box.name, operation)
                })
        }
    }

    /// Optional row count argument 2 (default 1), within the column's length.
    static func lag(_ call: LuaCall) throws -> Int {
        let n = try call.optionalInteger(2) ?? 1
        guard n.magnitude < 1 << 40 else { throw LuaArgumentError(2, "\(n) rows is out of range") }
        return Int(n)
    }

    static let windowMethods: [String: LuaClass<ColumnBox>.Method] = [
        "shift": window { .shift(try lag($0)) },
        "diff": window { .diff(try lag($0)) },
        "pct_change": window { .pctChange(try lag($0)) },
        "cumsum": window { _ in .cumsum },
        "cumprod": window { _ in .cumprod },
        "cummax": window { _ in .cummax },
        "cummin": window { _ in .cummin },
        "ffill": window { _ in .ffill },
        "bfill": window { _ in .bfill },
        "zscore": window { call in
            guard let n = try call.optionalInteger(2) else { return .zscore(window: nil) }
            guard n >= 2, n < 1 << 40 else { throw LuaArgumentError(2, "the window must be 2 rows or more, not \(n)") }
            return .zscore(window: Int(n))
        },
        "ewm": window { call in
            var fields = try options(call, 2)
            let span = try fields.number("span")
            let halflife = try fields.number("halflife")
            let alpha = try fields.number("alpha")
            let statistic = try fields.string("stat") ?? "mean"
            try fields.finish()
            guard [span, halflife, alpha].compactMap({ $0 }).count == 1 else {
                throw LuaArgumentError(2, "give one of span, halflife or alpha, like {span = 20}")
            }
            let smoothing: Double
            if let span {
                guard span >= 1 else { throw fields.error("span", "must be 1 or more, not \(span)") }
                smoothing = 2 / (span + 1)
            } else if let halflife {
                guard halflife > 0 else { throw fields.error("halflife", "must be above 0, not \(halflife)") }
                smoothing = 1 - exp(-M_LN2 / halflife)
            } else {
                smoothing = alpha ?? 0
                guard smoothing > 0, smoothing <= 1 else { throw fields.error("alpha", "must be in (0, 1]") }
            }
            switch statistic {
            case "mean": return .ewmMean(alpha: smoothing)
            case "std": return .ewmStd(alpha: smoothing)
            default: throw fields.error("stat", "must be \"mean\" or \"std\", not '\(statistic)'")
            }
        },
        "rolling": { box, call in
            let n = try call.integer(2)
            guard n >= 1, n < 1 << 40 else { throw LuaArgumentError(2, "the window must be 1 row or more, not \(n)") }
            let rows = Int(n)
            if call.type(3) == .function {
                let function = try call.function(3)
                let column = try box.context.rollingApply(box.column, name: box.name, window: rows) { values in
                    let results = try call.call(function, [.table(LuaTable(sequence: LuaArray(floats: values)))])
                    guard let number = results.first?.doubleValue else {
                        throw LuaScriptError(
                            "Column:rolling: the function must return a number, got \(results.first?.type.name ?? "nothing")"
                        )
                    }
                    return number
                }
                return try pushColumn(call, box, column)
            }
            let name = try call.string(3)
            if let statistic = RollingStatistic(rawValue: name) {
                return try window { _ in .rolling(window: rows, statistic) }(box, call)
            }
            guard let pair = PairStatistic(rawValue: name) else {
                let known = RollingStatistic.allCases.map(\.rawValue) + PairStatistic.allCases.map(\.rawValue)
                throw LuaArgumentError(
                    3, "unknown statistic '\(name)' (\(known.joined(separator: ", ")), or a function)")
            }
            guard call.type(4) == .userdata else {
                throw LuaArgumentError(4, "'\(name)' needs the other Column, like c:rolling(20, \"\(name)\", f.SPY)")
            }
            let other = try call.object(4, of: columnClass)
            let operation = WindowOperation.rollingPair(window: rows, pair, other: other.column, otherName: other.name)
            return try window { _ in operation }(box, call)
        },
        "rank": { box, call in
            var fields = try options(call, 2)
            let descending = try fields.boolean("descending") ?? false
            try fields.finish()
            return try pushColumn(
                call, box,
                try engine { () throws(FrameError) in
                    try box.context.crossSectionRank(box.column, name: box.name, descending: descending)
                })
        },
    ]
}
