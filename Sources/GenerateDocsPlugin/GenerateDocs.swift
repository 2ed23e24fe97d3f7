import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-docs`: runs `aikit-docs` on this package, which
/// rewrites the generated Lua API reference in docs/lua-api.md from Scripts/types/aikit.lua. (The top-level Plugins/
/// folder holds aikit's Lua plugins; this SwiftPM plugin lives here.)
@main struct GenerateDocs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "aikit-docs")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = [context.package.directoryURL.path]
        try process.run()
        process.waitUntilExit()
        if process.terminationReason != .exit || process.terminationStatus != 0 {
            Diagnostics.error("aikit-docs failed (status \(process.terminationStatus)); see its message above")
        }
    }
}
