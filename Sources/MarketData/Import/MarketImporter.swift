internal import CSV
internal import FoundationEssentials
internal import Frames

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports files into a store in one atomic write: Yahoo/Stooq/long CSV, Stooq bulk, securities, series, sector
/// performance and FMP JSON, detected from the content. A bad row rejects the whole import (`file:line: what is wrong`)
/// unless `skipBad`; importing the same file twice changes nothing.
public struct MarketImporter {
    public let store: any MarketStore
    public var options: ImportOptions

    public init(store: any MarketStore, options: ImportOptions = ImportOptions()) {
        self.store = store
        self.options = options
    }

    public func importFiles(_ paths: [String]) throws(ImportError) -> ImportReport {
        guard !paths.isEmpty else { throw .options("no files to import") }
        if options.symbol != nil, paths.count > 1 {
            throw .options("--symbol names the symbol of one file; import the files one by one")
        }
        let (listed, notes) = try Self.dataFiles(paths)
        // Securities first, as a user would import them: bars add bare securities rows of their own, which the
        // securities file would then count as changed rather than new.
        let securities = listed.filter(Self.isSecuritiesCSV)
        let files = securities + listed.filter { !securities.contains($0) }
        guard !files.isEmpty else {
            throw .options("no data files (.csv, .json or .txt) in \(paths.joined(separator: ", "))")
        }
        do {
            return try store.write { writer in
                var report = ImportReport()
                report.notes = notes
                for path in files { report.files.append(try importFile(path, writer)) }
                return report
            }
        } catch let error as ImportError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .options("\(error)")
        }
    }

    private func importFile(_ path: String, _ writer: any MarketWriter) throws(ImportError) -> ImportReport.File {
        let reader = try CSVReader.importing(path)
        let report: ImportReport.File
        if let first = try reader.firstByte(), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let bytes: [UInt8]
            do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
                throw .file(path, "cannot read: \(error)")
            }
            report = try JSONImport(path: path, options: options, writer: writer).run(bytes)
        } else {
            report = try CSVImport(path: path, reader: reader, options: options, writer: writer).run()
        }
        try ImportChecks.dates(of: report)  // (inside the caller's write: nothing of the file is kept)
        return report
    }

    /// Imports one document held in memory (a provider's response), detected from its content as a file is, through
    /// `writer` (the caller's atomic write); `name` stands for the file in messages (`fmp NVDA`).
    public func importDocument(name: String, bytes: [UInt8], into writer: any MarketWriter) throws(ImportError)
        -> ImportReport.File
    {
        let reader = CSVReader(bytes: bytes, name: name)
        let report: ImportReport.File
        if let first = try reader.firstByte(), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            report = try JSONImport(path: name, options: options, writer: writer).run(bytes)
        } else {
            report = try CSVImport(path: name, reader: reader, options: options, writer: writer).run()
        }
        try ImportChecks.dates(of: report)
        return report
    }

    /// The files to import: each path as given, a folder replaced by its data files (`.csv`, `.json`, `.txt`,
    /// sorted by name, hidden ones left out) so `aikit import FOLDER` imports a folder such as the bundled sample in
    /// one command; notes name the other files of a folder, which are not imported. Nothing is opened: a caller
    /// that checks paths (a plugin's sandbox) checks these before `importFiles` reads them.
    public static func dataFiles(_ paths: [String]) throws(ImportError) -> (files: [String], notes: [String]) {
        var files: [String] = []
        var notes: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                files.append(path)  // a missing file is reported by the import, as before
                continue
            }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                throw .file(path, "cannot list the folder: \(error)")
            }
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            var data: [String] = []
            for name in names.sorted() where !name.hasPrefix(".") {
                let extensionName = name.split(separator: ".").count > 1 ? name.split(separator: ".").last! : ""
                if ["csv", "json", "txt"].contains(extensionName.lowercased()) {
                    data.append(folder + "/" + name)
                } else {
                    notes.append("\(folder)/\(name): not imported, not a data file (.csv, .json or .txt)")
                }
            }
            files += data
        }
        return (files, notes)
    }

    /// Whether `path` is a CSV file whose header announces securities (read: the header row only; securities files
    /// are imported first).
    static func isSecuritiesCSV(_ path: String) -> Bool {
        guard let reader = try? CSVReader.importing(path) else { return false }
        var securities = false
        try? reader.forEachRow { row throws(ImportError) in
            let header = (0..<row.count).map { row.string($0) }
            if case .securities = try CSVLayout.detect(header: header, path: path) { securities = true }
            return false
        }
        return securities
    }

    /// The symbol a file name implies: `NVDA.csv` → NVDA, `nvda.us.txt` → NVDA.US, `^GSPC.csv` → ^GSPC.
    public static func symbol(fromFileName path: String) -> String { stem(path).uppercased() }

    /// The file name without its extension.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".").dropLast().joined(separator: ".")
        return stem.isEmpty ? name : stem
    }
}

