/// Every name and alias of a party list, broken into numbered words, with the lookups that find candidate names
/// for a screened name without comparing it to every listed name.
///
/// Blocking: a listed name is filed under its distinctive words (and the joins of adjacent words, so that
/// "Hua Wei" finds "Huawei"); a name made only of common words is filed under all of them. A screened name looks up
/// each of its words and joins exactly, and its distinctive words of 4+ letters also fuzzily (common words are
/// canonical already, see `NameForm`):
/// - one edit: through a deletion index (every word and every spelling of it with one letter deleted; two words
///   within one insertion, deletion, substitution or adjacent transposition share one of these keys; W. Garbe's
///   "symmetric delete" method, SymSpell, 2012);
/// - two or three edits (words of 9+ letters): through a trigram index with the q-gram count filter
///   (words within k Levenshtein edits share at least max(|a|, |b|) + 2 − 3k padded trigrams; E. Ukkonen,
///   "Approximate string-matching with q-grams and maximal matches", TCS 92, 1992).
/// Only the names found this way are scored. Because a name that shares no distinctive word cannot pass the
/// threshold (see `NameScorer`), blocking loses no match above it.
final class PartyIndex: Sendable {
    let parties: [Party]
    let names: [IndexedName]
    /// Per party: listing and removal dates, and upper-cased address countries (read without copying parties).
    let listedOn: [CalendarDay?]
    let removedOn: [CalendarDay?]
    let countries: [[String]]
    /// Word or join → id.
    private let ids: [String: Int32]
    /// id → the word's scalars.
    private let spellings: [[UInt32]]
    /// id → the names filed under it.
    private let postings: [[Int32]]
    /// (hash of a word or of the word less one letter, word id), sorted: the deletion index of words of 4+ letters.
    private let deletionKeys: [UInt64]
    private let deletionWords: [Int32]
    /// Padded trigram → ids of words of `longWordLength`+ letters containing it.
    private let trigrams: [UInt64: [Int32]]
    /// Letters in the longest listed word: a screened word longer by more than one edit can share no deletion key
    /// with any, so its n deletion keys (O(n²) to hash) are not computed (a megabyte-long word took hours).
    private let longestWord: Int
    /// Words this long may carry two or more edits (`StringDistance.editBudget`).
    static let longWordLength = 9

    init(parties: [Party]) {
        self.parties = parties
        listedOn = parties.map(\.listedOn)
        removedOn = parties.map(\.removedOn)
        countries = parties.map { $0.countries.map { $0.uppercased() } }
        var ids: [String: Int32] = [:]
        var spellings: [[UInt32]] = []
        var postings: [[Int32]] = []
        var deletions: [(key: UInt64, word: Int32)] = []
        var trigrams: [UInt64: [Int32]] = [:]
        var names: [IndexedName] = []
        var fuzzyIndexed: [Bool] = []
        func id(_ word: String, fuzzy: Bool) -> Int32 {
            let wordID: Int32
            if let known = ids[word] {
                wordID = known
            } else {
                wordID = Int32(spellings.count)
                ids[word] = wordID
                spellings.append(word.scalarValues)
                postings.append([])
                fuzzyIndexed.append(false)
            }
            // A word first seen as a join ("hua wei" → "huawei") may later be a word of its own: index it then.
            let scalars = spellings[Int(wordID)]
            if fuzzy, !fuzzyIndexed[Int(wordID)], scalars.count >= 4 {
                fuzzyIndexed[Int(wordID)] = true
                for key in PartyIndex.deletionKeys(scalars) { deletions.append((key, wordID)) }
                if scalars.count >= PartyIndex.longWordLength {
                    for trigram in Set(PartyIndex.paddedTrigrams(scalars)) {
                        trigrams[trigram, default: []].append(wordID)
                    }
                }
            }
            return wordID
        }
        for (partyIndex, party) in parties.enumerated() {
            for text in party.allNames {
                let form = NameForm(text)
                guard !form.tokens.isEmpty else { continue }
                let tokens = Array(form.tokens.prefix(NameScorer.maximumWords))
                // Common words need no fuzzy lookup: `NameForm` already folds their misspellings.
                let tokenIDs = tokens.indices.map { id(tokens[$0], fuzzy: !form.isCommon[$0]) }
                let joinIDs = zip(tokens, tokens.dropFirst()).map { id($0 + $1, fuzzy: false) }
                let nameIndex = Int32(names.count)
                names.append(
                    IndexedName(party: Int32(partyIndex), text: text, form: form, tokenIDs: tokenIDs, joinIDs: joinIDs))
                var keys = Set<Int32>()
                let distinctive = form.hasDistinctiveToken
                for (position, tokenID) in tokenIDs.enumerated() where !distinctive || !form.isCommon[position] {
                    keys.insert(tokenID)
                }
                for (position, joinID) in joinIDs.enumerated()
                where !distinctive || !form.isCommon[position] || !form.isCommon[position + 1] {
                    keys.insert(joinID)
                }
                for key in keys { postings[Int(key)].append(nameIndex) }
            }
        }
        deletions.sort { ($0.key, $0.word) < ($1.key, $1.word) }
        self.names = names
        self.ids = ids
        self.spellings = spellings
        self.longestWord = spellings.map(\.count).max() ?? 0
        self.postings = postings
        self.deletionKeys = deletions.map(\.key)
        self.deletionWords = deletions.map(\.word)
        self.trigrams = trigrams
    }

