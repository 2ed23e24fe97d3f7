extension Frame {
    /// Long to wide: one row per distinct `index` value (ascending; the column keeps its kind), then one number column
    /// per distinct `columns` value (named by that value, ascending), holding `values`, NaN where a pair is absent.
    /// Two rows with the same index and column value are an error.
    public func pivot(index: String? = nil, columns: String? = nil, values: String) throws(FrameError) -> Frame {
        try pivot(index: index ?? "time", columns: columns ?? "symbol", values: values, caller: "pivot")
    }

    func pivot(index: String, columns: String, values: String, caller: String) throws(FrameError) -> Frame {
        let numbers = try doubles(values)
        let rows = DenseKeys(try column(index))
        let cols = DenseKeys(try column(columns))
        var names: [String] = []
        for c in 0..<cols.count {
            let name = cols.text(c)
            guard name != index else {
                throw .nameClash(
                    "\(caller): '\(columns)' has the value '\(name)', which is also the name of the index column")
            }
            names.append(name)
        }
        var grid = [[Double]](repeating: [Double](repeating: .nan, count: rows.count), count: cols.count)
        var filled = [[Bool]](repeating: [Bool](repeating: false, count: rows.count), count: cols.count)
        for i in 0..<numbers.count {
            let r = rows.slots[i]
            let c = cols.slots[i]
            if filled[c][r] {
                throw .duplicateKey(
                    "\(caller): two rows have \(index) \(rows.text(r)) and \(columns) \(names[c]); aggregate them first"
                )
            }
            filled[c][r] = true
            grid[c][r] = numbers[i]
        }
        var result = Frame()
        try result.add(index, rows.uniques)
        for (c, name) in names.enumerated() { try result.add(name, .double(grid[c])) }
        return result
    }

    /// Wide to long: for every column but `index` (or only `columns` when given), one row per row of the frame, with
    /// the `index` value, the column's name in `name` (a category), and its value in `value` (a number column). Rows
    /// come column by column in the frame's column order, then in row order, so the result is grouped by `name`. With
    /// `dropMissing`, rows whose value is NaN are left out. Nil names are "time", "symbol" and "value".
    public func melt(
        index: String? = nil, name: String? = nil, value: String? = nil, columns: [String]? = nil,
        dropMissing: Bool = false
    ) throws(FrameError) -> Frame {
        let (index, name, value) = (index ?? "time", name ?? "symbol", value ?? "value")
        let indexColumn = try column(index)
        guard name != value, name != index, value != index else {
            throw .badArgument(
                "melt: the index, name and value columns need three different names ('\(index)', '\(name)', "
                    + "'\(value)')")
        }
        let melted = columns ?? names.filter { $0 != index }
        var rows: [Int] = []
        var codes: [Int32] = []
        var numbers: [Double] = []
        rows.reserveCapacity(melted.count * count)
        codes.reserveCapacity(melted.count * count)
        numbers.reserveCapacity(melted.count * count)
        for (code, columnName) in melted.enumerated() {
            let column = try self.column(columnName)
            guard let values = column.doubles else {
                throw .wrongKind(columnName, expected: "number", got: column.kindName)
            }
            for (row, number) in values.enumerated() where !(dropMissing && number.isNaN) {
                rows.append(row)
                codes.append(Int32(code))
                numbers.append(number)
            }
        }
        return try Frame([
            (index, indexColumn.gather(rows)), (name, .category(codes: codes, levels: melted)),
            (value, .double(numbers)),
        ])
    }
}
