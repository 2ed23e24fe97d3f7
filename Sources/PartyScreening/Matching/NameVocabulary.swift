/// The words that screening treats specially: legal forms (ignored), stop words (dropped) and common words
/// (kept, but too weak to make a match on their own).
///
/// Legal forms follow the spirit of OpenSanctions' company-type normalization (nomenklatura / `fingerprints`):
/// "Co., Ltd.", "Company Limited", "GmbH" and "Youxian Gongsi" say what kind of company a party is, not which one.
/// "Technology", "Group" and "Holdings" are not legal forms: they are common words (see `commonWords`).
enum NameVocabulary {
    /// Legal-form words removed wherever they stand (after punctuation is gone: "Co., Ltd." → "co ltd").
    static let legalForms: Set<String> = [
        "co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "plc", "gmbh",
        "mbh", "pte", "pty", "llp", "jsc", "ojsc", "pjsc", "cjsc", "ooo", "zao", "oao", "sarl", "srl", "ltda", "bhd",
        "sdn", "kft", "sro", "zrt", "oyj", "spzoo", "youxian", "gongsi", "youxiangongsi", "gufen", "kabushiki",
        "kaisha", "yugen",
    ]

    /// Short legal forms that are also ordinary words or initials ("AS", "SA", "AG"): removed only at the end.
    static let trailingLegalForms: Set<String> = [
        "sa", "ag", "ab", "as", "oy", "kk", "bv", "nv", "lp", "spa", "se", "sas", "sl", "sc", "cv", "de", "ek",
    ]

    /// Chinese legal-form suffixes, removed from the end of a CJK token ("华为技术有限公司" → "华为技术").
    static let cjkLegalSuffixes: [String] = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司"]

    /// Dropped everywhere ("Johnson & Johnson" = "Johnson and Johnson" = "Johnson Johnson").
    static let stopWords: Set<String> = ["the", "and", "of", "for", "und", "et", "y"]

    /// Words shared by thousands of unrelated companies in the trades these lists target (technology, electronics,
    /// trading, research) and place names. A name that agrees with a listed name only on these cannot reach a match;
    /// in scoring they weigh `commonWeight` instead of 1, so "Huawei Cloud Computing" still matches "Huawei".
    /// Words of unrelated trades ("Foods", "Pharmaceuticals") are deliberately not here: they weigh fully, so
    /// "Huawei Foods" or "Higon Pharmaceuticals" stay below the threshold.
    static let commonWords: Set<String> = [
        // industry and activity
        "technology", "tech", "electronic", "semiconductor", "computing", "computer", "intelligence",
        "intelligent", "artificial", "ai", "information", "industry", "industrial", "science", "scientific",
        "research", "institute", "development", "software", "system", "solution", "network", "communication",
        "telecom", "telecommunication", "trading", "trade", "import", "export", "investment", "capital", "partner",
        "global", "international", "digital", "data", "cloud", "microelectronic", "integrated", "circuit", "chip",
        "energy", "engineering", "service", "manufacturing", "product", "enterprise", "management", "equipment",
        "material", "design", "advanced", "innovation", "smart", "machine", "device", "precision", "optical",
        "photonic", "automation", "instrument", "power", "laboratory", "lab", "center", "centre", "academy",
        "university", "school", "college", "national", "state", "key", "new", "high", "general", "united",
        "holding", "group", "branch", "office", "subsidiary", "affiliate", "logistics", "shipping", "transport",
        "supply", "chain", "resource", "consulting", "commercial", "business", "venture", "fund",
        "finance", "financial", "bank", "security", "defense", "defence", "aerospace", "aviation", "space", "marine",
        "consultancy", "agency", "works", "factory", "plant",
        "mobile", "wireless", "internet", "online", "web", "quantum", "micro", "nano", "robotics", "robot",
        // places
        "china", "chinese", "prc", "asia", "asian", "pacific", "europe", "america", "american", "east", "west",
        "north", "south", "beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "chengdu", "tianjin", "wuhan",
        "nanjing", "xian", "chongqing", "suzhou", "qingdao", "wuxi", "hefei", "dalian", "xiamen", "jinan", "changsha",
        "zhengzhou", "shenyang", "harbin", "kunming", "ningbo", "dongguan", "foshan", "zhuhai", "hong", "kong",
        "hongkong", "macau", "macao", "taiwan", "taipei", "singapore", "malaysia", "russia", "moscow", "iran",
        "tehran", "dubai", "uae", "india", "usa", "us", "uk", "hk", "sichuan", "guangdong", "fujian", "zhejiang",
        "jiangsu", "hebei", "hubei", "shandong", "zhongguo",
    ]