    /// The words and joins of the screened name, each with the listed words it resembles.
    func lookUp(_ query: QueryForm) -> WordMatches {
        var matches = WordMatches()
        for (unit, scalars) in query.unitScalars.enumerated() {
            var found: [(word: Int32, similarity: Double)] = []
            if let exact = ids[query.unitTexts[unit]] { found.append((exact, 1)) }
            guard unit < query.wordCount, !query.form.isCommon[unit], scalars.count >= 4 else {
                for (word, similarity) in found { matches.add(word: word, unit: unit, similarity: similarity) }
                continue
            }
            func consider(_ candidate: Int32) {
                guard !found.contains(where: { $0.word == candidate }) else { return }
                let similarity = StringDistance.wordSimilarity(scalars, spellings[Int(candidate)])
                if similarity > 0 { found.append((candidate, similarity)) }
            }
            for key in scalars.count > longestWord + 1 ? [] : Set(PartyIndex.deletionKeys(scalars)) {
                var position = lowerBound(key)
                while position < deletionKeys.count, deletionKeys[position] == key {
                    consider(deletionWords[position])
                    position += 1
                }
            }
            if scalars.count >= PartyIndex.longWordLength {
                var hits: [Int32] = []
                for trigram in Set(PartyIndex.paddedTrigrams(scalars)) {
                    if let words = trigrams[trigram] { hits.append(contentsOf: words) }
                }
                hits.sort()
                var start = 0
                while start < hits.count {
                    let candidate = hits[start]
                    var end = start + 1
                    while end < hits.count, hits[end] == candidate { end += 1 }
                    let shared = end - start
                    start = end
                    let word = spellings[Int(candidate)]
                    let budget = StringDistance.editBudget(forLength: min(word.count, scalars.count))
                    if abs(word.count - scalars.count) <= budget,
                        shared >= max(word.count, scalars.count) + 2 - 3 * budget
                    {
                        consider(candidate)
                    }
                }
            }
            for (word, similarity) in found { matches.add(word: word, unit: unit, similarity: similarity) }
        }
        matches.seal()
        return matches
    }

    /// Whether party `index` is listed on `date` (`Party.isListed(on:)`).
    func isListed(_ index: Int, on date: CalendarDay) -> Bool {
        if let start = listedOn[index], date < start { return false }
        if let end = removedOn[index], date >= end { return false }
        return true
    }

