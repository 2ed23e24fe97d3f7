internal import CSV

/// The CSL CSV export: a header row naming the same fields as the JSON API, one party per record.
extension PartyList {
    /// Reads parties from a US Consolidated Screening List CSV download.
    ///
    /// Columns are found by header name (case-insensitive, in any order; `_id` is read as `id`); only `name` and
    /// `source` are required. Multi-valued columns (`alt_names`, `addresses`) are separated by ';'. The country of an
    /// address is its last comma-separated part when that is a two-letter code ("..., Shenzhen, CN"); a `country`
    /// or `countries` column, if present, is used as well.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - origin: the file name, used in error messages and in each party's `source`.
    /// - Throws: `ScreeningError` with the line of the record at fault and, for bad values, the column name.
    public static func parseCSL(csv text: String, origin: String) throws -> [Party] {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(in: text)
        } catch {
            throw ScreeningError(origin: origin, line: error.line ?? 1, message: error.message)
        }
        guard let header = records.first else {
            throw ScreeningError(
                origin: origin, line: 1, message: "empty file; expected a header row with 'name' and 'source'")
        }
        let columns = CSLColumns(header: header.fields)
        for required in ["name", "source"] where columns.index[required] == nil {
            throw ScreeningError(
                origin: origin, line: header.line,
                message: "missing column '\(required)' in the header (found: \(header.fields.joined(separator: ", ")))")
        }
        var parties: [Party] = []
        parties.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw ScreeningError(
                    origin: origin, line: record.line,
                    message: "record has \(record.fields.count) fields, the header has \(header.fields.count) "
                        + "(quote fields that contain commas)")
            }
            let location = CSLRecord.Location(origin: origin, line: record.line)
            // Before any splitting or matching work: every field is bounded (addresses are not kept whole).
            for (position, field) in record.fields.enumerated()
            where ImportLimits.exceeds(field, ImportLimits.longestText) {
                let column = header.fields[position].trimmedOrNil ?? "column \(position + 1)"
                throw ScreeningError(
                    origin: origin, line: record.line, field: column,
                    message: ImportLimits.tooLong(
                        column, field,
                        limit: column.lowercased() == "name" ? ImportLimits.longestName : ImportLimits.longestText))
            }
            parties.append(try columns.record(from: record.fields).party(at: location))
        }
        return parties
    }
}

/// Which column holds which CSL field.
struct CSLColumns {
    var index: [String: Int] = [:]

    init(header: [String]) {
        for (position, title) in header.enumerated() {
            var key = title.trimmedOrNil?.lowercased() ?? ""
            if key == "_id" { key = "id" }
            if index[key] == nil { index[key] = position }
        }
    }

    func record(from fields: [String]) -> CSLRecord {
        func value(_ key: String) -> String? { index[key].flatMap { fields[$0].trimmedOrNil } }
        func list(_ key: String) -> [String] {
            value(key)?.split(separator: ";").compactMap { String($0).trimmedOrNil } ?? []
        }
        var record = CSLRecord()
        record.id = value("id")
        record.source = value("source")
        record.entityNumber = value("entity_number")
        record.name = value("name")
        record.altNames = list("alt_names")
        record.federalRegisterNotice = value("federal_register_notice")
        record.startDate = value("start_date")
        record.endDate = value("end_date")
        record.licenseRequirement = value("license_requirement")
        record.licensePolicy = value("license_policy")
        record.remarks = value("remarks")
        var countries = list("country") + list("countries")
        for address in list("addresses") {
            guard let last = address.split(separator: ",").last.flatMap({ String($0).trimmedOrNil }) else { continue }
            if last.count == 2, last.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) })
            {
                countries.append(last.uppercased())
            }
        }
        record.countries = countries
        return record
    }
}
