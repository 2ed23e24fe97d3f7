/// Case- and punctuation-insensitive names, with "did you mean" suggestions, for every catalog.
package enum NameMatching {
    /// "H800 SXM" → "h800sxm"; "Llama-3.1 405B" → "llama31405b".
    package static func normalize(_ name: String) -> String {
        var name = name
        // ASCII (nearly every name): the same result byte by byte, without Unicode lowercasing.
        if let ascii = name.withUTF8({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): out[count] = byte | 0x20
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out[count] = byte
                    default: continue
                    }
                    count += 1
                }
                return count
            }
        }) {
            return ascii
        }
        return String(
            name.lowercased().unicodeScalars.filter { CharacterSetLite.isAlphanumeric($0) }.map(Character.init))
    }

    /// Levenshtein distance (small strings only).
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Names longer than this get no suggestion (the distance is quadratic in the lengths).
    package static let longestSuggested = 256

    /// The closest display name to `query` among `candidates` (display name, its spellings), if close enough.
    /// Spellings whose length differs from the query's by more than the accepted distance are skipped unmeasured
    /// (the edit distance is at least the difference in length), so a megabyte-long name costs one pass, not minutes.
    package static func suggestion(for query: String, among candidates: [(display: String, spellings: [String])])
        -> String?
    {
        let key = normalize(query)
        guard key.count <= longestSuggested else { return nil }
        let accepted = max(2, key.count / 3)
        var best: (String, Int)? = nil
        for candidate in candidates {
            for spelling in candidate.spellings {
                let other = normalize(spelling)
                guard abs(other.count - key.count) <= accepted else { continue }
                let d = distance(key, other)
                if best == nil || d < best!.1 { best = (spelling, d) }
            }
        }
        guard let (display, d) = best, d <= accepted else { return nil }
        return display
    }
}

/// ASCII letters and digits (enough for catalog names; avoids Foundation's CharacterSet).
package enum CharacterSetLite {
    package static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || (scalar >= "A" && scalar <= "Z")
    }
}