    /// Plural and variant spellings folded onto one common word before lookup.
    static let commonVariants: [String: String] = [
        "technologies": "technology", "technological": "technology", "electronics": "electronic",
        "semiconductors": "semiconductor", "computers": "computer", "industries": "industry",
        "sciences": "science", "systems": "system", "solutions": "solution", "networks": "network",
        "communications": "communication", "telecommunications": "telecommunication", "investments": "investment",
        "partners": "partner", "services": "service", "products": "product", "enterprises": "enterprise",
        "materials": "material", "holdings": "holding", "circuits": "circuit", "chips": "chip",
        "devices": "device", "instruments": "instrument", "laboratories": "laboratory", "labs": "lab",
        "resources": "resource", "ventures": "venture", "machines": "machine", "robots": "robot",
        "microelectronics": "microelectronic", "photonics": "photonic",
    ]

    /// Abbreviations company names use, folded onto their long form so either spelling matches the other
    /// ("Semiconductor Mfg Intl Corp" = "Semiconductor Manufacturing International Corporation"). The legal forms
    /// ("Co", "Corp", "Ltd", "Inc") need no entry: both spellings are legal forms and are dropped.
    static let abbreviations: [String: String] = [
        "intl": "international", "mfg": "manufacturing", "mfr": "manufacturing", "tech": "technology",
        "info": "information", "elec": "electronic", "inst": "institute", "natl": "national", "univ": "university",
        "sci": "science", "hldg": "holding", "hldgs": "holding", "grp": "group", "svc": "service", "svcs": "service",
        "sys": "system", "mgmt": "management", "ind": "industry", "inds": "industry", "indus": "industry",
        "electr": "electronic", "eqpt": "equipment", "equip": "equipment", "dev": "development", "acad": "academy",
        "ctr": "center", "cntr": "center",
    ]

    /// Older romanisations of Chinese places (Chinese Postal Map and Wade–Giles spellings that company and list
    /// names still carry), folded onto pinyin: "Peking" = "Beijing", "Tientsin" = "Tianjin".
    static let romanisations: [String: String] = [
        "peking": "beijing", "peiping": "beijing", "tientsin": "tianjin", "chengtu": "chengdu", "ningpo": "ningbo",
        "wusih": "wuxi", "nanking": "nanjing", "canton": "guangzhou", "kwangchow": "guangzhou",
        "tsingtao": "qingdao", "tsingtau": "qingdao", "amoy": "xiamen", "chungking": "chongqing",
        "hangchow": "hangzhou", "soochow": "suzhou", "sian": "xian", "hsian": "xian", "hankow": "wuhan",
        "dairen": "dalian", "mukden": "shenyang", "shumchun": "shenzhen", "szechwan": "sichuan", "szechuan": "sichuan",
        "kwangtung": "guangdong",
        "fukien": "fujian", "chekiang": "zhejiang", "kiangsu": "jiangsu", "hopeh": "hebei", "hupeh": "hubei",
        "shantung": "shandong", "chinghua": "qinghua", "tsinghua": "qinghua", "chunghua": "zhonghua",
        "chungkuo": "zhongguo",
    ]

    /// What a common word weighs against a distinctive word (1): "Huawei Technologies" is mostly "Huawei".
    static let commonWeight = 0.25

    /// The common word or legal form that `word` misspells ("technolgies" → "technology", "limitud" → "limited"),
    /// for words of 7+ letters that are neither themselves, with the same first letter; nil when there is none. A
    /// misspelt common word or legal form must not pass for a distinctive word.
    static func commonSpelling(of word: String) -> String? {
        let scalars = word.scalarValues
        guard scalars.count >= 7, let first = scalars.first else { return nil }
        var best: (word: String, similarity: Double)? = nil
        for (spelling, canonical) in commonSpellingsByInitial[first] ?? []
        where abs(spelling.count - scalars.count) <= 3 {
            let similarity = StringDistance.wordSimilarity(scalars, spelling)
            if similarity > best?.similarity ?? 0 { best = (canonical, similarity) }
        }
        return best?.word
    }

    /// Common words, their variants and legal forms, by first letter: (spelling, canonical word).
    private static let commonSpellingsByInitial: [UInt32: [([UInt32], String)]] = {
        var table: [UInt32: [([UInt32], String)]] = [:]
        let spellings =
            commonWords.map { ($0, $0) } + commonVariants.map { ($0.key, $0.value) } + legalForms.map { ($0, $0) }
        for (spelling, canonical) in spellings where spelling.count >= 6 {
            let scalars = spelling.scalarValues
            table[scalars[0], default: []].append((scalars, canonical))
        }
        return table
    }()
}
