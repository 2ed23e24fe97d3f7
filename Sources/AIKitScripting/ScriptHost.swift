public import LuaRuntime

/// aikit's Lua environment: a `LuaState` with the standard library, the `aikit` module and every engine module
/// registered lazily — as `require "aikit.NAME"` and as the global `NAME`, neither built until first touched.
public final class ScriptHost {
    public let lua: LuaState
    /// Names of the lazily-resolved globals (for completion and docs).
    public let moduleNames: [String]

    public init(options: LuaState.Options = LuaState.Options(), modules: [ScriptModule] = ScriptModule.standard)
        throws
    {
        lua = try LuaState(options: options)
        moduleNames = modules.map(\.name).sorted()
        // Catalogs are read on first use of an engine module, never at start-up.
        var context: ScriptContext? = nil
        for module in modules {
            let open = module.open
            lua.preload(module.requireName) { call in
                if context == nil { context = ScriptContext() }
                try call.push(module: open(context!))
                return 1
            }
        }
        try installLazyGlobals(modules)
    }

    /// `_G` gets an `__index` that requires `aikit.NAME` on first use of global `NAME` and caches it.
    private func installLazyGlobals(_ modules: [ScriptModule]) throws {
        let list = modules.map { "[\"\($0.name)\"] = \"\($0.requireName)\"" }.joined(separator: ", ")
        try lua.run(
            """
            local lazy, require, rawset = { \(list) }, require, rawset
            setmetatable(_G, { __index = function(t, k)
              local m = lazy[k]
              if m then local v = require(m); rawset(t, k, v); return v end
            end })
            """, name: "=(aikit bootstrap)")
    }
}

/// A Lua module that an engine contributes: its global name and how to build it (only on first use).
public struct ScriptModule: Sendable {
    public let name: String
    public let open: @Sendable (ScriptContext) -> ModuleDefinition

    public init(name: String, open: @escaping @Sendable (ScriptContext) -> ModuleDefinition) {
        self.name = name
        self.open = open
    }

    /// What `require` takes: "aikit" for the aikit module itself, "aikit.NAME" for the others.
    public var requireName: String { name == "aikit" ? "aikit" : "aikit.\(name)" }

    /// The modules every aikit Lua state has. Engines add theirs here as they land.
    public static let standard: [ScriptModule] = [AikitModule.module, CostModule.module, ComplianceModule.module]
}