/// One CSV file's import.
struct CSVImport {
    let path: String
    let reader: CSVReader
    let options: ImportOptions
    let writer: any MarketWriter

    func run() throws(ImportError) -> ImportReport.File {
        var layout: CSVLayout?
        var header: [String] = []
        var result: ImportReport.File?
        var bars: BarRows?
        var other: RecordRows?
        var rowsSeen = 0
        try reader.forEachRow { row throws(ImportError) in
            guard let current = layout else {
                header = (0..<row.count).map { row.string($0) }
                let detected = try CSVLayout.detect(header: header, path: path)
                layout = detected
                switch detected {
                case .bars(let barLayout):
                    if options.symbol != nil, barLayout.symbol != nil {
                        throw .options("\(path) has a symbol column; --symbol is for files without one")
                    }
                    bars = BarRows(path: path, layout: barLayout, header: header, options: options, writer: writer)
                    let threads = options.threads ?? ParallelBarReader.defaultThreads
                    if threads > 1, reader.fileSize >= options.parallelMinimumBytes {
                        let next = reader.nextRow
                        try bars!.addInParallel(from: next.offset, line: next.line, threads: threads)
                        return false
                    }
                case .securities: result = .init(path: path, format: "securities-csv", kind: "securities")
                case .series: result = .init(path: path, format: "series-csv", kind: "series")
                case .sectors: result = .init(path: path, format: "sector-csv", kind: "sectors")
                case .sectorETFs: result = .init(path: path, format: "sector-etf-csv", kind: "sectors")
                case .events: result = .init(path: path, format: "events-csv", kind: "events")
                }
                if bars == nil { other = RecordRows(path: path, header: header, options: options) }
                return true
            }
            if row.count == 1, row[0].isEmpty { return true }  // blank line
            rowsSeen += 1
            if rowsSeen & 0xFFFF == 0, let progress = options.progress {
                progress(path, reader.bytesRead, reader.fileSize)
            }
            switch current {
            case .bars: try bars!.add(row)
            default: try other!.add(row, current)
            }
            return true
        }
        guard layout != nil else { throw .file(path, "the file is empty") }
        options.progress?(path, reader.fileSize, reader.fileSize)
        if var bars {
            return try bars.finish()
        }
        guard var result, let other else { throw .file(path, "the file is empty") }
        do {
            if !other.securities.isEmpty {
                try Self.rejectDuplicates(other.securities.map(\.symbol), path, "symbol")
                for security in other.securities { result.counts += try writer.upsert(security, overwrite: true) }
                result.rows = other.securities.count
                result.symbols = other.securities.map(\.symbol)
            }
            for (id, series) in other.series.sorted(by: { $0.key < $1.key }) {
                var seen: [Int64: Int] = [:]
                for (time, line) in zip(series.times, series.lines) {
                    if let first = seen.updateValue(line, forKey: time) {
                        throw ImportError.row(
                            path, line,
                            "duplicate row for series \(id) at \(MarketTime.format(time)) (first at line \(first))")
                    }
                }
                result.counts += try writer.upsert(series: id, times: series.times, values: series.values)
                result.rows += series.times.count
                result.symbols.append(id)
                series.times.forEach { result.note(time: $0) }
            }
            if !other.sectors.isEmpty {
                try Self.rejectDuplicates(
                    other.sectors.map { "\($0.time) \($0.sector) \($0.exchange)" }, path, "sector and date")
                result.counts += try writer.upsert(sectors: other.sectors)
                result.rows = other.sectors.count
                result.symbols = Array(Set(other.sectors.map(\.sector))).sorted()
                other.sectors.forEach { result.note(time: $0.time) }
            }
            if !other.events.isEmpty {
                try Self.rejectDuplicates(
                    other.events.map { "\(MarketTime.format($0.time)) \($0.title)" }, path, "date and title")
                result.counts += try writer.add(events: other.events)
                result.rows = other.events.count
                other.events.forEach { result.note(time: $0.time) }
            }
        } catch let error as ImportError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .file(path, "\(error)")
        }
        if result.rows == 0 { throw .file(path, "no data rows after the header") }
        return result
    }

    static func rejectDuplicates(_ keys: [String], _ path: String, _ what: String) throws(ImportError) {
        var seen = Set<String>()
        for key in keys where !seen.insert(key).inserted {
            throw .file(path, "duplicate rows for the same \(what): \(key)")
        }
    }
}
