import CSV
import Testing

@Suite struct CSVWriterTests {
    /// By Unicode scalar: a quote or comma followed by a combining mark is one `Character` equal to neither, yet a
    /// CSV reader sees the quote or comma on its own.
    @Test func fieldsQuoteEveryScalar() {
        #expect(CSVWriter.field("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSVWriter.field("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
    }

    /// What the writer writes, the reader reads back field for field.
    @Test func readerReadsWhatTheWriterWrites() throws {
        let rows = [["a,b", "say \"hi\"", ""], ["line\r\nbreak", "é\u{301}", "plain"]]
        let text = CSVWriter.text(header: ["x", "y", "z"], rows: rows)
        #expect(text.hasPrefix("x,y,z\n\"a,b\",\"say \"\"hi\"\"\",\n"))
        var read: [[String]] = []
        try CSVReader(bytes: Array(text.utf8), name: "written.csv").forEachRow { row in
            read.append((0..<row.count).map(row.string))
            return true
        }
        #expect(read == [["x", "y", "z"]] + rows)
    }
}
