/// A name reduced to the words that identify it: the form every listed name and every screened name is compared in.
///
/// Steps (in the spirit of OpenSanctions' name fingerprints, nomenklatura logic-v1):
/// 1. lowercase; fold Latin diacritics ("Société" → "societe", "ß" → "ss");
/// 2. drop apostrophes and the '?' that BIS names carry where an apostrophe was lost ("Xi?an" → "xian");
///    every other punctuation mark separates words ("Co.,Ltd." → "co ltd"), as does a capitalized word run on
///    after a small letter ("HuaweiTechnologies" → "huawei technologies", but "GmbH" stays one word);
/// 3. join runs of single letters ("S.A." → "sa", "A B C" → "abc");
/// 4. fold plural/variant spellings, abbreviations and misspellings of common words ("technologies", "tech",
///    "technolgy" → "technology"), older romanisations of Chinese places ("Peking" → "beijing") and misspellings of
///    long legal forms ("Limitted" → "limited");
/// 5. drop stop words, then legal forms (`NameVocabulary.legalForms`; short ones only at the end).
struct NameForm: Equatable {
    /// The identifying words, in their original order.
    var tokens: [String]
    /// `isCommon[i]`: whether `tokens[i]` is a common word (`NameVocabulary.commonWords`).
    var isCommon: [Bool]
    /// The legal-form words that were removed ("co ltd").
    var legalForms: [String]
    /// Abbreviations and older romanisations read as their long or pinyin form ("'mfg' as 'manufacturing'").
    var folds: [String] = []

    init(_ name: String) {
        var words = NameForm.words(in: name)
        words = NameForm.joinSingleLetters(words)
        var folds: [String] = []
        words = words.map { word in
            if let common = NameVocabulary.commonVariants[word] { return common }
            if let long = NameVocabulary.abbreviations[word] {
                folds.append("'\(word)' as '\(long)'")
                return long
            }
            if let pinyin = NameVocabulary.romanisations[word] {
                folds.append("'\(word)' as '\(pinyin)' (older romanisation)")
                return pinyin
            }
            if NameVocabulary.commonWords.contains(word) || NameVocabulary.legalForms.contains(word) { return word }
            return NameVocabulary.commonSpelling(of: word) ?? word
        }
        words = words.filter { !NameVocabulary.stopWords.contains($0) }
        var kept: [String] = []
        var removed: [String] = []
        for word in words {
            if NameVocabulary.legalForms.contains(word) {
                removed.append(word)
            } else if let stripped = NameForm.strippingCJKLegalSuffix(word) {
                kept.append(stripped.stem)
                removed.append(stripped.suffix)
            } else {
                kept.append(word)
            }
        }
        var trailing: [String] = []
        while kept.count > 1, let last = kept.last, NameVocabulary.trailingLegalForms.contains(last) {
            trailing.insert(kept.removeLast(), at: 0)
        }
        if kept.isEmpty {
            kept = words
            removed = []
            trailing = []
        }
        tokens = kept
        self.folds = folds
        legalForms = removed + trailing
        isCommon = kept.map { NameVocabulary.commonWords.contains($0) }
    }

    /// The tokens separated by single spaces ("huawei technology").
    var joined: String { tokens.joined(separator: " ") }

    /// The tokens run together ("huaweitechnology"): equal for "Hua Wei" and "Huawei".
    var compact: String { tokens.joined() }

    /// The tokens sorted, then run together: equal for any word order.
    var sortedCompact: String { tokens.sorted().joined() }

    /// Whether some token is not a common word.
    var hasDistinctiveToken: Bool { isCommon.contains(false) }

    // MARK: - Steps

    /// Lowercased, diacritic-folded words; apostrophes and '?' join, other punctuation and camel case separate.
    static func words(in name: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        let scalars = Array(name.unicodeScalars)
        func isLower(_ index: Int) -> Bool {
            scalars.indices.contains(index) && (0x61...0x7A).contains(scalars[index].value)
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39:  // a-z, 0-9
                current.append(scalar)
            case 0x41...0x5A:  // A-Z; "HuaweiTechnologies" is two words, "GmbH" one
                if isLower(index - 1), isLower(index + 1) { flush() }
                current.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x27, 0x3F, 0x60, 0xB4, 0x2018, 0x2019, 0x02BC:  // ' ? ` ´ ‘ ’ ʼ
                continue
            case 0x26:  // &
                flush()
                words.append("and")
            case 0...0x7F:
                flush()
            default:
                let properties = scalar.properties
                if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                    continue
                } else if properties.isAlphabetic || properties.numericType != nil {
                    current.append(contentsOf: folded(scalar).unicodeScalars)
                } else {
                    flush()
                }
            }
        }
        flush()
        return words
    }

    /// A non-ASCII letter in lowercase, Latin ones without their diacritics: "É" → "e", "Æ" → "ae", "ß" → "ss".
    ///
    /// Uses the Unicode character name ("LATIN CAPITAL LETTER E WITH ACUTE"), which the standard library carries,
    /// so no Foundation folding tables are needed.
    static func folded(_ scalar: Unicode.Scalar) -> String {
        if let name = scalar.properties.name, name.hasPrefix("LATIN ") {
            let words = name.split(separator: " ")
            if let letterIndex = words.firstIndex(where: { $0 == "LETTER" || $0 == "LIGATURE" }),
                letterIndex + 1 < words.count
            {
                let base = words[letterIndex + 1]
                if base == "SHARP" { return "ss" }
                if base.count <= 2, base.allSatisfy({ $0.isASCII && $0.isLetter }) { return base.lowercased() }
                if let last = words.last, last.count == 1, last.allSatisfy({ $0.isASCII && $0.isLetter }),
                    words.firstIndex(of: "WITH") == nil
                {
                    return last.lowercased()  // "DOTLESS I" → "i"
                }
            }
        }
        return String(scalar.properties.lowercaseMapping)
    }

    /// ["s", "a", "de", "c", "v"] → ["sa", "de", "cv"]: initials written with dots or spaces become one word.
    static func joinSingleLetters(_ words: [String]) -> [String] {
        var result: [String] = []
        var run = ""
        var runLength = 0
        func flush() {
            if runLength > 0 { result.append(run) }
            run = ""
            runLength = 0
        }
        for word in words {
            if word.utf8.count == 1, let byte = word.utf8.first, (0x61...0x7A).contains(byte) {
                run += word
                runLength += 1
            } else {
                flush()
                result.append(word)
            }
        }
        flush()
        return result
    }

    /// "华为技术有限公司" → ("华为技术", "有限公司"); nil when the word has no Chinese legal-form suffix.
    static func strippingCJKLegalSuffix(_ word: String) -> (stem: String, suffix: String)? {
        guard let first = word.unicodeScalars.first, first.value >= 0x2E80 else { return nil }
        for suffix in NameVocabulary.cjkLegalSuffixes where word.hasSuffix(suffix) && word.count > suffix.count {
            return (String(word.dropLast(suffix.count)), suffix)
        }
        return nil
    }
}
