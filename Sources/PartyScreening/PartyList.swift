import FoundationEssentials

/// A restricted-party list to screen names against: the bundled AI-chip sample, imported CSL files, or both.
///
/// Cheap to copy and safe to share: the parties and their name index live in one immutable object, rebuilt by `add`.
public struct PartyList: Sendable {
    private var index: PartyIndex
    /// Who owns whom (the Affiliates Rule's 50% test reads it; see `affiliation(of:on:)`).
    public var ownership = OwnershipGraph()

    public init(parties: [Party]) {
        index = PartyIndex(parties: parties)
    }

    /// Every party, in the order given.
    public var parties: [Party] { index.parties }

    /// Adds parties (and re-indexes the list). A party already on the list, field for field, is not added again: an
    /// import run twice leaves the list as once.
    public mutating func add(_ parties: [Party]) {
        var known = Set(index.parties)
        let new = parties.filter { known.insert($0).inserted }
        guard !new.isEmpty else { return }
        index = PartyIndex(parties: index.parties + new)
    }

    /// The bundled sample (Resources/parties.json): Entity List parties relevant to AI chips, each with its
    /// listing date, Federal Register citation, evidence level and source. Decoded once, on first use.
    public static var bundled: PartyList { bundledList }

    private static let bundledList: PartyList = {
        struct File: Decodable { let parties: [Party] }
        do {
            return PartyList(
                parties: try JSONDecoder().decode(File.self, from: Data(PackageResources.parties_json)).parties)
        } catch {
            fatalError("aikit's bundled parties.json does not decode (a bug in aikit): \(error)")
        }
    }()

    /// Screens a name: the parties whose name or an alias resembles it at or above `threshold`, best first.
    ///
    /// Matching ignores case, punctuation, legal forms ("Co., Ltd."), word order and Latin diacritics, and
    /// tolerates misspellings (see `NameScorer`). Names sharing only common words ("Technology", "International")
    /// with a party never reach 0.8.
    ///
    /// - Parameters:
    ///   - name: the name to screen, as written.
    ///   - date: when given, only parties listed on that date: on or after their listing date and before their
    ///     removal date.
    ///   - country: an ISO 3166-1 alpha-2 code; a party with addresses, none in that country, loses 0.2 (the country
    ///     penalty of OpenSanctions' logic-v1).
    ///   - threshold: the lowest score reported (yente's default is 0.70; aikit's is 0.8).
    /// - Returns: one match per party, highest score first (ties by list order).
    public func screen(
        _ name: String, date: CalendarDay? = nil, country: String? = nil, threshold: Double = 0.8
    ) -> [ScreeningMatch] {
        let query = QueryForm(name)
        guard query.wordCount > 0 else { return [] }
        let matches = index.lookUp(query)
        let country = country?.trimmedOrNil?.uppercased()
        var best: [Int32: (score: Double, name: Int32)] = [:]
        for candidate in index.candidates(for: matches) {
            let listed = index.names[Int(candidate)]
            let partyIndex = Int(listed.party)
            if let date, !index.isListed(partyIndex, on: date) { continue }
            var score = NameScorer.score(query, matches, against: listed, threshold: threshold, explain: false).score
            if let country, PartyList.countryDiffers(country, index.countries[partyIndex]) {
                score -= PartyList.countryPenalty
            }
            if score >= threshold, score > best[listed.party]?.score ?? -1 { best[listed.party] = (score, candidate) }
        }
        return best.sorted { ($0.value.score, $1.key) > ($1.value.score, $0.key) }.map { partyIndex, found in
            let listed = index.names[Int(found.name)]
            let party = index.parties[Int(partyIndex)]
            var reasons = NameScorer.score(query, matches, against: listed, threshold: threshold, explain: true).reasons
            if let country {
                if PartyList.countryDiffers(country, index.countries[Int(partyIndex)]) {
                    reasons.append(
                        "country \(country) differs from \(party.countries.joined(separator: "/")); "
                            + "−\(NameScorer.format(PartyList.countryPenalty))")
                } else if index.countries[Int(partyIndex)].contains(country) {
                    reasons.append("country \(country) matches")
                }
            }
            if date != nil, let listedOn = party.listedOn {
                reasons.append("listed since \(listedOn)" + (party.federalRegisterNotice.map { " (\($0))" } ?? ""))
            }
            return ScreeningMatch(
                party: party, score: min(1, max(0, found.score)), matchedName: listed.text, list: party.list,
                reasons: reasons)
        }
    }

    /// The best match among parties listed on `date` (the same rules as `screen`), or nil when none reaches
    /// `threshold`.
    public func isListed(_ name: String, on date: CalendarDay, threshold: Double = 0.8) -> ScreeningMatch? {
        screen(name, date: date, threshold: threshold).first
    }

    /// What a party loses when the screened country is not among its address countries (logic-v1: 0.2).
    static let countryPenalty = 0.2

    /// Whether a party with addresses in `countries` (upper-cased) has none in `country`.
    private static func countryDiffers(_ country: String, _ countries: [String]) -> Bool {
        !countries.isEmpty && !countries.contains(country)
    }
}
