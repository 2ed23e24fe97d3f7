import AIKitScripting
import ArgumentParser

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

    @Argument(help: "Files to store.", completion: .file())
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
        let table: ResultTable
        do {
            table = try ComplianceCommands.update(files, name: name, asOf: asOf)
        } catch let error as CommandUsageError {
            throw ValidationError(error.description)
        } catch {
            Terminal.reportError("aikit: compliance update: \(error); nothing was stored")
            throw ExitCode(1)
        }
        print(format.render(table), terminator: format == .table ? "\n" : "")
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
        print(format.render(try ComplianceCommands.list()), terminator: format == .table ? "\n" : "")
    }
}
