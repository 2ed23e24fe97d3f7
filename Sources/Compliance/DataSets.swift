internal import FoundationEssentials
public import PartyScreening

/// A body of compliance facts the engine answers from: aikit's bundled rules and party sample, or a rule pack, a
/// screening-list export or an ownership file loaded later, each with its own as-of date (the second time axis:
/// what was known when, beside what was in force when).
public struct DataSetInfo: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case rules, parties, ownership
        /// What an agency published in the Federal Register since a date (`RegulatoryNews`).
        case news
    }

    public var name: String
    public var kind: Kind
    /// The date the data set describes the world as of (a rule pack's `as_of`, or what the loader said); nil when
    /// nobody said.
    public var asOf: CalendarDay?
    /// Where it came from (a file name, "aikit").
    public var source: String
    /// Rules, parties or ownership stakes it holds.
    public var records: Int
    /// For news: the publication dates of the documents it lists (answers count those after the rules' as-of).
    public var documentDates: [CalendarDay] = []

    public init(name: String, kind: Kind, asOf: CalendarDay?, source: String, records: Int) {
        self.name = name
        self.kind = kind
        self.asOf = asOf
        self.source = source
        self.records = records
    }

    /// "rules 'aikit rules' as of 2026-02-03 (58 records, aikit)".
    public var description: String {
        "\(kind.rawValue) '\(name)' as of \(asOf?.description ?? "an unstated date") (\(records) records, \(source))"
    }
}

extension ComplianceEngine {
    /// The data sets aikit ships: its rules and its restricted-party sample.
    public static var bundledDataSets: [DataSetInfo] {
        [
            DataSetInfo(
                name: "aikit rules", kind: .rules, asOf: RuleBook.bundled.asOf, source: "aikit",
                records: RuleBook.bundled.rules.count),
            DataSetInfo(
                name: "aikit party sample", kind: .parties, asOf: nil, source: "aikit",
                records: PartyList.bundled.parties.count),
        ]
    }

    /// Which kind of data set `bytes` hold: stored news (`{"federal_register_documents": […]}`), a rule pack
    /// (`{"rules": […]}`), a Consolidated Screening List export
    /// (JSON or CSV), or ownership (CSV with `owner` and `owned` columns, or FollowTheMoney JSON lines such as an
    /// OpenSanctions export, whose listed companies and people join the party lists too).
    public static func dataSetKind(of bytes: [UInt8]) -> DataSetInfo.Kind {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("{") {
            if text.contains("\"\(RegulatoryNews.marker)\""), !text.contains("\"rules\"") { return .news }
            let firstLine = trimmed.prefix { $0 != "\n" }
            if firstLine.contains("\"schema\"") && !firstLine.contains("\"rules\"") { return .ownership }
            if text.contains("\"rules\"") { return .rules }
            return .parties
        }
        if trimmed.hasPrefix("[") { return .parties }
        let header = trimmed.prefix { $0 != "\n" && $0 != "\r" }.lowercased()
            .split(separator: ",").map { String($0.filter { !$0.isWhitespace && $0 != "\"" }) }
        return header.contains("owner") && header.contains("owned") ? .ownership : .parties
    }

    /// Loads a data set into the engine: a rule pack's rules replace or join the rules (its `as_of` is the data
    /// set's unless `asOf` is given), parties join the lists, stakes join the ownership graph. Nothing changes when
    /// the file is bad.
    public mutating func load(_ bytes: [UInt8], name: String, source: String, asOf: CalendarDay? = nil) throws
        -> DataSetInfo
    {
        let kind = Self.dataSetKind(of: bytes)
        var info = DataSetInfo(name: name, kind: kind, asOf: asOf, source: source, records: 0)
        switch kind {
        case .rules:
            struct Header: Decodable {
                let asOf: CalendarDay?
                let rules: [Rule]
                enum CodingKeys: String, CodingKey { case asOf = "as_of", rules }
            }
            var book = rules
            try book.add(json: bytes, origin: source, addedBy: .script)
            let header = try? JSONDecoder().decode(Header.self, from: Data(bytes))
            info.asOf = asOf ?? header?.asOf
            info.records = header?.rules.count ?? 0
            rules = book
        case .parties:
            let list = try PartyList.parseCSL(bytes, origin: source)
            parties.add(list)
            info.records = list.count
        case .ownership:
            // (A FollowTheMoney export, OpenSanctions' say, may hold listed parties beside its stakes: both are taken.)
            let read = try OwnershipImport.read(bytes, origin: source)
            try parties.ownership.add(contentsOf: read.edges)
            if !read.parties.isEmpty { parties.add(read.parties) }
            info.records = read.edges.count + read.parties.count
        case .news:
            let news = try RegulatoryNews.decode(bytes, origin: source)
            info.asOf = asOf ?? news.fetchedOn
            info.records = news.documents.count
            info.documentDates = news.documents.map(\.publicationDate)
        }
        // The same data set again (a cell run twice) is listed once: rules replace by id, and parties and stakes
        // already known are not added twice.
        if let same = dataSets.firstIndex(where: { $0.name == name && $0.kind == kind && $0.source == source }) {
            dataSets[same] = info
        } else {
            dataSets.append(info)
        }
        return info
    }
}
