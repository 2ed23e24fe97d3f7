import AIKitScripting
import ArgumentParser

/// `--allow NAME:PERM` (repeatable): grants a plugin a permission for this run, on top of config.toml.
struct PluginOptions: ParsableArguments {
    @Option(
        name: .customLong("allow"),
        help: ArgumentHelp(
            "Grant plugin NAME a permission for this run: exec, net, read:FOLDER or write:FOLDER (repeatable).",
            valueName: "NAME:PERM"))
    var allow: [String] = []

    /// The plugins of this run: discovered lazily, with config.toml's grants plus `--allow`.
    func makeHost() throws -> PluginHost {
        try PluginOptions.host(allowing: allow)
    }

    static func host(allowing allow: [String]) throws -> PluginHost {
        do {
            return try PluginHost.forCommandLine(allowing: allow)
        } catch let error as PluginError {
            throw ValidationError(error.description)
        }
    }
}
