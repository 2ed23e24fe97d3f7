import TextMatching

/// "Did you mean …?" for symbols and series ids: the closest known name within a small edit distance (symbols are
/// compared case-insensitively but with their punctuation, so NVDA.US and NVDA stay apart).
enum Suggestion {
    static func closest(to name: String, in candidates: some Collection<String>) -> String? {
        let target = name.uppercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = NameMatching.distance(target, candidate.uppercased())
            if distance <= max(1, target.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }
}
