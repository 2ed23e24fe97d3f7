import Frames
import LuaRuntime

/// Column expressions: arithmetic and mask operators, comparisons returning masks, math and string functions.
/// Each computes a whole column in the engine; Lua only composes.
extension FrameClass {
    /// `+ - * / % ^` and unary minus with numbers or columns; `&`, `|`, `~` on masks.
    static let operatorMethods: [String: LuaClass<ColumnBox>.Metamethod] = [
        "__add": arithmetic(.add), "__sub": arithmetic(.subtract), "__mul": arithmetic(.multiply),
        "__div": arithmetic(.divide), "__mod": arithmetic(.modulo), "__pow": arithmetic(.power),
        "__unm": { call in
            let box = try call.object(1, of: columnClass)
            return try pushColumn(
                call, box, try engine { () throws(FrameError) in try box.column.mapped(.negate, name: box.name) })
        },
        "__lt": { _ in throw orderedComparison("<", "lt") },
        "__le": { _ in throw orderedComparison("<=", "le") },
        "__band": { call in try combineMasks(call, and: true) },
        "__bor": { call in try combineMasks(call, and: false) },
        "__bnot": { call in
            let box = try call.object(1, of: columnClass)
            return try pushMask(call, box, try mask(call, 1).map { !$0 })
        },
    ]

    /// Lua turns `<`'s result into one boolean, so a column comparison is a method returning a mask.
    static func orderedComparison(_ symbol: String, _ method: String) -> LuaScriptError {
        LuaScriptError(
            "columns are not compared with \(symbol): use c:\(method)(x) (or gt, ge), which gives a mask of the rows")
    }

    static func arithmetic(_ op: ArithmeticOperator) -> LuaClass<ColumnBox>.Metamethod {
        { call in
            let (a, left) = try operand(call, 1)
            let (b, right) = try operand(call, 2)
            guard let like = left ?? right else { throw LuaScriptError("Column \(op.rawValue): no column operand") }
            return try pushColumn(call, like, try engine { () throws(FrameError) in try Column.arithmetic(a, op, b) })
        }
    }

    /// Argument `index` as an operand: a Column, a number or a string.
    static func operand(_ call: LuaCall, _ index: Int32) throws -> (ColumnOperand, ColumnBox?) {
        switch call.type(index) {
        case .number: return (.number(try call.number(index)), nil)
        case .string: return (.string(try call.string(index)), nil)
        case .userdata:
            let box = try call.object(index, of: columnClass)
            return (.column(box.column, name: box.name), box)
        default:
            throw LuaArgumentError(index, "a Column, number or string expected, got \(call.type(index).name)")
        }
    }

    /// Argument `index` as a boolean mask: a comparison's result, or a column of 0 and 1 (a mask kept in a frame).
    static func mask(_ call: LuaCall, _ index: Int32) throws -> [Bool] {
        let box = try call.object(index, of: columnClass)
        if case .int(let values) = box.column, box.isMask || values.allSatisfy({ $0 == 0 || $0 == 1 }) {
            return values.map { $0 != 0 }
        }
        throw LuaArgumentError(
            index,
            "a mask expected (a comparison such as f.close:gt(100)), got column '\(box.name)' of \(box.column.kindName)s"
        )
    }

    static func pushMask(_ call: LuaCall, _ like: ColumnBox, _ values: [Bool], name: String? = nil) throws -> Int32 {
        try pushColumn(call, like, .int(values.map { $0 ? 1 : 0 }), name: name, isMask: true)
    }

    static func combineMasks(_ call: LuaCall, and: Bool) throws -> Int32 {
        let a = try mask(call, 1)
        let b = try mask(call, 2)
        let combined = try engine { () throws(FrameError) in try Frame.combine(a, b, and: and) }
        return try pushMask(call, try call.object(1, of: columnClass), combined)
    }

    static func comparison(_ op: ColumnComparison) -> LuaClass<ColumnBox>.Method {
        { box, call in
            let (other, _) = try operand(call, 2)
            let result = try engine { () throws(FrameError) in
                try Column.compare(.column(box.column, name: box.name), op, other)
            }
            return try pushMask(call, box, result)
        }
    }

