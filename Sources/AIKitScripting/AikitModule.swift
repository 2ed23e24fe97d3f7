import LuaRuntime

/// The `aikit` Lua module: `aikit.version`, `aikit.inspect(v [, opts])`.
public enum AikitModule {
    public static let version = "0.1.0"

    static let module = ScriptModule(name: "aikit") { _ in
        ModuleDefinition(
            name: "aikit",
            functions: ["inspect": inspect, "plugin": plugin],
            fields: ["version": .string(version)]
        )
    }

    /// `aikit.plugin{name=, version=, ...}` → the declaration, marked as one (validated when the host loads it).
    static func plugin(_ call: LuaCall) throws -> Int32 {
        var declaration = try call.table(1)
        declaration["__aikit_plugin"] = .boolean(true)
        try call.push(.table(declaration))
        return 1
    }

    /// `aikit.inspect(value [, {depth=, max_items=, indent=, width=}])` → the pretty-printed string.
    static func inspect(_ call: LuaCall) throws -> Int32 {
        var options = InspectOptions()
        if !call.isNoneOrNil(2) {
            let table = try call.table(2)
            func integer(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
                guard let value = table[key], value != .nil else { return nil }
                guard case .integer(let n) = value else {
                    throw LuaArgumentError(
                        2, "field '\(key)' must be an integer in \(range.lowerBound)…\(range.upperBound)")
                }
                guard let n = Int(exactly: n), range.contains(n) else {
                    throw LuaArgumentError(2, "\(key): \(n) is out of range \(range.lowerBound)…\(range.upperBound)")
                }
                return n
            }
            options.depth = try integer("depth", InspectOptions.depthRange) ?? options.depth
            options.maxItems = try integer("max_items", InspectOptions.maxItemsRange) ?? options.maxItems
            options.indent = try integer("indent", InspectOptions.indentRange) ?? options.indent
            options.width = try integer("width", InspectOptions.widthRange) ?? options.width
        }
        call.push(call.inspect(1, options: options))
        return 1
    }
}
