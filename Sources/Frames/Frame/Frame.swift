/// A columnar table: named columns of equal length. Query results and analytics outputs are frames; heavy work runs
/// over whole columns, never row by row through a script.
public struct Frame: Sendable, Equatable {
    public private(set) var names: [String]
    public private(set) var columns: [Column]
    /// How numbers of named columns are written for reading (tables, HTML, the notebook, reports); CSV and JSON
    /// keep full precision. Carried by row selections and column selections.
    public var formats: [String: NumberFormat] = [:]

    public init() {
        names = []
        columns = []
    }

    /// A frame from `(name, column)` pairs; the columns must have equal lengths and distinct names.
    public init(_ pairs: [(String, Column)]) throws(FrameError) {
        self.init()
        for (name, column) in pairs { try add(name, column) }
    }

    public var count: Int { columns.first?.count ?? 0 }
    public var isEmpty: Bool { count == 0 }

    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    public subscript(name: String) -> Column? { index(of: name).map { columns[$0] } }

    /// The named column, or an error naming the columns there are.
    public func column(_ name: String) throws(FrameError) -> Column {
        guard let column = self[name] else { throw .noColumn(name, available: names) }
        return column
    }

    /// A numeric column as doubles (integers and times converted).
    public func doubles(_ name: String) throws(FrameError) -> [Double] {
        let column = try column(name)
        guard let values = column.doubles else { throw .wrongKind(name, expected: "number", got: column.kindName) }
        return values
    }

    public func times(_ name: String = "time") throws(FrameError) -> [Int64] {
        switch try column(name) {
        case .time(let values): return values
        case let other: throw .wrongKind(name, expected: "time", got: other.kindName)
        }
    }

    /// Appends a column, or replaces the one with the same name.
    public mutating func add(_ name: String, _ column: Column) throws(FrameError) {
        if !columns.isEmpty, column.count != count, !(names.count == 1 && names[0] == name) {
            throw .lengthMismatch(name, expected: count, got: column.count)
        }
        if let existing = index(of: name) {
            columns[existing] = column
        } else {
            names.append(name)
            columns.append(column)
        }
    }

    public func adding(_ name: String, _ column: Column) throws(FrameError) -> Frame {
        var copy = self
        try copy.add(name, column)
        return copy
    }

    /// Only the named columns, in that order.
    public func selecting(_ wanted: [String]) throws(FrameError) -> Frame {
        var result = Frame()
        for name in wanted { try result.add(name, try column(name)) }
        result.formats = formats.filter { wanted.contains($0.key) }
        return result
    }

    public func gather(_ indices: [Int]) -> Frame {
        var result = self
        result.columns = columns.map { $0.gather(indices) }
        return result
    }

    public func slice(_ range: Range<Int>) -> Frame {
        var result = self
        result.columns = columns.map { $0.slice(range.clamped(to: 0..<count)) }
        return result
    }

    public func head(_ n: Int) -> Frame { slice(0..<max(0, min(n, count))) }
    public func tail(_ n: Int) -> Frame { slice(max(0, count - max(0, n))..<count) }
}
