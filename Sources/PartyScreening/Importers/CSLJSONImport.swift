internal import CSV
import FoundationEssentials

/// The CSL JSON export: `{"results": [ {...}, ... ]}` (a bare array of results is accepted too).
extension PartyList {
    /// Reads parties from a CSL export, JSON or CSV, told apart by the content.
    public static func parseCSL(_ bytes: [UInt8], origin: String) throws -> [Party] {
        let first = CSVReader.firstSignificantByte(of: bytes)
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return try parseCSL(json: bytes, origin: origin) }
        return try parseCSL(csv: String(decoding: bytes, as: UTF8.self), origin: origin)
    }

    /// Reads parties from a US Consolidated Screening List JSON download.
    ///
    /// Each result needs `name` and `source`; `alt_names`, `addresses[].country`, `start_date`, `end_date`,
    /// `federal_register_notice`, `license_requirement`, `license_policy` and `remarks` are kept; other fields
    /// are ignored. Empty strings and nulls count as absent.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents (UTF-8).
    ///   - origin: the file name, used in error messages and in each party's `source`.
    /// - Throws: `ScreeningError` with the line and column of a JSON syntax error, or the record number (1-based)
    ///   and field of a record that has the wrong type or an impossible date.
    public static func parseCSL(json bytes: [UInt8], origin: String) throws -> [Party] {
        let records: [CSLJSONRecord]
        do {
            records = try JSONDecoder().decode(CSLJSONFile.self, from: Data(bytes)).results
        } catch let error as DecodingError {
            throw CSLJSONFile.explain(error, bytes: bytes, origin: origin)
        }
        var parties: [Party] = []
        parties.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let location = CSLRecord.Location(origin: origin, record: index + 1)
            if let problem = record.problem {
                throw ScreeningError(
                    origin: origin, record: index + 1, recordName: record.fields.name?.trimmedOrNil,
                    field: problem.field, message: problem.message)
            }
            parties.append(try record.fields.party(at: location))
        }
        return parties
    }
}

/// The top level of a CSL JSON file.
struct CSLJSONFile: Decodable {
    var results: [CSLJSONRecord]

    private enum Key: String, CodingKey { case results }

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var results: [CSLJSONRecord] = []
            while !list.isAtEnd { results.append(try list.decode(CSLJSONRecord.self)) }
            self.results = results
        } else {
            results = try decoder.container(keyedBy: Key.self).decode([CSLJSONRecord].self, forKey: .results)
        }
    }

    /// Turns a decoder error into one that names the place: line:column for syntax, record and field for shape.
    static func explain(_ error: DecodingError, bytes: [UInt8], origin: String) -> ScreeningError {
        if let syntax = JSONSyntaxLocator.firstError(in: bytes) {
            return ScreeningError(
                origin: "\(origin):\(syntax.line):\(syntax.column)", message: "not valid JSON: \(syntax.message)")
        }
        let context: DecodingError.Context
        var message: String
        switch error {
        case .keyNotFound(let key, let c):
            context = c
            message = "missing key '\(key.stringValue)'"
        case .typeMismatch(let type, let c):
            context = c
            message = "expected \(CSLJSONFile.describe(type)): \(c.debugDescription)"
        case .valueNotFound(let type, let c):
            context = c
            message = "expected \(CSLJSONFile.describe(type)), found null"
        case .dataCorrupted(let c):
            context = c
            message = c.debugDescription
        @unknown default:
            return ScreeningError(origin: origin, message: "\(error)")
        }
        let path = context.codingPath
        guard let recordIndex = path.lazy.compactMap(\.intValue).first else {
            if path.isEmpty || path.first?.stringValue == "results" {
                message =
                    "expected the CSL JSON shape {\"results\": [ {\"name\": ..., \"source\": ...}, ... ]}; \(message)"
            }
            return ScreeningError(origin: origin, message: message)
        }
        let field = path.dropFirst(path.first?.intValue == nil ? 2 : 1).map {
            $0.intValue.map(String.init) ?? $0.stringValue
        }
        return ScreeningError(
            origin: origin, record: recordIndex + 1, field: field.isEmpty ? nil : field.joined(separator: "."),
            message: field.isEmpty ? "expected an object with 'name' and 'source'" : message)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is [String].Type, is [Any].Type: "a list"
        default: "\(type)"
        }
    }
}

/// One result, decoded leniently: a field of the wrong type is remembered (to be reported with the record's name)
/// instead of aborting the whole decode.
struct CSLJSONRecord: Decodable {
    var fields = CSLRecord()
    var problem: (field: String, message: String)?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Address: Decodable { var country: String? }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        fields.name = text("name", in: container)
        fields.id = text("id", in: container, numbersAsText: true)
        fields.source = text("source", in: container)
        fields.entityNumber = text("entity_number", in: container, numbersAsText: true)
        fields.federalRegisterNotice = text("federal_register_notice", in: container)
        fields.startDate = text("start_date", in: container)
        fields.endDate = text("end_date", in: container)
        fields.licenseRequirement = text("license_requirement", in: container)
        fields.licensePolicy = text("license_policy", in: container)
        fields.remarks = text("remarks", in: container)
        fields.altNames = strings("alt_names", in: container)
        do {
            let addresses = try container.decodeIfPresent([Address?].self, forKey: Key("addresses")) ?? []
            fields.countries = addresses.compactMap { $0?.country }
        } catch {
            note("addresses", "expected a list of objects with 'country'")
        }
    }

    private mutating func note(_ field: String, _ message: String) {
        if problem == nil { problem = (field, message) }
    }

    /// A string field; with `numbersAsText`, a number is taken as its text (ids are sometimes numeric).
    private mutating func text(
        _ key: String, in container: KeyedDecodingContainer<Key>, numbersAsText: Bool = false
    ) -> String? {
        let codingKey = Key(key)
        guard container.contains(codingKey), (try? container.decodeNil(forKey: codingKey)) == false else { return nil }
        if let value = try? container.decode(String.self, forKey: codingKey) { return value }
        if numbersAsText, let value = try? container.decode(Int.self, forKey: codingKey) { return String(value) }
        note(key, "expected a string")
        return nil
    }

    /// A list of strings (a single string is accepted as a one-element list).
    private mutating func strings(_ key: String, in container: KeyedDecodingContainer<Key>) -> [String] {
        let codingKey = Key(key)
        guard container.contains(codingKey), (try? container.decodeNil(forKey: codingKey)) == false else { return [] }
        if let values = try? container.decode([String?].self, forKey: codingKey) { return values.compactMap { $0 } }
        if let value = try? container.decode(String.self, forKey: codingKey) { return [value] }
        note(key, "expected a list of strings")
        return []
    }
}
