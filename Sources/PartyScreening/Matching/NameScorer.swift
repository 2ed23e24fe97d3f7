/// Scores a screened name against one listed name, in the spirit of OpenSanctions' nomenklatura logic-v1 (the
/// maximum of several feature scores, then caps and penalties), with the known weaknesses of that model addressed:
/// legal forms are ignored, word order does not matter, and short or common-word names cannot match by accident.
///
/// Features (the score is the highest that applies):
/// - same words after normalization (`NameForm`): 1.0
/// - same letters with different spacing ("Hua Wei" / "Huawei"): 0.98
/// - same words in a different order: 0.97
/// - word alignment: words are paired greedily by similarity (equal = 1, a misspelling within the edit budget =
///   its Jaro-Winkler similarity, see `StringDistance.wordSimilarity`), also pairing a word with two adjacent words
///   run together; with precision P and recall R the matched share of each side's weight (distinctive words weigh 1,
///   common words `NameVocabulary.commonWeight`), the feature is the F-measure 2PR / (P + R), at most 0.97;
/// - fingerprint Levenshtein: 0.9 × Levenshtein ratio of the sorted, run-together words (logic-v1's weight for its
///   fingerprint feature), tried when the word alignment is at least `fingerprintFloor`.
///
/// Caps: a name that shares no distinctive word with the listed name (or, when the listed name has only common
/// words, does not contain all of them) scores at most 0.5; a listed name that is one word of 4 letters or fewer
/// ("SMIC", "HMC") scores at most 0.75 unless it is matched exactly.
enum NameScorer {
    /// Longest name (in words) the alignment considers; longer names are cut (they are not company names).
    static let maximumWords = 32
    /// Score of a name that shares only common words with the listed name.
    static let commonWordsCap = 0.5
    /// Score of a short listed name found inside a longer screened name.
    static let shortNameCap = 0.75
    /// Letters below which a one-word listed name counts as short.
    static let shortNameLength = 4
    /// The fingerprint feature is tried only for names whose words largely agree (word alignment at least this):
    /// it exists for misspellings spread over several words, not for names that share one word.
    static let fingerprintFloor = 0.5

    struct Result {
        var score: Double
        var reasons: [String]
    }

    /// The score of `query` against `name`; with `explain`, also the reasons. Scores below `threshold` may be
    /// returned as any lower value (features that cannot reach it are skipped).
    static func score(
        _ query: QueryForm, _ matches: WordMatches, against name: IndexedName, threshold: Double, explain: Bool
    ) -> Result {
        var reasons: [String] = []
        if explain {
            let legalForms = NameScorer.legalForms(query.form, name.form)
            if !legalForms.isEmpty { reasons.append("legal form '\(legalForms.joined(separator: " "))' ignored") }
            let folds = query.form.folds + name.form.folds
            if !folds.isEmpty { reasons.append("read " + folds.joined(separator: ", ")) }
        }
        let listed = name.form
        if query.joined == name.joined {
            reasons.insert(query.text == name.text ? "exact name" : "same name after normalization", at: 0)
            return Result(score: 1, reasons: reasons)
        }
        if query.compact == name.compact {
            reasons.insert("same letters, different spacing ('\(query.joined)' / '\(name.joined)')", at: 0)
            return Result(score: 0.98, reasons: reasons)
        }
        if query.sortedCompact == name.sortedCompact {
            reasons.insert("same words in a different order", at: 0)
            return Result(score: 0.97, reasons: reasons)
        }
        let alignment = Alignment(query, matches, name)
        var score = min(alignment.fMeasure, 0.97)
        if explain { reasons.insert(alignment.describe(query, name), at: 0) }
        if alignment.sharesDistinctiveWord, score < threshold, score >= fingerprintFloor, threshold <= 0.9 {
            let minimum = threshold / 0.9
            if let ratio = StringDistance.levenshteinRatio(query.sortedScalars, name.sortedScalars, minimum: minimum),
                0.9 * ratio > score
            {
                score = 0.9 * ratio
                if explain { reasons.insert("fingerprint Levenshtein ratio \(format(ratio)) × 0.9", at: 0) }
            }
        }
        if !alignment.sharesDistinctiveWord, score > commonWordsCap {
            score = commonWordsCap
            if explain {
                reasons.append("shares only common words with '\(name.joined)'; capped at \(format(commonWordsCap))")
            }
        }
        if listed.tokens.count == 1, name.sortedScalars.count <= shortNameLength, score > shortNameCap {
            score = shortNameCap
            if explain {
                reasons.append("short name '\(name.joined)' inside a longer name; capped at \(format(shortNameCap))")
            }
        }
        return Result(score: score, reasons: reasons)
    }

