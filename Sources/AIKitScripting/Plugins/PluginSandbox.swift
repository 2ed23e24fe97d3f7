/// The restricted profile a plugin runs in, as Lua run once in the plugin's own state before any plugin code.
/// It captures the real library functions in locals (unreachable from plugin code: no `debug`), builds the plugin's
/// environment table and read-only proxies of the standard library, and returns the loader.
///
/// Every decision about files and programs is made in Swift (`SandboxFiles`, `SandboxPolicy`) on the bytes handed
/// to the OS; the Lua here only routes calls to those host functions, with the library functions it needs captured
/// before any plugin code runs. The string metatable's `__index` becomes a read-only proxy, so patching
/// `getmetatable("").__index` changes nothing, and `getmetatable` of any non-table value returns a read-only view.
///
/// Allowed: the base library minus `load`-of-binaries, `rawset` on protected tables, metatable changes on protected
/// tables and the string metatable; string (minus `dump`), table, math, utf8, coroutine; `os.clock/date/time/
/// difftime`; `io.read/write/type` on the standard streams; `debug.traceback`. `io.open`, `io.lines`, `loadfile` and
/// `dofile` are opened by the host after its permission check; `os.execute`, `io.popen` need "exec";
/// `os.remove/rename` need write access to the path. `require` finds the aikit engine modules and, for folder
/// plugins, the plugin's own `NAME.module` files — never C modules or anything outside the plugin's folder (Redis's
/// script_lua.c allow-list approach).
package enum PluginSandbox {
    /// The bootstrap's Lua source (`Plugins/Resources/sandbox.lua`, embedded in the binary), loaded as text only.
    package static let bootstrap = String(decoding: PackageResources.sandbox_lua, as: UTF8.self)
}
