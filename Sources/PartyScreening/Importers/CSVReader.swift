/// Comma-separated values as RFC 4180 defines them: fields separated by commas, records by CRLF or LF; a field in
/// double quotes may hold commas, line breaks and doubled quotes (`""` for `"`). A leading UTF-8 byte-order mark
/// is skipped. Unquoted fields are taken literally (a stray quote inside one is kept as text).
struct CSVReader {
    /// One record with the 1-based line on which it starts.
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    /// A syntax error: the line where the bad record starts, and what is wrong.
    struct Failure: Error, Equatable {
        var line: Int
        var message: String
    }

    /// Splits `text` into records; blank lines between records are skipped.
    static func records(in text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [Unicode.Scalar] = []
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var atFieldStart = true
        var recordHasContent = false

        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return scalars.next()
        }
        func endField() {
            fields.append(String(String.UnicodeScalarView(field)))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
        }
        func endRecord() {
            endField()
            if recordHasContent || fields.count > 1 { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        if let first = scalars.next(), first != "\u{FEFF}" { pending = first }
        while let scalar = next() {
            switch scalar {
            case "\"" where atFieldStart:
                let quoteLine = line
                atFieldStart = false
                recordHasContent = true
                quoted: while true {
                    guard let inner = next() else {
                        throw Failure(line: quoteLine, message: "unterminated quoted field (a closing \" is missing)")
                    }
                    switch inner {
                    case "\"":
                        guard let after = next() else { break quoted }
                        if after == "\"" {
                            field.append("\"")
                        } else {
                            pending = after
                            break quoted
                        }
                    case "\n":
                        line += 1
                        field.append(inner)
                    default:
                        field.append(inner)
                    }
                }
                if let after = next() {
                    guard after == "," || after == "\n" || after == "\r" else {
                        throw Failure(
                            line: line,
                            message: "unexpected '\(after)' after a closing quote (inside quotes, write \"\" for \")")
                    }
                    pending = after
                }
            case ",":
                recordHasContent = true
                endField()
            case "\r":
                if let after = next(), after != "\n" { pending = after }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                atFieldStart = false
                recordHasContent = true
                field.append(scalar)
            }
        }
        if recordHasContent || !fields.isEmpty { endRecord() }
        return records
    }
}
