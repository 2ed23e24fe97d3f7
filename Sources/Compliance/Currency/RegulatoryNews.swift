internal import FoundationEssentials
public import PartyScreening

/// One document an agency published in the Federal Register (a rule, a proposed rule, a notice), as the Federal
/// Register's public documents API describes it (`https://www.federalregister.gov/developers/documentation/api/v1`:
/// `document_number`, `type`, `title`, `citation`, `publication_date`, `html_url`).
public struct RegulatoryDocument: Sendable, Equatable, Codable {
    public var documentNumber: String
    /// "Rule", "Proposed Rule", "Notice", "Presidential Document".
    public var type: String
    public var title: String
    /// "90 FR 12345"; nil until the Federal Register assigns one.
    public var citation: String?
    public var publicationDate: CalendarDay
    /// The document's page on federalregister.gov (an http(s) URL; empty when the answer gave none that is safe).
    public var htmlURL: String

    enum CodingKeys: String, CodingKey {
        case documentNumber = "document_number", type, title, citation, publicationDate = "publication_date"
        case htmlURL = "html_url"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        documentNumber = try c.decode(String.self, forKey: .documentNumber)
        type = try c.decode(String.self, forKey: .type)
        title = try c.decode(String.self, forKey: .title)
        citation = try c.decodeIfPresent(String.self, forKey: .citation)
        let day = try c.decode(String.self, forKey: .publicationDate)
        do { publicationDate = try CalendarDay(day) } catch {
            // (Thrown as a decoding error, so the message names the document and field.)
            throw DecodingError.dataCorruptedError(forKey: .publicationDate, in: c, debugDescription: "\(error)")
        }
        htmlURL = try c.decode(String.self, forKey: .htmlURL)
    }

    public init(
        documentNumber: String, type: String, title: String, citation: String?, publicationDate: CalendarDay,
        htmlURL: String
    ) {
        self.documentNumber = documentNumber
        self.type = type
        self.title = title
        self.citation = citation
        self.publicationDate = publicationDate
        self.htmlURL = htmlURL
    }
}

/// What BIS has published in the Federal Register since a date (`aikit compliance news`): kept in the store as a
/// data set of its own, so that every later answer past the rules' as-of date can say how many documents the rules
/// do not know yet.
public struct RegulatoryNews: Sendable, Equatable, Codable {
    /// The key that marks a stored news data set (`ComplianceEngine.dataSetKind(of:)`).
    public static let marker = "federal_register_documents"

    /// The Federal Register's agency slug ("industry-and-security-bureau").
    public var agency: String
    /// Documents published on or after this day were asked for.
    public var since: CalendarDay
    /// The day the list was fetched: the news data set's as-of date.
    public var fetchedOn: CalendarDay
    /// Oldest first.
    public var documents: [RegulatoryDocument]

    enum CodingKeys: String, CodingKey {
        case documents = "federal_register_documents", agency, since, fetchedOn = "fetched_on"
    }

    public init(agency: String, since: CalendarDay, fetchedOn: CalendarDay, documents: [RegulatoryDocument]) {
        self.agency = agency
        self.since = since
        self.fetchedOn = fetchedOn
        self.documents = documents
    }

    /// The news as stored (JSON, documents under `federal_register_documents`).
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// News stored by `encoded()`.
    public static func decode(_ bytes: [UInt8], origin: String) throws -> RegulatoryNews {
        do {
            var news = try JSONDecoder().decode(RegulatoryNews.self, from: Data(bytes))
            news.documents = news.documents.map(\.cleaned)
            return news
        } catch {
            throw ComplianceError("\(origin): not a stored news list (\(Self.describe(error)))")
        }
    }

    /// One page of the Federal Register's documents search (`/api/v1/documents.json`): its documents, the next
    /// page's URL, and the total the search found.
    ///
    /// - Throws: `ComplianceError` naming the page and, for a document of the wrong shape, its position, number and
    ///   field.
    public static func page(_ bytes: [UInt8], origin: String) throws -> FederalRegisterPage {
        let page: FederalRegisterPage
        do {
            page = try JSONDecoder().decode(FederalRegisterPage.self, from: Data(bytes))
        } catch {
            throw ComplianceError(
                "\(origin): not a Federal Register documents answer (\(Self.describe(error))); the API's shape may "
                    + "have changed, or the base URL (AIKIT_FEDERALREGISTER_BASE_URL) is not the Federal Register")
        }
        return page
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let names = context.codingPath.map { $0.intValue.map { "#\($0 + 1)" } ?? $0.stringValue }
            return names.isEmpty ? "the top level" : names.joined(separator: ".")
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context)): \(context.debugDescription.prefix(120))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON" : "bad value at \(path(context)): \(context.debugDescription.prefix(120))"
        @unknown default:
            return "\(decoding)"
        }
    }
}

/// One page of `/api/v1/documents.json`: `{"count", "total_pages", "next_page_url", "results": [...]}` (no
/// `results` when nothing matched).
public struct FederalRegisterPage: Sendable, Decodable {
    public var count: Int
    public var nextPageURL: String?
    public var documents: [RegulatoryDocument]

    enum CodingKeys: String, CodingKey {
        case count, nextPageURL = "next_page_url", results
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        nextPageURL = try c.decodeIfPresent(String.self, forKey: .nextPageURL)
        documents = (try c.decodeIfPresent([RegulatoryDocument].self, forKey: .results) ?? []).map(\.cleaned)
    }
}

extension RegulatoryDocument {
    /// The document with its text made safe to show: control and bidirectional-override characters dropped, runs
    /// of white space made one space, each field capped, and a link kept only if it is a plain http(s) URL.
    var cleaned: RegulatoryDocument {
        var copy = self
        copy.documentNumber = Self.plain(documentNumber, limit: 40)
        copy.type = Self.plain(type, limit: 40)
        copy.title = Self.plain(title, limit: 400)
        copy.citation = citation.map { Self.plain($0, limit: 40) }.flatMap { $0.isEmpty ? nil : $0 }
        copy.htmlURL = Self.safeLink(htmlURL)
        return copy
    }

    static func plain(_ text: String, limit: Int) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            // Other control characters (ESC of a terminal escape, BEL) are dropped.
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
            // Bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9) reorder a terminal line.
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                || scalar.properties.generalCategory == .format
            {
                continue
            }
            if space {
                out.unicodeScalars.append(" ")
                space = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out.count > limit ? String(out.prefix(limit - 1)) + "…" : out
    }

    static func safeLink(_ text: String) -> String {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.utf8.count <= 500,
            text.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "<" && $0 != ">"
            })
        else { return "" }
        return text
    }
}
