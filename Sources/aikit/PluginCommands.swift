import AIKitScripting
import ArgumentParser
import FoundationEssentials
import Frames
import LuaRuntime

/// `aikit plugins`: every plugin found, its version, source, status, commands and granted permissions.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins found in ./Plugins, AIKIT_PLUGIN_PATH and ~/.config/aikit/plugins.")

    @Option(help: "Output format.") var format: OutputFormat = .table
    @Option(
        help: ArgumentHelp(
            "Trust plugin NAME as it is now: its config.toml grants apply to this file (path and SHA-256) only.",
            valueName: "NAME"))
    var trust: String?
    @OptionGroup var pluginOptions: PluginOptions

    func run() throws {
        let host = try pluginOptions.makeHost()
        if let trust {
            do {
                let record = try host.trust(trust)
                print("trusted plugin '\(trust)': \(record.path) (sha256 \(record.digest))")
                return
            } catch let error as PluginError {
                throw ValidationError(error.description)
            }
        }
        let statuses = host.statuses()
        switch format {
        case .json:
            struct Row: Encodable {
                let name, path, status: String
                let version, description: String?
                let reason, shadowedBy: String?
                let commands: [String]
                let permissions, granted: [String]
            }
            let rows = statuses.map { status in
                var reason: String? = nil
                var shadowedBy: String? = nil
                let state: String
                switch status.state {
                case .ok: state = "ok"
                case .failed(let why):
                    state = "failed"
                    reason = why
                case .shadowed(let by):
                    state = "shadowed"
                    shadowedBy = by
                }
                return Row(
                    name: status.name, path: status.path, status: state, version: status.declaration?.version,
                    description: status.declaration?.description, reason: reason, shadowedBy: shadowedBy,
                    commands: status.declaration?.commands.map(\.name) ?? [],
                    permissions: status.declaration?.permissions ?? [], granted: status.granted.map(\.description))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .table, .csv:
            if statuses.isEmpty, format == .table {
                print("no plugins found (looked in: \(PluginDiscovery.searchFolders().joined(separator: ", ")))")
                return
            }
            var rows = [["plugin", "version", "status", "commands", "permissions (granted)", "source"]]
            for status in statuses {
                let state: String
                switch status.state {
                case .ok: state = "ok"
                case .failed(let why): state = "failed: " + why
                case .shadowed(let by): state = "shadowed by " + by
                }
                let declaration = status.declaration
                let granted = status.granted.map(\.description)
                rows.append([
                    status.name, declaration?.version ?? "-", state,
                    declaration?.commands.map(\.name).joined(separator: ", ") ?? "-",
                    (declaration?.permissions ?? []).map { granted.contains($0) ? "\($0) (granted)" : $0 }
                        .joined(separator: ", "),
                    status.path,
                ])
            }
            if format == .csv {
                let columns = rows[0].indices.map { column in
                    (rows[0][column], Column.text(rows.dropFirst().map { $0[column] }))
                }
                print(try Frame(columns).csv(), terminator: "")
            } else {
                print(TextTable.render(rows))
            }
        }
    }
}

/// Runs `aikit COMMAND ARGS...` for a plugin command.
enum PluginCommandRunner {
    /// - Parameter otherwise: what to do when no plugin declares `command` (nil from it: report the unknown command).
    static func run(
        command: String, arguments: [String], allow: [String], otherwise: () -> Int32? = { nil }
    ) -> Int32 {
        do {
            let host = try PluginOptions.host(allowing: allow)
            guard let plugin = try host.plugin(declaring: command) else {
                if let status = otherwise() { return status }
                Terminal.standardError.write(
                    "aikit: unknown command '\(command)'; built-in commands: "
                        + Aikit.builtins.filter { $0 != "help" }.sorted().joined(separator: ", ")
                        + (host.sources.isEmpty ? "" : "; plugin commands are listed by `aikit plugins`") + "\n")
                return 64
            }
            let results = try host.run(
                plugin: plugin.source.name, command: command,
                arguments: arguments.map { .string($0) })
            // The command prints what it wants; a single integer result is the exit status.
            if let first = results.first, case .integer(let code) = first, results.count == 1 {
                return Int32(truncatingIfNeeded: code)
            }
            return 0
        } catch let error as LuaError {
            Terminal.reportError("aikit: " + error.fullDescription)
            return 1
        } catch {
            Terminal.reportError("aikit: \(error)")
            return 1
        }
    }

    /// Appends the plugin commands to `aikit --help`.
    static func printCommandList() {
        guard let host = try? PluginOptions.host(allowing: []) else { return }
        let commands = host.statuses(loading: false).compactMap { status -> [(String, String, String)]? in
            guard case .ok = status.state, let declaration = status.declaration else { return nil }
            return declaration.commands.map { ($0.name, status.name, $0.help) }
        }.flatMap { $0 }
        guard !commands.isEmpty else { return }
        print("PLUGIN COMMANDS:")
        for (command, plugin, help) in commands {
            print("  \(command.padding(20)) \(help) [\(plugin)]")
        }
    }
}

/// An aligned text table (first row is the header).
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in zip(row, widths).map { $0.padding($1) }.joined(separator: "  ") }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