    private static func legalForms(_ a: NameForm, _ b: NameForm) -> [String] {
        var seen = Set<String>()
        return (a.legalForms + b.legalForms).filter { seen.insert($0).inserted }
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

/// The screened name, normalized once for all the listed names it is scored against.
struct QueryForm {
    let text: String
    let form: NameForm
    /// Words (at most `NameScorer.maximumWords`), then joins of adjacent words.
    let unitTexts: [String]
    let unitScalars: [[UInt32]]
    let wordCount: Int
    let joined: String
    let compact: String
    let sortedCompact: String
    let sortedScalars: [UInt32]

    init(_ text: String) {
        self.text = text
        form = NameForm(text)
        let words = Array(form.tokens.prefix(NameScorer.maximumWords))
        wordCount = words.count
        unitTexts = words + zip(words, words.dropFirst()).map { $0 + $1 }
        unitScalars = unitTexts.map(\.scalarValues)
        joined = form.joined
        compact = form.compact
        sortedCompact = form.sortedCompact
        sortedScalars = sortedCompact.scalarValues
    }
}

/// The greedy pairing of the screened name's words with the listed name's words.
struct Alignment {
    struct Pair {
        var queryUnit: Int
        var nameUnit: Int
        var similarity: Double
    }

    private(set) var pairs: [Pair] = []
    private(set) var fMeasure = 0.0
    private(set) var sharesDistinctiveWord = false

    init(_ query: QueryForm, _ matches: WordMatches, _ name: IndexedName) {
        let queryWords = query.wordCount
        let nameWords = name.tokenIDs.count
        guard queryWords > 0, nameWords > 0 else { return }
        var candidates: [Pair] = []
        candidates.reserveCapacity(16)
        pairs.reserveCapacity(8)
        for (unit, id) in name.tokenIDs.enumerated() {
            matches.forEachUnit(resembling: id) {
                candidates.append(Pair(queryUnit: $0, nameUnit: unit, similarity: $1))
            }
        }
        for (join, id) in name.joinIDs.enumerated() {
            matches.forEachUnit(resembling: id) {
                candidates.append(Pair(queryUnit: $0, nameUnit: nameWords + join, similarity: $1))
            }
        }
        guard !candidates.isEmpty else { return }
        candidates.sort { $0.similarity > $1.similarity }
        // Common words weigh less, unless the listed name has nothing else.
        let weighCommon = name.form.hasDistinctiveToken
        let queryCommon = query.form.isCommon
        let nameCommon = name.form.isCommon
        func weight(_ isCommon: [Bool], _ word: Int) -> Double {
            weighCommon && isCommon[word] ? NameVocabulary.commonWeight : 1
        }
        /// Tokens covered by a unit, and the unit's weight: two words run together count as one word, of the
        /// heavier weight; `saved` is what that takes off the side's total.
        func span(_ unit: Int, words: Int, _ isCommon: [Bool]) -> (mask: UInt64, weight: Double, saved: Double) {
            if unit < words { return (1 << UInt64(unit), weight(isCommon, unit), 0) }
            let first = unit - words
            let (a, b) = (weight(isCommon, first), weight(isCommon, first + 1))
            return (3 << UInt64(first), max(a, b), min(a, b))
        }
        var queryUsed: UInt64 = 0
        var nameUsed: UInt64 = 0
        var queryMatched = 0.0
        var nameMatched = 0.0
        var queryTotal = (0..<queryWords).reduce(0.0) { $0 + weight(queryCommon, $1) }
        var nameTotal = (0..<nameWords).reduce(0.0) { $0 + weight(nameCommon, $1) }
        for pair in candidates {
            let q = span(pair.queryUnit, words: queryWords, queryCommon)
            let n = span(pair.nameUnit, words: nameWords, nameCommon)
            guard queryUsed & q.mask == 0, nameUsed & n.mask == 0 else { continue }
            queryUsed |= q.mask
            nameUsed |= n.mask
            pairs.append(pair)
            queryTotal -= q.saved
            nameTotal -= n.saved
            queryMatched += pair.similarity * q.weight
            nameMatched += pair.similarity * n.weight
            if weighCommon {
                let first = pair.nameUnit < nameWords ? pair.nameUnit : pair.nameUnit - nameWords
                let last = pair.nameUnit < nameWords ? first : first + 1
                if !nameCommon[first] || !nameCommon[last] { sharesDistinctiveWord = true }
            }
        }
        // A name made only of common words ("Semiconductor Manufacturing International") must be matched whole.
        let allNameWords: UInt64 = (1 << UInt64(nameWords)) - 1
        if !weighCommon { sharesDistinctiveWord = nameUsed & allNameWords == allNameWords }
        let precision = queryMatched / queryTotal
        let recall = nameMatched / nameTotal
        fMeasure = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// "words match 0.95: 'huawai'≈'huawei' 0.93, 'technology'; unmatched: 'foods'".
    func describe(_ query: QueryForm, _ name: IndexedName) -> String {
        let nameUnits = name.form.tokens.prefix(NameScorer.maximumWords)
        let nameTexts = Array(nameUnits) + zip(nameUnits, nameUnits.dropFirst()).map { $0 + $1 }
        let matched = pairs.map { pair -> String in
            let q = query.unitTexts[pair.queryUnit]
            let n = nameTexts[pair.nameUnit]
            return q == n ? "'\(q)'" : "'\(q)'≈'\(n)' \(NameScorer.format(pair.similarity))"
        }
        var text = "words match \(NameScorer.format(min(fMeasure, 0.97)))"
        text += matched.isEmpty ? ": none" : ": " + matched.joined(separator: ", ")
        var usedQuery = Set<Int>()
        for pair in pairs {
            let unit = pair.queryUnit
            if unit < query.wordCount {
                usedQuery.insert(unit)
            } else {
                usedQuery.formUnion([unit - query.wordCount, unit - query.wordCount + 1])
            }
        }
        let unmatched = (0..<query.wordCount).filter { !usedQuery.contains($0) }.map { "'\(query.unitTexts[$0])'" }
        if !unmatched.isEmpty { text += "; unmatched: " + unmatched.joined(separator: ", ") }
        return text
    }
}
