import AIKitScripting
import ArgumentParser
import Compliance
internal import FoundationEssentials
import MarketData
import PartyScreening
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// `aikit compliance update FILE…`, `list`, `fetch` and `news`: rule packs, screening-list exports, ownership files
/// and BIS's Federal Register documents kept in the store, which every later script and REPL session answers from.
struct ComplianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Keep compliance data sets (rule packs, screening lists, ownership, BIS news) in the store.",
        subcommands: [
            ComplianceUpdateCommand.self, ComplianceListCommand.self, ComplianceFetchCommand.self,
            ComplianceNewsCommand.self,
        ])
}

struct ComplianceUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Store rule packs ({\"as_of\", \"rules\"}), CSL exports (JSON or CSV) or ownership files (CSV or "
            + "FollowTheMoney JSON lines); each is checked by loading it first, and all are stored or none.")

    @Argument(help: "Files to store.")
    var files: [String]

    @Option(help: ArgumentHelp("The data set's name (default: the file name; one file only).", valueName: "NAME"))
    var name: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The date the data set describes the world as of (default: a rule pack's as_of).", valueName: "DATE"))
    var asOf: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        storeOptions.apply()
        if name != nil, files.count > 1 {
            throw ValidationError("--name names one file's data set; store files one by one")
        }
        var engine = ComplianceEngine()
        var stored: [(StoredDataSet, DataSetInfo)] = []
        do {
            let day = try asOf.map { try CalendarDay($0) }
            let now = Int64(Date().timeIntervalSince1970.rounded(.down))
            for file in files {
                let bytes: [UInt8]
                switch SystemCall.readRegularFile(file) {
                case .success(let read): bytes = read
                case .failure(let error): throw ValidationError("cannot read \(file): \(error)")
                }
                let source = file.split(separator: "/").last.map(String.init) ?? file
                let info = try engine.load(bytes, name: name ?? source, source: source, asOf: day)
                stored.append(
                    (
                        StoredDataSet(
                            name: info.name, kind: info.kind.rawValue, asOf: info.asOf?.description,
                            source: source, storedAt: now, content: bytes), info
                    ))
            }
            let store = try MarketStores.open(StoreLocation.defaultPath())
            try store.write { writer in for (set, _) in stored { try writer.put(set) } }
        } catch let error as ValidationError {
            throw error
        } catch {
            Terminal.reportError("aikit: compliance update: \(error); nothing was stored")
            throw ExitCode(1)
        }
        print(format.render(try ComplianceListCommand.frame(stored.map(\.1))), terminator: format == .table ? "\n" : "")
    }
}

struct ComplianceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The compliance data sets answers are made from: bundled, then stored.")

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        storeOptions.apply()
        let context = ScriptContext()
        context.dataSetStore = { StoreLocation.defaultPath() }
        print(format.render(try Self.frame(context.dataSets)), terminator: format == .table ? "\n" : "")
    }

    /// The data sets as a frame: name, kind, as-of date, its age in days (today − as-of), records, source.
    static func frame(_ sets: [DataSetInfo], today: CalendarDay = .today) throws -> Frame {
        try Frame([
            ("name", .text(sets.map(\.name))), ("kind", .text(sets.map(\.kind.rawValue))),
            ("as_of", .text(sets.map { $0.asOf?.description ?? "" })),
            ("age_days", .int(sets.map { set in set.asOf.map { Int64(today.dayNumber - $0.dayNumber) } ?? Int64.min })),
            ("records", .int(sets.map { Int64($0.records) })),
            ("source", .text(sets.map(\.source))),
        ])
    }
}
