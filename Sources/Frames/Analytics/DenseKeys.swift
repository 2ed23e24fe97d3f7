/// The distinct values of a column in ascending order, and each row's slot among them.
struct DenseKeys {
    /// The slot (0-based index into `uniques`) of every row.
    let slots: [Int]
    /// The distinct values, ascending, as a column of the input's kind (a category gets levels in that order).
    let uniques: Column
    let count: Int

    init(_ column: Column) {
        let encoded = Frame.orderedKeys(column)
        let distinct = Array(Set(encoded)).sorted()
        var slotOf: [UInt64: Int] = [:]
        slotOf.reserveCapacity(distinct.count)
        for (slot, key) in distinct.enumerated() { slotOf[key] = slot }
        var slots = [Int](repeating: 0, count: encoded.count)
        var firstRow = [Int](repeating: -1, count: distinct.count)
        for (i, key) in encoded.enumerated() {
            let slot = slotOf[key]!
            slots[i] = slot
            if firstRow[slot] < 0 { firstRow[slot] = i }
        }
        self.slots = slots
        count = distinct.count
        switch column {
        case .category:
            let names = firstRow.map { column.string(at: $0) ?? "" }
            uniques = .category(codes: Array(0..<Int32(names.count)), levels: names)
        default:
            uniques = column.gather(firstRow)
        }
    }

    /// The unique values as text (for column names).
    func text(_ slot: Int) -> String {
        switch uniques {
        case .time(let values): MarketTime.format(values[slot])
        case .int(let values): String(values[slot])
        case .double(let values): "\(values[slot])"
        case .text, .category: uniques.string(at: slot) ?? ""
        }
    }
}
