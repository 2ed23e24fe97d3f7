internal import CSV

/// The shared CSV reader's failures as import errors: a row's at `file:line`, a whole file's at `file`.
extension CSVReader {
    /// The reader of the file at `path`.
    static func importing(_ path: String) throws(ImportError) -> CSVReader {
        do { return try CSVReader(path: path) } catch { throw error.importError(in: path) }
    }

    func forEachRow(_ body: (Row) throws(ImportError) -> Bool) throws(ImportError) {
        do {
            try forEachRow { (row: Row) throws -> Bool in try body(row) }
        } catch let error as ImportError {
            throw error
        } catch let error as CSVFailure {
            throw error.importError(in: path)
        } catch {
            throw .file(path, "\(error)")
        }
    }

    /// The first byte after a BOM and white space (`{` or `[` means JSON).
    func firstByte() throws(ImportError) -> UInt8? {
        do { return try firstSignificantByte() } catch { throw error.importError(in: path) }
    }
}

extension CSVFailure {
    func importError(in path: String) -> ImportError {
        line.map { .row(path, $0, message) } ?? .file(path, message)
    }
}
