#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// libm's `exp` (outside the enum, whose `.exp` case would shadow it).
@inline(__always) func exponential(_ x: Double) -> Double { exp(x) }

/// One side of a column expression: a named column, or a number or string standing for every row.
public enum ColumnOperand: Sendable {
    case column(Column, name: String)
    case number(Double)
    case string(String)

    /// The rows this operand has (nil for a scalar, which fits any length).
    var count: Int? {
        if case .column(let column, _) = self { return column.count }
        return nil
    }

    /// The common length of `operands` (1 when all are scalars), or an error naming the column that differs.
    static func length(_ operands: [ColumnOperand]) throws(FrameError) -> Int {
        var length: Int?
        for operand in operands {
            guard case .column(let column, let name) = operand else { continue }
            if let length, length != column.count {
                throw .lengthMismatch(name, expected: length, got: column.count)
            }
            length = column.count
        }
        return length ?? 1
    }

    /// The operand as one number per row (missing values NaN); an error naming the column for strings.
    func numbers(_ length: Int, _ what: String) throws(FrameError) -> NumberSource {
        switch self {
        case .number(let value): return .scalar(value)
        case .column(let column, let name):
            guard let values = column.numbers else { throw .wrongKind(name, expected: "number", got: column.kindName) }
            return .values(values)
        case .string(let text):
            throw .badArgument("\(what): '\(text)' is a string; arithmetic takes numbers and number columns")
        }
    }
}

/// Numbers for a kernel: a whole column or one value for every row.
enum NumberSource {
    case values([Double])
    case scalar(Double)

    @inline(__always) subscript(row: Int) -> Double {
        switch self {
        case .values(let values): values[row]
        case .scalar(let value): value
        }
    }
}

/// The arithmetic of column expressions (Lua's `+ - * / % ^`).
public enum ArithmeticOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"

    @inline(__always) func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .modulo: ArithmeticOperator.floorModulo(a, b)
        case .power: pow(a, b)
        }
    }

    /// Lua's and Python's `%`: the remainder with the sign of the divisor (`-5 % 3` is 1); NaN for `x % 0`.
    static func floorModulo(_ a: Double, _ b: Double) -> Double {
        var m = fmod(a, b)
        if m != 0, (m < 0) != (b < 0) { m += b }
        return m
    }
}

/// Functions applied to every number of a column.
public enum ColumnFunction: Sendable, Equatable {
    case abs, log, exp, sqrt, sign, negate
    /// Half to even at `digits` decimals (numpy's and pandas' rounding: 2.5 → 2).
    case round(digits: Int)
    /// Bounded below and above (either bound optional); missing values stay missing.
    case clip(lower: Double?, upper: Double?)

    func apply(_ x: Double) -> Double {
        switch self {
        case .abs: Swift.abs(x)
        case .log: naturalLog(x)
        case .exp: exponential(x)
        case .sqrt: x.squareRoot()
        case .sign: x.isNaN ? .nan : x > 0 ? 1 : x < 0 ? -1 : 0
        case .negate: -x
        case .round(let digits):
            if digits >= 0 {
                ColumnFunction.scaledRound(x, pow(10, Double(digits)), multiply: true)
            } else {
                ColumnFunction.scaledRound(x, pow(10, Double(-digits)), multiply: false)
            }
        case .clip(let lower, let upper):
            x.isNaN ? x : Swift.min(upper ?? .infinity, Swift.max(lower ?? -.infinity, x))
        }
    }

    /// numpy's `round`: `rint(x * 10^d) / 10^d` (or `rint(x / 10^-d) * 10^-d` for negative `d`).
    private static func scaledRound(_ x: Double, _ scale: Double, multiply: Bool) -> Double {
        multiply
            ? (x * scale).rounded(.toNearestOrEven) / scale : (x / scale).rounded(.toNearestOrEven) * scale
    }
}

extension Column {
    /// The values as doubles with missing values NaN (an integer or time column's `MarketTime.missing` too), or nil
    /// for strings.
    public var numbers: [Double]? {
        switch self {
        case .double(let values): values
        case .int(let values), .time(let values): values.map { $0 == MarketTime.missing ? .nan : Double($0) }
        case .text, .category: nil
        }
    }

    /// `lhs op rhs` row by row (a number stands for every row); missing values give missing results.
    public static func arithmetic(_ lhs: ColumnOperand, _ op: ArithmeticOperator, _ rhs: ColumnOperand)
        throws(FrameError) -> Column
    {
        let n = try ColumnOperand.length([lhs, rhs])
        let what = "'\(op.rawValue)'"
        let a = try lhs.numbers(n, what)
        let b = try rhs.numbers(n, what)
        switch (a, b) {
        case (.values(let x), .values(let y)): return .double(Self.map2(x, y, op))
        case (.values(let x), .scalar(let s)):
            return .double(Self.fill(n) { i in op.apply(x[i], s) })
        case (.scalar(let s), .values(let y)):
            return .double(Self.fill(n) { i in op.apply(s, y[i]) })
        case (.scalar(let s), .scalar(let t)): return .double([op.apply(s, t)])
        }
    }

    /// `function` applied to every number (`name` names the column in an error).
    public func mapped(_ function: ColumnFunction, name: String) throws(FrameError) -> Column {
        guard let values = numbers else { throw .wrongKind(name, expected: "number", got: kindName) }
        return .double(values.map(function.apply))
    }

    static func map2(_ x: [Double], _ y: [Double], _ op: ArithmeticOperator) -> [Double] {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                switch op {
                case .add: Self.fill(x.count) { x[$0] + y[$0] }
                case .subtract: Self.fill(x.count) { x[$0] - y[$0] }
                case .multiply: Self.fill(x.count) { x[$0] * y[$0] }
                case .divide: Self.fill(x.count) { x[$0] / y[$0] }
                default: Self.fill(x.count) { op.apply(x[$0], y[$0]) }
                }
            }
        }
    }

    /// An array of `count` values made by `value(row)`, written in place.
    @inline(__always)
    static func fill<T>(_ count: Int, _ value: (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { (out.baseAddress! + i).initialize(to: value(i)) }
            initialized = count
        }
    }
}
