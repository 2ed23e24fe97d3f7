/// One row of the US Consolidated Screening List (trade.gov), as read from its JSON or CSV export, before validation.
///
/// Field names follow the CSL API: `id, source, entity_number, type, name, alt_names, programs, title, addresses,
/// federal_register_notice, start_date, end_date, license_requirement, license_policy, remarks, source_list_url,
/// source_information_url` (shared/reference/export-controls.md, "Restricted-party screening").
struct CSLRecord {
    var id: String?
    var source: String?
    var entityNumber: String?
    var name: String?
    var altNames: [String] = []
    var countries: [String] = []
    var federalRegisterNotice: String?
    var startDate: String?
    var endDate: String?
    var licenseRequirement: String?
    var licensePolicy: String?
    var remarks: String?

    /// Where a record sits in its file, for error messages.
    struct Location {
        var origin: String
        var line: Int? = nil
        var record: Int? = nil
    }

    /// Validates the row and turns it into a party (evidence "P": the list itself is the primary source).
    ///
    /// - Throws: `ScreeningError` naming the field: a missing name or source, a date that is not on the calendar,
    ///   or a removal date before the listing date.
    func party(at location: Location) throws -> Party {
        let listedName = name?.trimmedOrNil
        func failure(_ field: String?, _ message: String) -> ScreeningError {
            ScreeningError(
                origin: location.origin, line: location.line, record: location.record,
                recordName: listedName.map { $0.count > 80 ? $0.prefix(80) + "…" : $0 }, field: field,
                message: message)
        }
        guard let listedName else { throw failure("name", "missing or empty; every listed party needs a name") }
        guard let list = source?.trimmedOrNil else {
            throw failure(
                "source", "missing or empty; give the list, e.g. 'Entity List (EL) - Bureau of Industry and Security'")
        }
        func day(_ text: String?, _ field: String) throws -> CalendarDay? {
            guard let text = text?.trimmedOrNil else { return nil }
            do {
                return try CalendarDay(CSLRecord.datePart(of: text))
            } catch let error as CalendarDayError {
                throw failure(field, error.description)
            }
        }
        let listedOn = try day(startDate, "start_date")
        let removedOn = try day(endDate, "end_date")
        if let listedOn, let removedOn, removedOn < listedOn {
            throw failure(
                "end_date",
                "\(removedOn) is before start_date \(listedOn); a party cannot leave a list before joining it")
        }
        var provenance = location.origin
        if let record = location.record { provenance += " record \(record)" }
        if let line = location.line { provenance += " line \(line)" }
        if let id = (entityNumber?.trimmedOrNil ?? id?.trimmedOrNil) { provenance += " (id \(id))" }
        var seen = Set<String>()
        let countries = countries.compactMap { $0.trimmedOrNil?.uppercased() }.filter { seen.insert($0).inserted }
        var seenAliases = Set<String>()
        let aliases = altNames.compactMap { $0.trimmedOrNil }.filter {
            $0 != listedName && seenAliases.insert($0).inserted
        }
        for country in countries where ImportLimits.exceeds(country, 100) {
            throw failure("addresses", ImportLimits.tooLong("a country", country, limit: 100))
        }
        let party = Party(
            name: listedName, altNames: aliases, countries: countries, list: list, listedOn: listedOn,
            removedOn: removedOn, federalRegisterNotice: federalRegisterNotice?.trimmedOrNil,
            licenseRequirement: licenseRequirement?.trimmedOrNil, licensePolicy: licensePolicy?.trimmedOrNil,
            evidence: "P", source: provenance, remarks: remarks?.trimmedOrNil)
        if let problem = ImportLimits.problem(in: party) { throw failure(problem.field, problem.message) }
        return party
    }

    /// "2019-05-16T00:00:00" → "2019-05-16"; other text is returned unchanged for `CalendarDay` to judge.
    static func datePart(of text: String) -> String {
        if let t = text.firstIndex(of: "T"), text.distance(from: text.startIndex, to: t) == 10 {
            return String(text[..<t])
        }
        return text
    }
}

extension String {
    /// The text without surrounding whitespace, or nil when nothing is left.
    var trimmedOrNil: String? {
        let trimmed = self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
