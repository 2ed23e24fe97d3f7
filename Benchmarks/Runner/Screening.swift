import AIKitTesting
import LuaFuzzing

// Restricted-party screening at list scale: 10,000 names against a 20,000-entry list (target: ≤ 2 s).
#if canImport(PartyScreening)
    import PartyScreening

    /// Builds a synthetic 20,000-entry list (deterministic company-like names from word lists, plus the bundled
    /// sample), then screens 10,000 names: a third copies of listed names in other spellings (case, legal form,
    /// word order), a third near misses (one letter changed), a third names that are not listed.
    ///
    /// - Returns: seconds for indexing the list and screening every name (wall clock, the median of three runs), and
    ///   the two sizes.
    func screeningBenchmark() -> (seconds: Double, names: Int, entries: Int) {
        var random = SplitMix64(seed: 0x5EED_2025)
        let entryCount = 20_000
        let sample = PartyList.bundled.parties
        var parties = sample
        parties.reserveCapacity(entryCount)
        while parties.count < entryCount {
            let name = SyntheticNames.company(&random)
            var aliases: [String] = []
            switch random.next() % 4 {
            case 0: aliases.append(name.brand + " " + SyntheticNames.pick(SyntheticNames.industries, &random))
            case 1: aliases.append(SyntheticNames.initials(of: name.full))
            default: break
            }
            parties.append(
                Party(
                    name: name.full, altNames: aliases,
                    countries: [SyntheticNames.pick(["CN", "HK", "RU", "IR"], &random)],
                    list: "Synthetic List"))
        }
        var queries: [String] = []
        queries.reserveCapacity(10_000)
        while queries.count < 10_000 {
            let listed = parties[Int(random.next() % UInt64(parties.count))].name
            switch queries.count % 3 {
            case 0: queries.append(SyntheticNames.respelled(listed, &random))
            case 1: queries.append(SyntheticNames.misspelled(listed, &random))
            default: queries.append(SyntheticNames.company(&random).full)
            }
        }
        // The median of three runs: on this 2-core VM one run varied 1.5–2.7 s back to back, with the code unchanged.
        var times: [Double] = []
        for _ in 0..<3 {
            var matched = 0
            let start = now()
            let list = PartyList(parties: parties)
            for query in queries where !list.screen(query).isEmpty { matched += 1 }
            times.append(now() - start)
            precondition(matched >= queries.count / 3, "too few matches (\(matched)): the matcher is broken")
        }
        return (median(times), queries.count, parties.count)
    }

    /// AIKitTesting's SplitMix64, the tests' and the fuzzer's seeded generator.
    typealias SplitMix64 = SeededRandom

    /// Company-like names from word lists.
    enum SyntheticNames {
        static let syllables = [
            "an", "bao", "chen", "da", "fei", "gao", "hai", "hong", "hua", "jia", "jin", "kai", "lan", "long", "mei",
            "ming", "nan", "peng", "qi", "rui", "sheng", "tai", "tian", "wei", "xin", "yang", "yi", "yuan", "zhong",
            "zhi", "ar", "bel", "cor", "dex", "el", "fin", "gal", "hex", "ion", "jor", "kal", "lum", "mar", "nex", "or",
            "pra", "quin", "ros", "sol", "tor", "ul", "ver", "wex", "xan", "yor", "zen",
        ]
        static let places = [
            "Beijing", "Shanghai", "Shenzhen", "Wuhan", "Hefei", "Moscow", "Tehran", "Hong Kong", "Dubai",
        ]
        static let industries = [
            "Technology", "Electronics", "Semiconductor", "Trading", "Information Technology", "Precision Machinery",
            "Optics", "Materials", "Aerospace", "Logistics", "Microelectronics", "Software", "Import and Export",
            "Instruments", "Intelligent Technology", "Computing", "Energy", "Shipping",
        ]
        static let legalForms = [
            "Co., Ltd.", "Limited", "Inc.", "LLC", "GmbH", "Corporation", "Pte. Ltd.", "", "Company Limited", "JSC",
        ]

        static func pick(_ words: [String], _ random: inout SplitMix64) -> String {
            words[Int(random.next() % UInt64(words.count))]
        }

        static func company(_ random: inout SplitMix64) -> (full: String, brand: String) {
            let syllableCount = random.next() % 5 < 3 ? 2 : 3
            let brand = (0..<syllableCount).map { _ in pick(syllables, &random) }.joined()
            let capitalized = brand.prefix(1).uppercased() + brand.dropFirst()
            var words: [String] = []
            if random.next() % 2 == 0 { words.append(pick(places, &random)) }
            words.append(capitalized)
            words.append(pick(industries, &random))
            let legal = pick(legalForms, &random)
            if !legal.isEmpty { words.append(legal) }
            return (words.joined(separator: " "), capitalized)
        }

        static func initials(of name: String) -> String {
            String(name.split(separator: " ").prefix(4).compactMap(\.first).filter(\.isLetter)).uppercased()
        }

        /// The same name with other case, another legal form, or its words reordered.
        static func respelled(_ name: String, _ random: inout SplitMix64) -> String {
            switch random.next() % 3 {
            case 0: return name.uppercased()
            case 1: return name + " " + pick(legalForms, &random)
            default: return name.split(separator: " ").reversed().joined(separator: " ")
            }
        }

        /// The same name with one letter replaced.
        static func misspelled(_ name: String, _ random: inout SplitMix64) -> String {
            var characters = Array(name)
            let letters = characters.indices.filter { characters[$0].isLetter }
            guard !letters.isEmpty else { return name }
            let position = letters[Int(random.next() % UInt64(letters.count))]
            characters[position] = Array("aeiounrstl")[Int(random.next() % 10)]
            return String(characters)
        }
    }
#endif
