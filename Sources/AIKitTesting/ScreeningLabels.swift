internal import Foundation
public import PartyScreening

/// A labelled screening set built from real names: the bundled restricted-party sample's listed names and aliases,
/// respelled the ways analysts type them (abbreviated or spelled out, upper case without punctuation, with or
/// without a city qualifier, an older romanisation of a Chinese place), each labelled with its party; and real
/// companies that are not in the sample (`Benchmarks/workloads/non_listed_companies.csv`), labelled none.
public enum ScreeningLabels {
    public struct Query: Sendable {
        public var text: String
        /// The listed party's name this should match, or nil for a company that is not listed.
        public var party: String?
        /// How the query was made from the listed name ("abbreviated", "city added", …).
        public var variant: String
    }

    /// Long forms and their abbreviations, as company names write them.
    static let abbreviations: [(long: String, short: String)] = [
        ("Technologies", "Tech"), ("Technology", "Tech"), ("International", "Intl"), ("Corporation", "Corp"),
        ("Company", "Co"), ("Limited", "Ltd"), ("Manufacturing", "Mfg"), ("Incorporated", "Inc"),
        ("Information", "Info"), ("Electronics", "Elec"), ("Electronic", "Elec"), ("Institute", "Inst"),
    ]

    /// Pinyin place names and their older (postal or Wade–Giles) spellings.
    static let romanisations: [(pinyin: String, older: String)] = [
        ("Beijing", "Peking"), ("Tianjin", "Tientsin"), ("Chengdu", "Chengtu"), ("Ningbo", "Ningpo"),
        ("Tianjing", "Tientsin"), ("Wuxi", "Wusih"), ("Shanghai", "Shanghai"),
    ]

    public static func queries(parties: [Party] = PartyList.bundled.parties) throws -> [Query] {
        var result: [Query] = []
        // A variant that is, as screening normalises names, exactly another listed party's name (a subsidiary's name
        // without its city is often its parent's) is that party's, not a test of this one.
        let list = PartyList(parties: parties)
        func namesAnother(_ text: String, than party: Party) -> Bool {
            list.screen(text, threshold: 0.999).contains { $0.party.name != party.name }
        }
        for party in parties {
            for name in party.allNames {
                var variants: [(String, String)] = [(name, "as listed")]
                variants.append((shouted(name), "upper case, no punctuation"))
                var short = name
                for (long, abbreviation) in abbreviations { short = replacingWord(long, with: abbreviation, in: short) }
                variants.append((short, "abbreviated"))
                var long = name
                for (longForm, abbreviation) in abbreviations {
                    long = replacingWord(abbreviation, with: longForm, in: long)
                    long = replacingWord(abbreviation + ".", with: longForm, in: long)
                }
                variants.append((long, "spelled out"))
                if let open = name.firstIndex(of: "("), let close = name[open...].firstIndex(of: ")") {
                    let without = (name[..<open] + name[name.index(after: close)...]).split(separator: " ").joined(
                        separator: " ")
                    variants.append((without, "city qualifier removed"))
                } else if name.split(separator: " ").count >= 2 {
                    variants.append((name + " (Shenzhen)", "city qualifier added"))
                }
                for (pinyin, older) in romanisations where pinyin != older && name.contains(pinyin) {
                    variants.append((replacingWord(pinyin, with: older, in: name), "older romanisation"))
                }
                var seen = Set<String>()
                for (text, how) in variants
                where how == "as listed" || (text != name && !namesAnother(text, than: party)) {
                    if seen.insert(text).inserted { result.append(Query(text: text, party: party.name, variant: how)) }
                }
            }
        }
        let file = try SourceCheckout.path("Benchmarks/workloads/non_listed_companies.csv")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            guard let comma = line.lastIndex(of: ",") else { continue }
            let name = String(line[..<comma])
            result.append(Query(text: name, party: nil, variant: "not listed"))
            result.append(Query(text: shouted(name), party: nil, variant: "not listed, upper case"))
        }
        return result
    }

    /// Precision and recall of screening `queries` against `list` at `threshold`, counted as an analyst reviews
    /// hits: a listed query is found when its party is among the matches (dropping a city qualifier can make a
    /// name equal to another listed party's, its parent's say, which then ranks first); a false positive is a match
    /// for an unlisted query, or matches for a listed query that miss its party.
    public static func score(_ queries: [Query], list: PartyList = .bundled, threshold: Double = 0.8)
        -> (precision: Double, recall: Double, misses: [Query], falseHits: [(Query, String)])
    {
        var truePositives = 0
        var falsePositives = 0
        var positives = 0
        var misses: [Query] = []
        var falseHits: [(Query, String)] = []
        for query in queries {
            let matches = list.screen(query.text, threshold: threshold)
            let top = matches.first
            if let party = query.party {
                positives += 1
                if matches.contains(where: { $0.party.name == party }) {
                    truePositives += 1
                } else {
                    misses.append(query)
                    if let top {
                        falsePositives += 1
                        falseHits.append((query, top.party.name))
                    }
                }
            } else if let top {
                falsePositives += 1
                falseHits.append((query, top.party.name))
            }
        }
        let precision =
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        return (precision, Double(truePositives) / Double(max(1, positives)), misses, falseHits)
    }

    static func shouted(_ name: String) -> String {
        String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(
            separator: " ")
    }

    /// `text` with the whole word `word` replaced (words split at spaces; trailing punctuation kept).
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            let bare = token.trimmingCharacters(in: CharacterSet(charactersIn: ",;"))
            guard bare == word else { return String(token) }
            return replacement + token.dropFirst(bare.count)
        }.joined(separator: " ")
    }
}
