internal import CSV
import FoundationEssentials

/// Ownership edges read from a file, and what was skipped (with why) without failing the import.
public struct OwnershipImport: Sendable {
    public var edges: [OwnershipEdge] = []
    /// Listed parties a FollowTheMoney export describes (OpenSanctions: entities whose `topics` say sanctioned,
    /// export-controlled or debarred), for screening.
    public var parties: [Party] = []
    /// Edges left out, and why: an `Ownership` naming an entity the file does not describe, say.
    public var skipped: [String] = []
    public var format: String

    /// Reads a CSV (`owner,owned,percent,from,until,source[,evidence]`, columns in any order, a header row) or
    /// OpenSanctions FollowTheMoney JSON lines (`Ownership` entities with `owner`, `asset`, `percentage`,
    /// `startDate`, `endDate`, `sourceUrl`; the owners and assets named by entities in the same file), detected
    /// from the content. A bad row fails the whole file with `origin:line: what is wrong`.
    public static func read(_ bytes: [UInt8], origin: String) throws(OwnershipError) -> OwnershipImport {
        CSVReader.firstSignificantByte(of: bytes) == UInt8(ascii: "{")
            ? try followTheMoney(bytes, origin: origin) : try csv(bytes, origin: origin)
    }

    static func csv(_ bytes: [UInt8], origin: String) throws(OwnershipError) -> OwnershipImport {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(in: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw OwnershipError("\(origin):\(error.line ?? 1): \(error.message)")
        }
        guard let header = records.first else {
            throw OwnershipError("\(origin):1: empty file; expected the header owner,owned,percent,from,until,source")
        }
        let names = header.fields.map { ($0.trimmedOrNil ?? "").lowercased() }
        var column: [String: Int] = [:]
        for (index, name) in names.enumerated() { column[name] = index }
        for required in ["owner", "owned", "percent"] where column[required] == nil {
            throw OwnershipError(
                "\(origin):\(header.line): missing column '\(required)' (found: "
                    + "\(header.fields.joined(separator: ", "))); the header is owner,owned,percent,from,until,source")
        }
        var result = OwnershipImport(format: "ownership-csv")
        for record in records.dropFirst() {
            let at = "\(origin):\(record.line)"
            guard record.fields.count == header.fields.count else {
                throw OwnershipError("\(at): \(record.fields.count) fields, the header has \(header.fields.count)")
            }
            func field(_ name: String) -> String? {
                column[name].flatMap { record.fields[$0].trimmedOrNil }
            }
            let edge = OwnershipEdge(
                owner: field("owner") ?? "", owned: field("owned") ?? "",
                percent: try percent(field("percent"), at: at), from: try day(field("from"), "from", at: at),
                until: try day(field("until"), "until", at: at), source: field("source"),
                evidence: field("evidence")?.uppercased() ?? "U")
            if let problem = edge.problem() { throw OwnershipError("\(at): \(problem)") }
            result.edges.append(edge)
        }
        return result
    }

