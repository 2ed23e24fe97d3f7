/// A comparison of column expressions (`c:gt(0)`): true or false for every row. A missing value compares false,
/// except under `ne` (as in IEEE arithmetic and pandas).
public enum ColumnComparison: String, Sendable, CaseIterable {
    case gt, ge, lt, le, eq, ne

    @inline(__always) func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .gt: a > b
        case .ge: a >= b
        case .lt: a < b
        case .le: a <= b
        case .eq: a == b
        case .ne: a != b
        }
    }
}

extension Column {
    /// `lhs op rhs` for every row: numbers with numbers, strings with strings.
    public static func compare(_ lhs: ColumnOperand, _ op: ColumnComparison, _ rhs: ColumnOperand)
        throws(FrameError) -> [Bool]
    {
        let n = try ColumnOperand.length([lhs, rhs])
        if let a = lhs.strings, let b = rhs.strings {
            return fill(n) { op.holds(a($0), b($0)) }
        }
        let what = "\(op.rawValue)"
        guard lhs.strings == nil, rhs.strings == nil else {
            let side = lhs.strings != nil ? lhs : rhs
            throw .badArgument("\(what): cannot compare \(side.label) (strings) with numbers")
        }
        let a = try lhs.numbers(n, what)
        let b = try rhs.numbers(n, what)
        return fill(n) { op.holds(a[$0], b[$0]) }
    }

    /// Whether each value lies in `lower...upper` (both included; missing values do not).
    public func between(_ lower: Double, _ upper: Double, name: String) throws(FrameError) -> [Bool] {
        guard let values = numbers else { throw .wrongKind(name, expected: "number", got: kindName) }
        return values.map { $0 >= lower && $0 <= upper }
    }

    /// Whether each value is one of `numbers` (number columns) or `strings` (string columns).
    public func isIn(numbers wanted: [Double], strings texts: [String], name: String) throws(FrameError) -> [Bool] {
        switch self {
        case .text, .category:
            guard wanted.isEmpty else { throw .wrongKind(name, expected: "number", got: kindName) }
            let set = Set(texts)
            if case .category(let codes, let levels) = self {
                let hit = levels.map(set.contains)
                return codes.map { hit[Int($0)] }
            }
            return (0..<count).map { set.contains(string(at: $0) ?? "") }
        default:
            guard texts.isEmpty else { throw .wrongKind(name, expected: "string", got: kindName) }
            let set = Set(wanted.filter { !$0.isNaN })
            return (numbers ?? []).map { set.contains($0) }
        }
    }

    /// Whether each value is missing: NaN, `MarketTime.missing` in integer and time columns, "" in string columns.
    public var missing: [Bool] {
        switch self {
        case .double(let values): values.map(\.isNaN)
        case .int(let values), .time(let values): values.map { $0 == MarketTime.missing }
        case .text(let values): values.map(\.isEmpty)
        case .category(let codes, let levels):
            codes.map { levels[Int($0)].isEmpty }
        }
    }

    /// `mask ? whenTrue : whenFalse` row by row: numbers (missing values kept) or strings.
    public static func choose(_ mask: [Bool], _ whenTrue: ColumnOperand, _ whenFalse: ColumnOperand)
        throws(FrameError) -> Column
    {
        let n = try ColumnOperand.length([.column(.int(mask.map { $0 ? 1 : 0 }), name: "mask"), whenTrue, whenFalse])
        if let a = whenTrue.strings, let b = whenFalse.strings {
            return .categorical(fill(n) { mask[$0] ? a($0) : b($0) })
        }
        guard whenTrue.strings == nil, whenFalse.strings == nil else {
            throw .badArgument("where: one choice is strings and the other numbers; give both of one kind")
        }
        let a = try whenTrue.numbers(n, "where")
        let b = try whenFalse.numbers(n, "where")
        return .double(fill(n) { mask[$0] ? a[$0] : b[$0] })
    }

    // MARK: Strings

    /// A string function over every value (computed once per distinct value of a category column).
    func mapStrings<T>(name: String, _ body: (String) -> T) throws(FrameError) -> [T] {
        switch self {
        case .text(let values): return values.map(body)
        case .category(let codes, let levels):
            let mapped = levels.map(body)
            return codes.map { mapped[Int($0)] }
        default: throw .wrongKind(name, expected: "string", got: kindName)
        }
    }

    /// Whether each string holds `part` (plain text, not a pattern).
    public func contains(_ part: String, name: String) throws(FrameError) -> [Bool] {
        try mapStrings(name: name) { part.isEmpty || $0.contains(part) }
    }

    public func hasPrefix(_ prefix: String, name: String) throws(FrameError) -> [Bool] {
        try mapStrings(name: name) { $0.hasPrefix(prefix) }
    }

    /// Each string in upper (or lower) case.
    public func cased(upper: Bool, name: String) throws(FrameError) -> Column {
        if case .category(let codes, let levels) = self {
            return .category(codes: codes, levels: levels.map { upper ? $0.uppercased() : $0.lowercased() })
        }
        return .text(try mapStrings(name: name) { upper ? $0.uppercased() : $0.lowercased() })
    }

    /// The length of each string in characters.
    public func lengths(name: String) throws(FrameError) -> Column {
        .double(try mapStrings(name: name) { Double($0.count) })
    }
}

extension ColumnOperand {
    /// The operand as one string per row, or nil when it is not strings.
    var strings: ((Int) -> String)? {
        switch self {
        case .string(let text): return { _ in text }
        case .column(let column, _):
            switch column {
            case .text(let values): return { values[$0] }
            case .category(let codes, let levels): return { levels[Int(codes[$0])] }
            default: return nil
            }
        case .number: return nil
        }
    }

    var label: String {
        switch self {
        case .column(_, let name): "column '\(name)'"
        case .string(let text): "'\(text)'"
        case .number(let value): Frame.format(value)
        }
    }
}
