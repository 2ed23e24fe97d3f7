/// Frame verbs over whole columns: row masks, renames and drops, missing values, distinct rows.
extension Frame {
    /// The rows where `mask` is true, in order.
    public func filtered(_ mask: [Bool]) throws(FrameError) -> Frame {
        guard mask.count == count else { throw .lengthMismatch("mask", expected: count, got: mask.count) }
        if !mask.contains(false) { return self }
        var indices: [Int] = []
        indices.reserveCapacity(mask.count)
        for (i, keep) in mask.enumerated() where keep { indices.append(i) }
        return gather(indices)
    }

    /// The rows ordered by `keys` (the first most significant), each ascending or descending; stable, and missing
    /// values last either way.
    public func sorted(orderedBy keys: [(name: String, descending: Bool)]) throws(FrameError) -> Frame {
        var encoded: [[UInt64]] = []
        for key in keys {
            var column = Self.orderedKeys(try column(key.name))
            let missing = try self.column(key.name).missing
            for i in column.indices {
                if missing[i] {
                    column[i] = .max
                } else if key.descending {
                    column[i] = .max - 1 - column[i]
                }
            }
            encoded.append(column)
        }
        return sorted(encodedKeys: encoded)
    }

    /// Columns renamed by `names` (old → new); order kept. Naming a column that is not there, or giving two columns
    /// one name, is an error.
    public func renamed(_ names: [String: String]) throws(FrameError) -> Frame {
        for old in names.keys.sorted() where index(of: old) == nil { throw .noColumn(old, available: self.names) }
        let newNames = self.names.map { names[$0] ?? $0 }
        if Set(newNames).count != newNames.count {
            let clash = newNames.first { name in newNames.filter { $0 == name }.count > 1 } ?? ""
            throw .nameClash("rename: two columns would be named '\(clash)'")
        }
        var result = Frame()
        for (name, column) in zip(newNames, columns) { try result.add(name, column) }
        for (old, format) in formats { result.formats[names[old] ?? old] = format }
        return result
    }

    /// Without the named columns.
    public func dropping(_ drop: [String]) throws(FrameError) -> Frame {
        for name in drop where index(of: name) == nil { throw .noColumn(name, available: names) }
        return try selecting(names.filter { !drop.contains($0) })
    }

    /// Without the rows missing a value in any of `columns` (nil: any column).
    public func droppingMissing(in columns: [String]? = nil) throws(FrameError) -> Frame {
        var keep = [Bool](repeating: true, count: count)
        for name in columns ?? names {
            for (i, missing) in try column(name).missing.enumerated() where missing { keep[i] = false }
        }
        return try filtered(keep)
    }

    /// Rows with distinct values of `columns` (nil: all), the first of each kept, in order.
    public func unique(_ columns: [String]? = nil) throws(FrameError) -> Frame {
        var encoded: [[UInt64]] = []
        for name in columns ?? names { encoded.append(Self.orderedKeys(try column(name))) }
        var seen = Set<[UInt64]>()
        var keep = [Bool](repeating: false, count: count)
        for row in 0..<count where seen.insert(encoded.map { $0[row] }).inserted { keep[row] = true }
        return try filtered(keep)
    }

    /// How often each value of `column` occurs (missing values left out): the value and `count`, most frequent
    /// first, ties in ascending order of the value.
    public func valueCounts(_ name: String) throws(FrameError) -> Frame {
        let column = try self.column(name)
        let missing = column.missing
        let present = try filtered(missing.map { !$0 }).column(name)
        let keys = DenseKeys(present)
        var counts = [Int](repeating: 0, count: keys.count)
        for slot in keys.slots { counts[slot] += 1 }
        let order = (0..<keys.count).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        return try Frame([(name, keys.uniques.gather(order)), ("count", .int(order.map { Int64(counts[$0]) }))])
    }

    /// One row per quantile `q` (0…1, linear interpolation between the sorted non-missing values, as pandas does):
    /// `quantile` and each number column.
    public func quantiles(_ qs: [Double]) throws(FrameError) -> Frame {
        for q in qs where !(q >= 0 && q <= 1) { throw .badArgument("quantile: \(q) is not between 0 and 1") }
        var result = try Frame([("quantile", .double(qs))])
        for (name, column) in zip(names, columns) {
            switch column {
            case .double, .int:
                try result.add(name, .double(try column.quantiles(qs, name: name)))
            default: continue
            }
        }
        return result
    }
}

