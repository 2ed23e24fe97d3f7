import LuaRuntime

/// What a plugin declares with `aikit.plugin{...}` (docs/plugins.md).
public struct PluginDeclaration: Sendable, Equatable, Codable {
    public struct Command: Sendable, Equatable, Codable {
        public var name: String
        public var help: String
    }

    public var name: String
    public var version: String
    public var description: String
    /// Version constraints by component, e.g. ["aikit": ">=0.1"].
    public var requires: [String: String]
    /// Permissions the plugin asks for ("exec", "write:~/reports", "read:/data").
    public var permissions: [String]
    public var commands: [Command]
    public var hasSetup: Bool

    static let knownFields: Set<String> = [
        "name", "version", "description", "requires", "permissions", "commands", "setup", "__aikit_plugin",
    ]

    /// Validates the table a plugin returned; errors name the file and the field.
    static func parse(_ value: LuaValue, file: String, expectedName: String) throws -> PluginDeclaration {
        func fail(_ message: String) -> PluginError { PluginError("\(file): declaration: \(message)") }
        guard case .table(let table) = value else {
            throw fail("the plugin must return aikit.plugin{...}, got \(value.type.name)")
        }
        for key in table.fields.keys {
            guard let name = key.stringValue, knownFields.contains(name) else {
                throw fail(
                    "unknown field \(key.stringValue.map { "'\($0)'" } ?? "of type \(key.type.name)")"
                        + " (known: name, version, description, requires, permissions, commands, setup)")
            }
        }
        guard let name = table["name"]?.stringValue, !name.isEmpty else {
            throw fail("field 'name' (a string) is required")
        }
        guard name == expectedName else {
            throw fail("name '\(name)' does not match the plugin's file or folder name '\(expectedName)'")
        }
        guard let version = table["version"]?.stringValue, Version(version) != nil else {
            throw fail("field 'version' must be a version string such as \"1.0\"")
        }
        var description = ""
        if let value = table["description"], value != .nil {
            guard let text = value.stringValue else { throw fail("field 'description' must be a string") }
            description = text
        }
        var requires: [String: String] = [:]
        if let value = table["requires"], value != .nil {
            guard case .table(let list) = value else {
                throw fail("field 'requires' must be a table like {aikit = \">=0.1\"}")
            }
            for (key, constraint) in list.fields {
                guard let component = key.stringValue, let text = constraint.stringValue, VersionConstraint(text) != nil
                else {
                    throw fail("field 'requires' must map names to constraints like \">=0.1\"")
                }
                requires[component] = text
            }
        }
        var permissions: [String] = []
        if let value = table["permissions"], value != .nil {
            guard case .table(let list) = value, list.fields.isEmpty else {
                throw fail("field 'permissions' must be a list of strings like {\"exec\", \"write:~/reports\"}")
            }
            for item in list.array {
                guard let text = item.stringValue else { throw fail("field 'permissions' must hold strings") }
                do {
                    _ = try PluginPermission(parsing: text)
                } catch {
                    throw fail("permissions: \(error)")
                }
                permissions.append(text)
            }
        }
        var commands: [Command] = []
        if let value = table["commands"], value != .nil {
            guard case .table(let list) = value else { throw fail("field 'commands' must be a table of {run=, help=}") }
            for (key, command) in list.fields {
                guard let commandName = key.stringValue, PluginDiscovery.isPluginName(commandName) else {
                    throw fail("command names must be words (letters, digits, _ and -)")
                }
                guard case .table(let spec) = command, case .reference(let run)? = spec["run"], run.type == .function
                else {
                    throw fail("field 'commands.\(commandName).run' must be a function")
                }
                let help = spec["help"]?.stringValue ?? ""
                commands.append(Command(name: commandName, help: help))
            }
        }
        var hasSetup = false
        if let value = table["setup"], value != .nil {
            guard case .reference(let setup) = value, setup.type == .function else {
                throw fail("field 'setup' must be a function")
            }
            hasSetup = true
        }
        return PluginDeclaration(
            name: name, version: version, description: description, requires: requires,
            permissions: permissions, commands: commands.sorted { $0.name < $1.name }, hasSetup: hasSetup)
    }
}

/// "1.2.3" as numbers.
struct Version: Comparable {
    let parts: [Int]
    init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !pieces.isEmpty, pieces.count <= 4 else { return nil }
        var parts: [Int] = []
        for piece in pieces {
            guard let number = Int(piece), number >= 0 else { return nil }
            parts.append(number)
        }
        self.parts = parts
    }
    static func < (a: Version, b: Version) -> Bool {
        for i in 0..<max(a.parts.count, b.parts.count) {
            let x = i < a.parts.count ? a.parts[i] : 0
            let y = i < b.parts.count ? b.parts[i] : 0
            if x != y { return x < y }
        }
        return false
    }
}

/// ">=0.1", ">1.0", "=0.1.0", "<2", "<=1.5" (a bare version means ">=").
struct VersionConstraint {
    let op: String
    let version: Version
    init?(_ text: String) {
        let trimmed = text.filter { $0 != " " }
        let ops = [">=", "<=", "==", ">", "<", "="]
        let op = ops.first { trimmed.hasPrefix($0) } ?? ">="
        let rest = ops.contains { trimmed.hasPrefix($0) } ? String(trimmed.dropFirst(op.count)) : trimmed
        guard let version = Version(rest) else { return nil }
        self.op = op
        self.version = version
    }
    func admits(_ candidate: Version) -> Bool {
        switch op {
        case ">=": candidate >= version
        case "<=": candidate <= version
        case ">": candidate > version
        case "<": candidate < version
        default: candidate == version
        }
    }
}
