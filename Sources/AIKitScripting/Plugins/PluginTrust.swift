internal import Digest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ties the grants in config.toml to the plugin they were given to, trust on first use: the first time a plugin with
/// grants runs, its real path and a SHA-256 of its files are recorded (`$XDG_CONFIG_HOME/aikit/trusted-plugins.tsv`,
/// which plugins can never write). Later, a plugin of that name elsewhere (one in `./Plugins` shadowing the user's
/// own) or with other contents runs without those grants until the user says `aikit plugins --trust NAME`.
/// Grants given on the command line (`--allow`) are the user's word for this run and are not affected.
public struct PluginTrust {
    public struct Record: Sendable, Equatable {
        public var path: String
        public var digest: String
    }

    public let path: String
    public private(set) var records: [String: Record] = [:]

    public static var defaultPath: String { AikitFolders.config + "/trusted-plugins.tsv" }

    /// Reads the records (none if the file does not exist; malformed lines are ignored and rewritten on save).
    public init(path: String = PluginTrust.defaultPath) {
        self.path = path
        for line in (readTextFile(path) ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[2].count == 64 else { continue }
            records[String(fields[0])] = Record(path: String(fields[1]), digest: String(fields[2]))
        }
    }

    /// What a plugin is: the real path of its entry (or folder) and the digest of its files.
    public static func identity(of source: PluginSource) -> Record? {
        let location = source.folder ?? source.entry
        guard let real = realPath(location) else { return nil }
        // A single file's digest is its plain SHA-256 (what `sha256sum` prints); a folder's covers every file's
        // relative name, length and bytes.
        guard source.folder != nil else {
            return readFileBytes(real).map { Record(path: real, digest: SHA256.hex($0)) }
        }
        var files: [(String, [UInt8])] = []
        collect(real, relative: "", into: &files)
        var material: [UInt8] = []
        for (name, bytes) in files.sorted(by: { $0.0 < $1.0 }) {
            material += Array(name.utf8) + [0] + Array(String(bytes.count).utf8) + [0] + bytes
        }
        return Record(path: real, digest: SHA256.hex(material))
    }

    private static func collect(_ folder: String, relative: String, into files: inout [(String, [UInt8])]) {
        for name in directoryEntries(folder) {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                collect(path, relative: relative + name + "/", into: &files)
            } else if kind == S_IFREG, let bytes = readFileBytes(path) {
                files.append((relative + name, bytes))
            } else if kind == S_IFLNK {
                var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(path, &target, target.count - 1)
                files.append(
                    (relative + name + " ->", count > 0 ? target[0..<count].map { UInt8(bitPattern: $0) } : []))
            }
        }
    }

    /// Records `record` for `name` and saves the file (atomically: a temporary file renamed over it).
    public mutating func trust(_ name: String, _ record: Record) throws {
        records[name] = record
        let text =
            "# aikit: plugins whose config.toml grants apply (name, real path, SHA-256 of their files)\n"
            + records.keys.sorted().map { "\($0)\t\(records[$0]!.path)\t\(records[$0]!.digest)" }.joined(
                separator: "\n") + "\n"
        AikitFolders.create(SandboxPolicy.parent(of: path))
        do {
            try writeTextFile(text, to: path)  // through a temporary file renamed into place
        } catch {
            throw PluginError("\(error)")
        }
    }

    /// The config.toml grants `source` may use, and a notice when they are withheld.
    mutating func grants(for source: PluginSource, configured: [PluginPermission], shadowsAnother: Bool)
        -> (grants: [PluginPermission], notice: String?)
    {
        guard !configured.isEmpty else { return ([], nil) }
        let name = source.name
        let fix = "run `aikit plugins --trust \(name)` if you trust it"
        guard let identity = PluginTrust.identity(of: source) else {
            return (
                [], "plugin '\(name)' (\(source.entry)) cannot be fingerprinted; it runs without its config.toml grants"
            )
        }
        guard let record = records[name] else {
            if shadowsAnother {
                return (
                    [],
                    "plugin '\(name)' at \(identity.path) shadows another plugin of that name and its grants in "
                        + "config.toml have never been used; it runs without them (\(fix))"
                )
            }
            do {
                try trust(name, identity)
            } catch {
                return ([], "plugin '\(name)': \(error); it runs without its config.toml grants")
            }
            return (configured, nil)
        }
        if record.path != identity.path {
            return (
                [],
                "plugin '\(name)' at \(identity.path) is not the one its config.toml grants were given to "
                    + "(\(record.path)); it runs without them (\(fix))"
            )
        }
        if record.digest != identity.digest {
            return (
                [],
                "plugin '\(name)' (\(identity.path)) changed since its config.toml grants were given; it runs "
                    + "without them (\(fix))"
            )
        }
        return (configured, nil)
    }
}
