import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plugin declarations remembered by entry-file modification time and size, so `aikit --help` and command dispatch
/// need not run every plugin's code: `$XDG_CACHE_HOME/aikit/plugin-declarations.json` (default `~/.cache/aikit`).
/// A plugin whose entry file changed is loaded again. (A folder plugin's declaration is assumed to live in its
/// `init.lua`; `aikit plugins` always loads and so refreshes everything.)
struct DeclarationCache {
    struct Entry: Codable {
        var mtime: Int64
        var size: Int64
        var declaration: PluginDeclaration?
        var failure: String?
    }

    let path: String
    private(set) var entries: [String: Entry]
    private(set) var dirty = false

    init(path: String = DeclarationCache.defaultPath) {
        self.path = path
        if let bytes = readFileBytes(path),
            let decoded = try? JSONDecoder().decode([String: Entry].self, from: Data(bytes))
        {
            entries = decoded
        } else {
            entries = [:]
        }
    }

    static var defaultPath: String {
        AikitFolders.cache + "/plugin-declarations.json"
    }

    /// The cached entry if the file has not changed since.
    func lookup(_ file: String) -> Entry? {
        guard let entry = entries[file], let stamp = fileStamp(file), stamp.mtime == entry.mtime,
            stamp.size == entry.size
        else { return nil }
        return entry
    }

    mutating func store(_ file: String, declaration: PluginDeclaration?, failure: String?) {
        guard let stamp = fileStamp(file) else { return }
        entries[file] = Entry(mtime: stamp.mtime, size: stamp.size, declaration: declaration, failure: failure)
        dirty = true
    }

    /// Writes the cache (best effort: a read-only home just means no cache).
    mutating func save() {
        guard dirty, let data = try? JSONEncoder().encode(entries) else { return }
        AikitFolders.create(SandboxPolicy.parent(of: path))
        try? writeTextFile(String(decoding: data, as: UTF8.self), to: path)  // checked, atomic: all or nothing
        dirty = false
    }
}
