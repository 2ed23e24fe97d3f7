import AIKitScripting
import LuaRuntime

/// Runs `code` in a fresh ScriptEnvironment (all aikit modules) and returns its results.
func run(_ code: String) throws -> [LuaValue] {
    try ScriptEnvironment().lua.run(code, name: "=(test)")
}

/// The error `code` raises in a fresh ScriptEnvironment, or nil.
func error(_ code: String) -> String? {
    do {
        _ = try run(code)
        return nil
    } catch {
        return "\(error)"
    }
}