    static func function(_ function: ColumnFunction) -> LuaClass<ColumnBox>.Method {
        { box, call in
            try pushColumn(
                call, box, try engine { () throws(FrameError) in try box.column.mapped(function, name: box.name) })
        }
    }

    static let expressionMethods: [String: LuaClass<ColumnBox>.Method] = [
        "gt": comparison(.gt), "ge": comparison(.ge), "lt": comparison(.lt), "le": comparison(.le),
        "eq": comparison(.eq), "ne": comparison(.ne),
        "abs": function(.abs), "log": function(.log), "exp": function(.exp), "sqrt": function(.sqrt),
        "sign": function(.sign),
        "round": { box, call in
            let digits = Int(clamping: try call.optionalInteger(2) ?? 0)
            guard digits.magnitude <= 300 else {
                throw LuaArgumentError(2, "digits must be within -300…300, not \(digits)")
            }
            return try function(.round(digits: digits))(box, call)
        },
        "clip": { box, call in
            let lower = try call.optionalNumber(2)
            let upper = try call.optionalNumber(3)
            if let lower, let upper, lower > upper {
                throw LuaArgumentError(3, "the upper bound \(upper) is below the lower bound \(lower)")
            }
            return try function(.clip(lower: lower, upper: upper))(box, call)
        },
        "between": { box, call in
            let lower = try call.number(2)
            let upper = try call.number(3)
            return try pushMask(
                call, box,
                try engine { () throws(FrameError) in
                    try box.column.between(lower, upper, name: box.name)
                })
        },
        "isin": { box, call in
            var numbers: [Double] = []
            var strings: [String] = []
            for (position, value) in try call.table(2).array.enumerated() {
                switch value {
                case .string: strings.append(value.stringValue ?? "")
                case .number, .integer: numbers.append(value.doubleValue ?? .nan)
                default:
                    throw LuaArgumentError(2, "[\(position + 1)] must be a number or a string, got \(value.type.name)")
                }
            }
            return try pushMask(
                call, box,
                try engine { () throws(FrameError) in
                    try box.column.isIn(numbers: numbers, strings: strings, name: box.name)
                })
        },
        "isnull": { box, call in try pushMask(call, box, box.column.missing) },
        "notnull": { box, call in try pushMask(call, box, box.column.missing.map { !$0 }) },
        "where": { box, call in
            // pandas' Series.where: this column where the mask holds, else `other` (missing when left out).
            let condition = try mask(call, 2)
            let other: ColumnOperand = call.isNoneOrNil(3) ? .number(.nan) : try operand(call, 3).0
            return try pushColumn(
                call, box,
                try engine { () throws(FrameError) in
                    try Column.choose(condition, .column(box.column, name: box.name), other)
                })
        },
        "fillna": { box, call in
            let (value, _) = try operand(call, 2)
            return try pushColumn(call, box, box.column.filled(with: value))
        },
        "cut": { box, call in
            let edges = try call.numbers(2)
            let labels = try call.isNoneOrNil(3) ? nil : call.table(3).array.map { $0.stringValue ?? "" }
            return try pushColumn(
                call, box,
                try engine { () throws(FrameError) in
                    try box.column.cut(edges, labels: labels, name: box.name)
                })
        },
        "contains": { box, call in
            let part = try call.string(2)
            return try pushMask(
                call, box, try engine { () throws(FrameError) in try box.column.contains(part, name: box.name) })
        },
        "startswith": { box, call in
            let prefix = try call.string(2)
            return try pushMask(
                call, box, try engine { () throws(FrameError) in try box.column.hasPrefix(prefix, name: box.name) })
        },
        "upper": { box, call in
            try pushColumn(
                call, box, try engine { () throws(FrameError) in try box.column.cased(upper: true, name: box.name) })
        },
        "lower": { box, call in
            try pushColumn(
                call, box, try engine { () throws(FrameError) in try box.column.cased(upper: false, name: box.name) })
        },
        "len": { box, call in
            try pushColumn(call, box, try engine { () throws(FrameError) in try box.column.lengths(name: box.name) })
        },
    ]
}
