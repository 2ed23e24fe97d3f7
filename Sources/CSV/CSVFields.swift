#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// What a CSV reader hands out and how a row splits into fields: shared by the streaming reader (`CSVReader`), the
/// market importer's parallel parser, which splits rows it found itself, and `CSVReader.records(in:)`.
///
/// RFC 4180: fields are separated by commas and records by LF or CRLF; a field that starts with a double quote may
/// hold commas, line breaks and doubled quotes (`""` for `"`) and must end at its closing quote; a quote inside an
/// unquoted field is text.
/// (Public, not `package`, only so that its accessors inline into the market importer's row loop: this toolchain does
/// not inline `@inlinable package` members across modules. The target is no product, so nothing outside sees it.)
public struct CSVRow {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let starts: UnsafeBufferPointer<Int>
    @usableFromInline let ends: UnsafeBufferPointer<Int>
    /// The physical line (1-based) where the row starts.
    public let line: Int

    @inlinable
    public init(
        base: UnsafeMutableRawPointer, starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>,
        line: Int
    ) {
        self.base = base
        self.starts = starts
        self.ends = ends
        self.line = line
    }

    @inlinable @inline(__always) public var count: Int { starts.count }

    /// The field's bytes (valid while the row is).
    @inlinable @inline(__always)
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
    }

    @inlinable
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// The field as text for an error message (shortened when long).
    package func excerpt(_ index: Int) -> String {
        let bytes = self[index]
        if bytes.count <= 40 { return string(index) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<40]), as: UTF8.self)
            + "… (\(bytes.count) bytes)"
    }
}

/// A syntax error in a CSV file, or a file that cannot be read: the line where the bad row starts (nil for the whole
/// file) and what is wrong.
package struct CSVFailure: Error, Equatable {
    package var line: Int?
    package var message: String

    package init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    static func unexpected(_ byte: UInt8, line: Int) -> CSVFailure {
        CSVFailure(
            line: line, "unexpected '\(Unicode.Scalar(byte))' after a closing quote (inside quotes, write \"\" for \")")
    }

    static func unclosed(line: Int) -> CSVFailure {
        CSVFailure(line: line, "a quoted field is not closed (a closing \" is missing before the end of the file)")
    }
}

extension CSVReader {
    /// Splits `bytes[start, end)` at commas outside quotes into field bounds; quoted fields are unescaped in place.
    /// Returns the offset of a byte that follows a closing quote where only a comma may (`"a"x,`), or nil.
    package static func splitFields(
        _ bytes: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int,
        _ starts: inout [Int], _ ends: inout [Int]
    ) -> Int? {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var i = start
        while true {
            if i < end, bytes[i] == 34 {
                // Quoted: copy unescaped content left over itself.
                var read = i + 1
                var write = i
                while read < end {
                    if bytes[read] == 34 {
                        if read + 1 < end, bytes[read + 1] == 34 {
                            bytes[write] = 34
                            write += 1
                            read += 2
                            continue
                        }
                        read += 1
                        break
                    }
                    bytes[write] = bytes[read]
                    write += 1
                    read += 1
                }
                starts.append(i)
                ends.append(write)
                if read >= end { return nil }
                guard bytes[read] == 44 else { return read }
                i = read + 1
            } else {
                let remaining = end - i
                let comma = remaining > 0 ? memchr(bytes + i, 44, remaining) : nil
                let fieldEnd = comma.map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes) } ?? end
                starts.append(i)
                ends.append(fieldEnd)
                if comma == nil { return nil }
                i = fieldEnd + 1
            }
        }
    }

    /// The message for a byte after a closing quote that `splitFields` found (for callers that split rows).
    package static func unexpectedAfterQuote(_ byte: UInt8) -> String { CSVFailure.unexpected(byte, line: 0).message }

    /// One record of `records(in:)`: the line it starts on and its fields.
    package struct Record: Equatable {
        package var line: Int
        package var fields: [String]

        package init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The records of CSV text held in memory (a downloaded list); blank lines are skipped.
    package static func records(in text: String) throws(CSVFailure) -> [Record] {
        let reader = CSVReader(bytes: Array(text.utf8), name: "")
        var records: [Record] = []
        do {
            try reader.forEachRow { row in
                if row.count > 1 || !row[0].isEmpty {
                    records.append(Record(line: row.line, fields: (0..<row.count).map { row.string($0) }))
                }
                return true
            }
        } catch let error as CSVFailure {
            throw error
        } catch {
            throw CSVFailure(line: nil, "\(error)")  // (the body above throws nothing else)
        }
        return records
    }
}
