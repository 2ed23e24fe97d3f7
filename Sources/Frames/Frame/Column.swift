/// One column of a `Frame`: a whole array of one type. Missing numbers are NaN; times are UTC seconds since the epoch.
public enum Column: Sendable, Equatable {
    case time([Int64])
    case double([Double])
    case int([Int64])
    case text([String])
    /// Dictionary-encoded strings (symbols, sectors): small codes into `levels`.
    case category(codes: [Int32], levels: [String])

    public var count: Int {
        switch self {
        case .time(let values), .int(let values): values.count
        case .double(let values): values.count
        case .text(let values): values.count
        case .category(let codes, _): codes.count
        }
    }

    public var kindName: String {
        switch self {
        case .time: "time"
        case .double: "number"
        case .int: "integer"
        case .text, .category: "string"
        }
    }

    /// The values as doubles (times and integers converted), or nil for string columns.
    public var doubles: [Double]? {
        switch self {
        case .double(let values): values
        case .int(let values), .time(let values): values.map(Double.init)
        case .text, .category: nil
        }
    }

    /// The string at `row` for string columns.
    public func string(at row: Int) -> String? {
        switch self {
        case .text(let values): values[row]
        case .category(let codes, let levels): levels[Int(codes[row])]
        default: nil
        }
    }

    /// The rows picked by `indices`, in that order.
    public func gather(_ indices: [Int]) -> Column {
        switch self {
        case .time(let values): .time(indices.map { values[$0] })
        case .double(let values): .double(indices.map { values[$0] })
        case .int(let values): .int(indices.map { values[$0] })
        case .text(let values): .text(indices.map { values[$0] })
        case .category(let codes, let levels): .category(codes: indices.map { codes[$0] }, levels: levels)
        }
    }

    /// Rows `range`.
    public func slice(_ range: Range<Int>) -> Column {
        switch self {
        case .time(let values): .time(Array(values[range]))
        case .double(let values): .double(Array(values[range]))
        case .int(let values): .int(Array(values[range]))
        case .text(let values): .text(Array(values[range]))
        case .category(let codes, let levels): .category(codes: Array(codes[range]), levels: levels)
        }
    }

    /// Equal values and kinds; NaN equals NaN (a missing value matches a missing value).
    public static func == (lhs: Column, rhs: Column) -> Bool {
        switch (lhs, rhs) {
        case (.double(let a), .double(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        case (.time(let a), .time(let b)), (.int(let a), .int(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        case (.category(let a, let levelsA), .category(let b, let levelsB)):
            a.count == b.count
                && (levelsA == levelsB ? a == b : zip(a, b).allSatisfy { levelsA[Int($0)] == levelsB[Int($1)] })
        default: false
        }
    }

    /// A string column dictionary-encoded (levels in first-seen order).
    public static func categorical(_ strings: [String]) -> Column {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(strings.count)
        for string in strings {
            if let code = index[string] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                index[string] = code
                levels.append(string)
                codes.append(code)
            }
        }
        return .category(codes: codes, levels: levels)
    }
}
