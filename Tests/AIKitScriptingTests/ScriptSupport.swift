import AIKitScripting
import LuaRuntime

/// Runs `code` in a fresh ScriptHost (all aikit modules) and returns its results.
func run(_ code: String) throws -> [LuaValue] {
    try ScriptHost().lua.run(code, name: "=(test)")
}

/// The error `code` raises in a fresh ScriptHost, or nil.
func error(_ code: String) -> String? {
    do {
        _ = try run(code)
        return nil
    } catch {
        return "\(error)"
    }
}
