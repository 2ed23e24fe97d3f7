import Foundation
import Testing

@testable import CSV

/// RFC 4180 details of the one CSV reader, in memory and streaming from a file.
@Suite struct CSVReaderTests {
    @Test func quotesCommasAndLineBreaks() throws {
        let records = try CSVReader.records(in: "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,x\n")
        #expect(
            records == [
                CSVReader.Record(line: 1, fields: ["a", "b,c", "say \"hi\""]),
                CSVReader.Record(line: 2, fields: ["multi\nline", "", "x"]),
            ])
    }

    @Test func aFinalRecordNeedsNoLineBreakAndBlankLinesAreSkipped() throws {
        let records = try CSVReader.records(in: "a,b\n\n\nc,d")
        #expect(records.map(\.line) == [1, 4])
        #expect(records.last?.fields == ["c", "d"])
    }

    @Test func strayQuotesInsideUnquotedFieldsAreText() throws {
        #expect(try CSVReader.records(in: "Acme \"Best\" Co,1").first?.fields == ["Acme \"Best\" Co", "1"])
        // An odd number of them does not swallow the next lines as one quoted field.
        #expect(try CSVReader.records(in: "a 5\" disk,1\nb,2\n").map(\.fields) == [["a 5\" disk", "1"], ["b", "2"]])
    }

    @Test func aByteOrderMarkIsSkippedEvenBeforeAQuote() throws {
        #expect(try CSVReader.records(in: "\u{FEFF}\"a,b\",c\n").first?.fields == ["a,b", "c"])
    }

    @Test func syntaxErrorsNameTheLineOfTheRow() {
        #expect(throws: CSVFailure(line: 2, "unexpected 'x' after a closing quote (inside quotes, write \"\" for \")"))
        {
            try CSVReader.records(in: "a,b\n\"A\"x,L\n")
        }
        #expect(
            throws: CSVFailure(
                line: 3, "a quoted field is not closed (a closing \" is missing before the end of the file)")
        ) {
            try CSVReader.records(in: "a,b\nc,d\n\"Unclosed,L\nB,L\n")
        }
    }

    @Test func aFileStreamsInBlocksWithTheSameRows() throws {
        let path = NSTemporaryDirectory() + "aikit-csv-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Rows long enough to cross the 4 MiB block boundary several times, one with a quoted line break.
        var text = "id,text\n"
        for index in 0..<60_000 { text += "\(index),\"row \(index)\nsecond line, with a comma\"\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: path)
        var count = 0
        var lastLine = 0
        try reader.forEachRow { row in
            if count > 0 {
                guard row.string(1) == "row \(count - 1)\nsecond line, with a comma" else {
                    throw CSVFailure(line: row.line, "wrong field \(row.string(1))")
                }
            }
            lastLine = row.line
            count += 1
            return true
        }
        #expect(count == 60_001)
        #expect(lastLine == 2 * 60_000)
    }
}