extension Column {
    /// The `q` quantile (0…1) of the non-missing numbers, interpolating linearly; NaN when there are none.
    public func quantile(_ q: Double, name: String) throws(FrameError) -> Double {
        try quantiles([q], name: name)[0]
    }

    /// The `qs` quantiles, the values sorted once for all of them.
    public func quantiles(_ qs: [Double], name: String) throws(FrameError) -> [Double] {
        for q in qs where !(q >= 0 && q <= 1) { throw .badArgument("quantile: \(q) is not between 0 and 1") }
        guard let values = numbers else { throw .wrongKind(name, expected: "number", got: kindName) }
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return qs.map { _ in .nan } }
        return qs.map { q in
            let position = q * Double(sorted.count - 1)
            let low = Int(position.rounded(.down))
            let high = Swift.min(low + 1, sorted.count - 1)
            let fraction = position - Double(low)
            return fraction == 0 ? sorted[low] : sorted[low] + (sorted[high] - sorted[low]) * fraction
        }
    }

    /// The distinct values in first-seen order (missing values included once).
    public func distinct() -> Column {
        let keys = Frame.orderedKeys(self)
        var seen = Set<UInt64>()
        var rows: [Int] = []
        for (row, key) in keys.enumerated() where seen.insert(key).inserted { rows.append(row) }
        return gather(rows)
    }

    /// Each number's bin among `edges` (ascending): `(e[k], e[k+1]]` as pandas' `cut` labels it, or `labels[k]`;
    /// values outside every bin and missing values get "" (missing).
    public func cut(_ edges: [Double], labels: [String]? = nil, name: String) throws(FrameError) -> Column {
        guard let values = numbers else { throw .wrongKind(name, expected: "number", got: kindName) }
        guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .badArgument("cut: give at least two bin edges in increasing order")
        }
        if let labels, labels.count != edges.count - 1 {
            throw .badArgument("cut: \(edges.count - 1) bins need \(edges.count - 1) labels, got \(labels.count)")
        }
        let names =
            labels ?? (0..<(edges.count - 1)).map { "(\(Frame.format(edges[$0])), \(Frame.format(edges[$0 + 1]))]" }
        let levels = names + [""]
        let outside = Int32(names.count)
        let codes = values.map { value -> Int32 in
            guard value > edges[0], value <= edges[edges.count - 1] else { return outside }
            // The first edge at or above the value closes its bin.
            var low = 1
            var high = edges.count - 1
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] >= value { high = middle } else { low = middle + 1 }
            }
            return Int32(low - 1)
        }
        return .category(codes: codes, levels: levels)
    }

    /// Missing values filled with `value` (a number for number columns, a string for string columns; other kinds
    /// are returned unchanged).
    public func filled(with value: ColumnOperand) -> Column {
        switch (self, value) {
        case (.double(let values), .number(let fill)): return .double(values.map { $0.isNaN ? fill : $0 })
        case (.int(let values), .number(let fill)) where fill == fill.rounded() && Swift.abs(fill) < 9e18:
            return .int(values.map { $0 == MarketTime.missing ? Int64(fill) : $0 })
        case (.int(let values), .number(let fill)):
            return .double(values.map { $0 == MarketTime.missing ? fill : Double($0) })
        case (.text(let values), .string(let fill)): return .text(values.map { $0.isEmpty ? fill : $0 })
        case (.category(let codes, var levels), .string(let fill)):
            guard let empty = levels.firstIndex(of: "") else { return self }
            levels[empty] = fill
            return .category(codes: codes, levels: levels)
        default: return self
        }
    }
}

extension Frame {
    /// Missing values of every column filled with `value` (columns of the other kind unchanged).
    public func filledMissing(with value: ColumnOperand) throws(FrameError) -> Frame {
        var result = self
        for (name, column) in zip(names, columns) { try result.add(name, column.filled(with: value)) }
        return result
    }

    /// Boolean masks combined row by row (`&`, `|`).
    public static func combine(_ a: [Bool], _ b: [Bool], and: Bool) throws(FrameError) -> [Bool] {
        guard a.count == b.count else { throw .lengthMismatch("mask", expected: a.count, got: b.count) }
        return and ? zip(a, b).map { $0 && $1 } : zip(a, b).map { $0 || $1 }
    }
}