    /// The first position in the deletion index whose key is not less than `key`.
    private func lowerBound(_ key: UInt64) -> Int {
        var low = 0
        var high = deletionKeys.count
        while low < high {
            let middle = (low + high) / 2
            if deletionKeys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Hashes (FNV-1a, 64 bits) of the word and of each spelling of it with one letter deleted.
    static func deletionKeys(_ scalars: [UInt32]) -> [UInt64] {
        func hash(skipping skipped: Int) -> UInt64 {
            var value: UInt64 = 0xCBF2_9CE4_8422_2325
            for (position, scalar) in scalars.enumerated() where position != skipped {
                value = (value ^ UInt64(scalar)) &* 0x100_0000_01B3
            }
            return value
        }
        return [hash(skipping: -1)] + scalars.indices.map { hash(skipping: $0) }
    }

    /// The names filed under any of the matched words, once each, in index order.
    func candidates(for matches: WordMatches) -> [Int32] {
        var result: [Int32] = []
        for word in matches.words { result.append(contentsOf: postings[Int(word)]) }
        if result.count < 2 { return result }
        result.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(result.count)
        for name in result where unique.last != name { unique.append(name) }
        return unique
    }

    /// Trigrams of the word padded with two boundary marks on each side: |w| + 2 of them.
    static func paddedTrigrams(_ scalars: [UInt32]) -> [UInt64] {
        let padded = [0, 0] + scalars + [0, 0]
        return (0..<(padded.count - 2)).map { i in
            UInt64(padded[i]) << 42 | UInt64(padded[i + 1]) << 21 | UInt64(padded[i + 2])
        }
    }
}

/// One listed name or alias, ready for scoring (a class: candidates are passed around without copying fields).
final class IndexedName: Sendable {
    /// Index of its party in `PartyIndex.parties`.
    let party: Int32
    /// As listed.
    let text: String
    let form: NameForm
    /// Word ids of `form.tokens` (at most `NameScorer.maximumWords`).
    let tokenIDs: [Int32]
    /// Word ids of the joins of adjacent tokens (`tokenIDs.count − 1` of them).
    let joinIDs: [Int32]
    /// `form.joined`, `form.compact`, `form.sortedCompact`, computed once.
    let joined: String
    let compact: String
    let sortedCompact: String
    let sortedScalars: [UInt32]

    init(party: Int32, text: String, form: NameForm, tokenIDs: [Int32], joinIDs: [Int32]) {
        self.party = party
        self.text = text
        self.form = form
        self.tokenIDs = tokenIDs
        self.joinIDs = joinIDs
        joined = form.joined
        compact = form.compact
        sortedCompact = form.sortedCompact
        sortedScalars = sortedCompact.scalarValues
    }
}

/// For a screened name: which listed words each of its units (words, then joins of adjacent words) resembles.
struct WordMatches {
    /// (listed word id, unit of the screened name, similarity), sorted by word id once `seal` is called.
    private(set) var entries: [(word: Int32, unit: Int, similarity: Double)] = []

    mutating func add(word: Int32, unit: Int, similarity: Double) {
        entries.append((word, unit, similarity))
    }

    /// Sorts the entries for `forEachUnit(resembling:)`.
    mutating func seal() { entries.sort { ($0.word, $0.unit) < ($1.word, $1.unit) } }

    /// The distinct listed words matched.
    var words: [Int32] {
        var result: [Int32] = []
        for entry in entries where result.last != entry.word { result.append(entry.word) }
        return result
    }

    /// Calls `body` with each (unit, similarity) matched to `word`.
    func forEachUnit(resembling word: Int32, _ body: (Int, Double) -> Void) {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].word < word { low = middle + 1 } else { high = middle }
        }
        while low < entries.count, entries[low].word == word {
            body(entries[low].unit, entries[low].similarity)
            low += 1
        }
    }
}
