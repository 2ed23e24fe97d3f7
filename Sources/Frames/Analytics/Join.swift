/// How `Frame.join` treats left rows without a match.
public enum JoinKind: String, Sendable, CaseIterable {
    /// Keep them, with missing values in the right's columns.
    case left
    /// Drop them.
    case inner
}

extension Frame {
    /// An exact join on the `on` columns (e.g. bars with `store:symbols()` on `symbol` to bring in each stock's
    /// sector). Each key must occur at most once on the right. The left rows keep their order; the right's columns
    /// (default: all but the keys) are added, with `suffix` when the left has a column of that name.
    public func join(
        _ right: Frame, on keys: [String], columns: [String]? = nil, kind: JoinKind = .left,
        suffix: String = "_right"
    ) throws(FrameError) -> Frame {
        guard !keys.isEmpty else { throw .badArgument("join: name the key columns (on)") }
        var dictionary: [String: Int64] = [:]
        func codes(_ frame: Frame, _ key: String) throws(FrameError) -> [Int64] {
            switch try frame.column(key) {
            case .time(let values), .int(let values): return values
            case .double(let values): return values.map { Int64(bitPattern: $0.bitPattern) }
            case .text(let values):
                return values.map { text in
                    if let code = dictionary[text] { return code }
                    let code = Int64(dictionary.count)
                    dictionary[text] = code
                    return code
                }
            case .category(let raw, let levels):
                let mapped: [Int64] = levels.map { text in
                    if let code = dictionary[text] { return code }
                    let code = Int64(dictionary.count)
                    dictionary[text] = code
                    return code
                }
                return raw.map { mapped[Int($0)] }
            }
        }
        for key in keys {
            let (left, rightColumn) = (try column(key), try right.column(key))
            let compatible: Bool
            switch (left, rightColumn) {
            case (.time, .time), (.int, .int), (.double, .double): compatible = true
            case (.text, .text), (.text, .category), (.category, .text), (.category, .category): compatible = true
            default: compatible = false
            }
            guard compatible else {
                throw .failure(
                    .wrongKind,
                    "join: key '\(key)' holds \(left.kindName)s on the left and \(rightColumn.kindName)s on the right")
            }
        }
        let leftCodes = try keys.map { key throws(FrameError) in try codes(self, key) }
        let rightCodes = try keys.map { key throws(FrameError) in try codes(right, key) }
        func duplicate(_ row: Int) -> FrameError {
            let text = keys.indices.map { right.text(row: row, column: right.index(of: keys[$0])!) }
            return .duplicateKey(
                "join: the right frame has more than one row for \(keys.joined(separator: ", ")) = "
                    + text.joined(separator: ", "))
        }
        // One key (dates, symbols) is looked up by its code alone: no array made and hashed per row.
        let match: (Int) -> Int?
        if keys.count == 1 {
            var rowOf: [Int64: Int] = [:]
            rowOf.reserveCapacity(right.count)
            for (row, code) in rightCodes[0].enumerated() where rowOf.updateValue(row, forKey: code) != nil {
                throw duplicate(row)
            }
            let codes = leftCodes[0]
            match = { rowOf[codes[$0]] }
        } else {
            var rowOf: [[Int64]: Int] = [:]
            rowOf.reserveCapacity(right.count)
            for row in 0..<right.count where rowOf.updateValue(row, forKey: rightCodes.map { $0[row] }) != nil {
                throw duplicate(row)
            }
            match = { row in rowOf[leftCodes.map { $0[row] }] }
        }
        var leftRows: [Int] = []
        var rightRows: [Int?] = []
        leftRows.reserveCapacity(count)
        rightRows.reserveCapacity(count)
        for row in 0..<count {
            let found = match(row)
            if found == nil, kind == .inner { continue }
            leftRows.append(row)
            rightRows.append(found)
        }
        var result = leftRows.count == count ? self : gather(leftRows)
        for name in columns ?? right.names.filter({ !keys.contains($0) }) {
            let source = try right.column(name)
            let label = result.index(of: name) == nil ? name : name + suffix
            guard result.index(of: label) == nil else {
                throw .nameClash(
                    "join: the left frame already has columns '\(name)' and '\(label)' (choose another suffix)")
            }
            try result.add(label, source.gatherOptional(rightRows))
        }
        return result
    }
}

extension Column {
    /// Rows picked by `indices`, with missing values where an index is nil.
    func gatherOptional(_ indices: [Int?]) -> Column {
        switch self {
        case .time(let values): .time(indices.map { $0.map { values[$0] } ?? MarketTime.missing })
        case .int(let values): .int(indices.map { $0.map { values[$0] } ?? MarketTime.missing })
        case .double(let values): .double(indices.map { $0.map { values[$0] } ?? .nan })
        case .text(let values): .text(indices.map { $0.map { values[$0] } ?? "" })
        case .category(let codes, let levels):
            .categorical(indices.map { $0.map { levels[Int(codes[$0])] } ?? "" })
        }
    }
}
