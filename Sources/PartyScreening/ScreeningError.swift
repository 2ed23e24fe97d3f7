/// A list that could not be imported: what was wrong, where (file:line or record, field), and what to do.
///
/// `description` reads like a compiler diagnostic, e.g.
/// "parties.csv:12: field 'start_date': '2023-13-01' is not a date on the calendar (13/1)" or
/// "csl.json: record 3 ('Acme'): field 'alt_names': expected a list of strings, found a string".
public struct ScreeningError: Error, CustomStringConvertible, Equatable {
    /// The file name (or other label) given as `origin` to the importer.
    public let origin: String
    /// The 1-based line where the offending CSV record (or JSON text) starts, when known.
    public let line: Int?
    /// The 1-based record number in the JSON `results` array, when known.
    public let record: Int?
    /// The listed name of that record, when it could be read (helps find the record in a large file).
    public let recordName: String?
    /// The CSL field (column) at fault, when one is.
    public let field: String?
    /// What was wrong and, where it helps, what to do.
    public let message: String

    public init(
        origin: String, line: Int? = nil, record: Int? = nil, recordName: String? = nil, field: String? = nil,
        message: String
    ) {
        self.origin = origin
        self.line = line
        self.record = record
        self.recordName = recordName
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = origin
        if let line { text += ":\(line)" }
        text += ":"
        if let record { text += " record \(record)" + (recordName.map { " ('\($0)')" } ?? "") + ":" }
        if let field { text += " field '\(field)':" }
        return text + " " + message
    }
}
