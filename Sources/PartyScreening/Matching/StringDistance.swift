/// Edit distances and similarity ratios between short strings (words and compact names), on Unicode scalars.
enum StringDistance {
    /// Jaro-Winkler similarity in 0...1.
    ///
    /// Jaro (M. A. Jaro, "Advances in record-linkage methodology as applied to matching the 1985 census of Tampa,
    /// Florida", JASA 84, 1989): with m matching characters (within a window of ⌊max(|a|,|b|)/2⌋ − 1) and t half the
    /// number of transpositions, j = (m/|a| + m/|b| + (m − t)/m) / 3. Winkler's prefix bonus (W. E. Winkler,
    /// "String comparator metrics and enhanced decision rules in the Fellegi-Sunter model of record linkage", 1990):
    /// jw = j + ℓ·p·(1 − j) for a common prefix of ℓ ≤ 4 characters, p = 0.1, applied when j > 0.7.
    static func jaroWinkler(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a == b { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<a.count {
                let low = max(0, i - window)
                let high = min(b.count - 1, i + window)
                if low > high { continue }
                for j in low...high where !flags[a.count + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[a.count + j] = true
                    matches += 1
                    break
                }
            }
            if matches == 0 { return 0 }
            var transpositions = 0
            var k = 0
            for i in 0..<a.count where flags[i] {
                while !flags[a.count + k] { k += 1 }
                if a[i] != b[k] { transpositions += 1 }
                k += 1
            }
            let m = Double(matches)
            let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
            guard jaro > 0.7 else { return jaro }
            var prefix = 0
            while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
            return jaro + Double(prefix) * 0.1 * (1 - jaro)
        }
    }

    /// Levenshtein distance (insertions, deletions, substitutions; V. I. Levenshtein, 1966), computed with two rows
    /// (Wagner-Fischer) in the diagonal band |i − j| ≤ `limit` (E. Ukkonen, "Algorithms for approximate string
    /// matching", Information and Control 64, 1985), or nil when it exceeds `limit`.
    static func levenshtein(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        let outside = limit + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows in
            var previous = 0
            var current = width
            for j in 0..<width { rows[j] = min(j, outside) }
            for i in 1...a.count {
                let low = max(1, i - limit)
                let high = min(b.count, i + limit)
                rows[current] = min(i, outside)
                if low > 1 { rows[current + low - 1] = outside }
                var rowMinimum = rows[current]
                if low <= high {
                    for j in low...high {
                        let substitution = rows[previous + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                        let value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, substitution, outside)
                        rows[current + j] = value
                        rowMinimum = min(rowMinimum, value)
                    }
                }
                if high < b.count { rows[current + high + 1] = outside }
                if rowMinimum > limit { return nil }
                swap(&previous, &current)
            }
            let distance = rows[previous + width - 1]
            return distance <= limit ? distance : nil
        }
    }

    /// 1 − distance / max(|a|, |b|), or nil when the ratio would be below `minimum`.
    static func levenshteinRatio(_ a: [UInt32], _ b: [UInt32], minimum: Double) -> Double? {
        let longest = max(a.count, b.count)
        if longest == 0 { return 1 }
        let limit = Int((1 - minimum) * Double(longest))
        guard let distance = levenshtein(a, b, limit: limit) else { return nil }
        let ratio = 1 - Double(distance) / Double(longest)
        return ratio >= minimum ? ratio : nil
    }

    /// Optimal string alignment distance (Levenshtein plus transposition of adjacent letters, each edit counted
    /// once; F. J. Damerau, "A technique for computer detection and correction of spelling errors", CACM 7, 1964),
    /// or nil when it exceeds `limit`.
    static func transpositionDistance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            var before = 0
            var previous = width
            var current = 2 * width
            for j in 0..<width { rows[previous + j] = j }
            for i in 1...a.count {
                rows[current] = i
                var rowMinimum = i
                for j in 1..<width {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, rows[before + j - 2] + 1)
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return nil }
                (before, previous, current) = (previous, current, before)
            }
            let distance = rows[previous + width - 1]
            return distance <= limit ? distance : nil
        }
    }

    /// How many edits (transposition distance) a misspelt word may carry and still count as the same word, by the
    /// length of the shorter spelling: none under 4 letters, 1 up to 8, 2 up to 11, then 3.
    static func editBudget(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...8: 1
        case 9...11: 2
        default: 3
        }
    }

    /// Similarity of two words: 1 when equal; when they are within the edit budget of the shorter one, the larger
    /// of their Jaro-Winkler similarity and 1 − distance / length; else 0.
    ///
    /// Words under 4 letters must be equal ("SMC" is not a misspelling of "SMIC"); in words under 6 letters the one
    /// edit may not be a substitution and the Jaro-Winkler similarity must be at least 0.9 ("Zhihu" is not a
    /// misspelling of "Zhipu"; "Moore" / "More" and "Sugon" / "Sguon" are).
    static func wordSimilarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a == b { return 1 }
        let shorter = min(a.count, b.count)
        let budget = editBudget(forLength: shorter)
        guard budget > 0, let distance = transpositionDistance(a, b, limit: budget) else { return 0 }
        let jaroWinkler = jaroWinkler(a, b)
        if shorter < 6 {
            guard a.count != b.count || isAdjacentTransposition(a, b), jaroWinkler >= 0.9 else { return 0 }
        }
        return max(jaroWinkler, 1 - Double(distance) / Double(max(a.count, b.count)))
    }

    /// Whether `b` is `a` with two neighbouring letters swapped.
    static func isAdjacentTransposition(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        guard a.count == b.count, let first = a.indices.first(where: { a[$0] != b[$0] }), first + 1 < a.count else {
            return false
        }
        return a[first] == b[first + 1] && a[first + 1] == b[first] && a[(first + 2)...] == b[(first + 2)...]
    }
}

extension String {
    /// The Unicode scalar values, for the distance functions.
    var scalarValues: [UInt32] { unicodeScalars.map(\.value) }
}
