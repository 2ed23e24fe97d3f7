import LuaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one plugin may touch on disk, decided in Swift on the exact bytes handed to the OS (never on a Lua value the
/// plugin can reach). A path is allowed only if both its lexical form (as written, `..` folded) and its real form
/// (the folder as the kernel resolved it, symlinks included) lie inside an allowed folder; writes are refused inside
/// aikit's own folders and every plugin folder, whatever was granted, and reads inside aikit's own folders (its
/// config.toml holds provider keys) but for the plugin's own folder.
struct SandboxPolicy {
    let plugin: String
    let grants: [PluginPermission]
    /// Folders readable without a grant: the folder plugin's own root.
    private let readable: [Folder]
    private let writable: [Folder]
    private let grantedReadable: [Folder]
    /// Never written by a plugin: aikit's configuration, cache and state folders and the plugin search folders.
    private let protected: [Folder]
    /// Never read by a plugin, whatever it was granted (but its own root): aikit's configuration (provider keys,
    /// trusted plugins), cache (responses) and state (history) folders.
    private let `private`: [Folder]

    /// A folder in both forms.
    struct Folder {
        let lexical: String
        let real: String

        init(_ path: String) {
            lexical = SandboxPolicy.lexical(path)
            real = realPath(lexical) ?? lexical
        }

        func contains(lexical path: String, real realPath: String) -> Bool {
            PluginPermission.path(path, isInside: lexical) && PluginPermission.path(realPath, isInside: real)
        }

        func touches(lexical path: String, real realPath: String) -> Bool {
            PluginPermission.path(path, isInside: lexical) || PluginPermission.path(realPath, isInside: real)
        }
    }

    init(
        plugin: String, root: String?, grants: [PluginPermission], protectedFolders: [String], privateFolders: [String]
    ) {
        self.plugin = plugin
        self.grants = grants
        readable = root.map { [Folder($0)] } ?? []
        writable = grants.compactMap { if case .write(let folder) = $0 { Folder(folder) } else { nil } }
        grantedReadable = grants.compactMap { if case .read(let folder) = $0 { Folder(folder) } else { nil } }
        protected = protectedFolders.map(Folder.init)
        `private` = privateFolders.map(Folder.init)
    }

    enum Access: String {
        case read, write
    }

    /// Throws the refusal the plugin sees (with the grant that would allow it), or returns.
    func authorize(_ access: Access, lexical: String, real: String) throws {
        switch access {
        case .read:
            if readable.contains(where: { $0.contains(lexical: lexical, real: real) }) { return }
            if let folder = `private`.first(where: { $0.touches(lexical: lexical, real: real) }) {
                throw LuaScriptError(
                    "plugin '\(plugin)' may not read \(lexical): \(folder.lexical) holds aikit's own configuration "
                        + "(provider keys), cache or history, which no plugin may read, whatever it was granted")
            }
            if (grantedReadable + writable).contains(where: { $0.contains(lexical: lexical, real: real) }) {
                return
            }
        case .write:
            if let folder = protected.first(where: { $0.touches(lexical: lexical, real: real) }) {
                throw LuaScriptError(
                    "plugin '\(plugin)' may not write \(lexical): \(folder.lexical) holds aikit's own "
                        + "configuration, cache, history or plugin code, which no plugin may change")
            }
            if writable.contains(where: { $0.contains(lexical: lexical, real: real) }) { return }
        }
        let shown = lexical == real ? lexical : "\(lexical) (really \(real))"
        let folder = SandboxPolicy.parent(of: real)
        throw LuaScriptError(
            "plugin '\(plugin)' may not \(access.rawValue) \(shown); grant it with --allow "
                + "\(plugin):\(access.rawValue):\(folder) or in \(AikitConfig.defaultPath): [plugins.\(plugin)] "
                + "allow = [\"\(access.rawValue):\(folder)\"]")
    }

    /// Whether the plugin may run programs.
    func authorizeExec(what: String) throws {
        guard grants.contains(.exec) else {
            throw LuaScriptError(
                "plugin '\(plugin)' needs the 'exec' permission for \(what); grant it with --allow \(plugin):exec or in "
                    + "\(AikitConfig.defaultPath): [plugins.\(plugin)] allow = [\"exec\"]")
        }
    }

    /// Whether the plugin may reach the network (fetch from market data providers).
    func authorizeNet(what: String) throws {
        guard grants.contains(.net) else {
            throw LuaScriptError(
                "plugin '\(plugin)' needs the 'net' permission for \(what); grant it with --allow \(plugin):net or in "
                    + "\(AikitConfig.defaultPath): [plugins.\(plugin)] allow = [\"net\"]")
        }
    }

    // MARK: Path forms

    /// The path made absolute against the working directory with `.`, `..` and repeated `/` folded — textually,
    /// as written (no `~` expansion: the OS does none either).
    static func lexical(_ path: String) -> String {
        var full = path
        if !full.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
            full = cwd + "/" + full
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