    /// "30", "30%", "30.5 %" → 30.5; empty → nil (a stake of unknown size).
    static func percent(_ text: String?, at: String) throws(OwnershipError) -> Double? {
        guard var text else { return nil }
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmedOrNil ?? "" }
        guard let value = Double(text), value.isFinite else {
            throw OwnershipError("\(at): percent '\(text.prefix(40))' is not a number (write 30 or 30%)")
        }
        guard value > 0, value <= 100 else { throw OwnershipError("\(at): percent \(text) is not in (0, 100]") }
        return value
    }

    static func day(_ text: String?, _ field: String, at: String) throws(OwnershipError) -> CalendarDay? {
        guard let text else { return nil }
        do { return try CalendarDay(String(text.prefix(10))) } catch {
            throw OwnershipError("\(at): \(field) '\(text.prefix(40))' is not a date (\(error))")
        }
    }

    // MARK: FollowTheMoney

    struct Entity: Decodable {
        var id: String
        var schema: String
        var properties: [String: [Value]]
        /// OpenSanctions' source data sets (`us_bis_denied`, `us_trade_csl`, …).
        var datasets: [String]?
    }

    /// OpenSanctions topics that put an entity on a restricted-party list.
    static let listedTopics: Set<String> = [
        "sanction", "sanction.linked", "export.control", "export.risk", "debarment",
    ]

    /// A party for screening, when `entity` is a company or person with a listing topic.
    static func party(_ entity: Entity, origin: String, line: Int) throws(OwnershipError) -> Party? {
        guard partySchemas.contains(entity.schema), let name = entity.properties["name"]?.first?.text else {
            return nil
        }
        let topics = (entity.properties["topics"] ?? []).compactMap(\.text)
        guard topics.contains(where: listedTopics.contains) else { return nil }
        let texts = { (key: String) in (entity.properties[key] ?? []).compactMap(\.text) }
        let names = texts("name")
        let countries = (texts("country") + texts("jurisdiction")).map { $0.uppercased() }.filter { $0.count == 2 }
        let datasets = entity.datasets ?? []
        let party = Party(
            name: name, altNames: Array(names.dropFirst()) + texts("alias") + texts("weakAlias"),
            countries: Array(Set(countries)).sorted(),
            list: "OpenSanctions" + (datasets.isEmpty ? "" : " (\(datasets.joined(separator: ", ")))"), evidence: "S",
            source: "\(origin): \(entity.id)",
            remarks:
                "topics: \(topics.joined(separator: ", ")); the export states no listing date, so the party counts as "
                + "listed on every date")
        if let problem = ImportLimits.problem(in: party) {
            throw OwnershipError("\(origin):\(line): \(entity.schema) \(entity.id.prefix(80)): \(problem.message)")
        }
        return party
    }

    enum Value: Decodable {
        case text(String)
        case entity(Entity)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let entity = try? container.decode(Entity.self) {
                self = .entity(entity)
            } else {
                self = .other
            }
        }

        var text: String? { if case .text(let text) = self { text } else { nil } }
        var id: String? {
            switch self {
            case .text(let text): text
            case .entity(let entity): entity.id
            case .other: nil
            }
        }
    }

    static let partySchemas: Set<String> = ["Company", "Organization", "LegalEntity", "Person", "PublicBody"]

    static func followTheMoney(_ bytes: [UInt8], origin: String) throws(OwnershipError) -> OwnershipImport {
        var names: [String: String] = [:]
        var stakes: [(line: Int, entity: Entity)] = []
        var listed: [Party] = []
        let decoder = JSONDecoder()
        func remember(_ entity: Entity) {
            if partySchemas.contains(entity.schema), let name = entity.properties["name"]?.first?.text {
                names[entity.id] = name
            }
            for values in entity.properties.values {
                for case .entity(let nested) in values { remember(nested) }
            }
        }
        for (offset, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            let entity: Entity
            do { entity = try decoder.decode(Entity.self, from: Data(line)) } catch {
                throw OwnershipError(
                    "\(origin):\(offset + 1): not a FollowTheMoney entity (a JSON object with id, "
                        + "schema and properties per line)")
            }
            remember(entity)
            if entity.schema == "Ownership" { stakes.append((offset + 1, entity)) }
            if let party = try party(entity, origin: origin, line: offset + 1) { listed.append(party) }
        }
        var result = OwnershipImport(format: "followthemoney")
        result.parties = listed
        for (line, stake) in stakes {
            let at = "\(origin):\(line)"
            let properties = stake.properties
            guard let ownerID = properties["owner"]?.first?.id, let assetID = properties["asset"]?.first?.id else {
                throw OwnershipError("\(at): Ownership \(stake.id.prefix(80)) has no owner or no asset")
            }
            guard let owner = names[ownerID], let owned = names[assetID] else {
                let missing = [ownerID, assetID].filter { names[$0] == nil }
                result.skipped.append(
                    "\(at): Ownership \(stake.id.prefix(80)) names \(missing.map { String($0.prefix(80)) }.joined(separator: " and ")), "
                        + "which this file does not describe (add the entity's line, or the edge as CSV)")
                continue
            }
            let edge = OwnershipEdge(
                owner: owner, owned: owned, percent: try percent(properties["percentage"]?.first?.text, at: at),
                from: try day(properties["startDate"]?.first?.text, "startDate", at: at),
                until: try day(properties["endDate"]?.first?.text, "endDate", at: at),
                source: properties["sourceUrl"]?.first?.text ?? "OpenSanctions \(stake.id.prefix(80))", evidence: "S")
            if let problem = edge.problem() { throw OwnershipError("\(at): \(problem)") }
            result.edges.append(edge)
        }
        return result
    }
}
