internal import SystemCalls

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way aikit finds the read-only files it ships beside the binary (the bundled sample): always relative to
/// the running executable (or in `/usr/share/aikit`), never through the source path compiled into it, so an
/// installed, unpacked or moved binary finds its own files.
///
/// Where it looks, in order (the first folder holding the resource's marker file wins):
/// 1. the resource's environment override, where one exists (`AIKIT_SAMPLE_DIR` for the sample);
/// 2. `<folder of the executable>/../share/aikit/<resource>`: the installed layout (`/usr/bin/aikit` reads
///    `/usr/share/aikit`) and the tarball's (`bin/aikit` beside `share/aikit`);
/// 3. a development build's checkout: the package root found by walking up from the executable's folder
///    (`.build/<triple>/<config>/aikit`; the root holds `Package.swift` and the sample), at the resource's
///    source path. Before the system folder, so a checkout's binary reads the checkout's files, not an older
///    installed package's; an installed binary is never inside a checkout, so its order is unchanged;
/// 4. `/usr/share/aikit/<resource>`, the Debian package's folder, for a binary copied anywhere else.
public struct ResourceLocator: Sendable {
    /// A read-only resource aikit ships, and where it lives in each layout. (The example scripts, plugins and
    /// kernelspec are installed beside it for people, not read by the binary: they need no entry here.)
    public struct Resource: Sendable, Equatable {
        /// What it is, in messages.
        public let name: String
        /// The folder under `share/aikit`.
        public let installedPath: String
        /// The folder in the source checkout.
        public let checkoutPath: String
        /// A file every copy of the resource holds: a folder without it is not the resource.
        public let marker: String
        /// The environment variable that overrides every other place, if the resource has one.
        public let environmentOverride: String?

        /// The bundled sample of daily bars (`market.sample()`).
        public static let sample = Resource(
            name: "sample", installedPath: "sample", checkoutPath: "Sources/MarketData/Resources/sample",
            marker: "NVDA.csv", environmentOverride: "AIKIT_SAMPLE_DIR")
        /// Every resource (the overrides this locator reads from the environment).
        public static let all = [sample]
    }

    /// The Debian package's folder.
    public static let systemFolder = "/usr/share/aikit"
    /// How far up from the executable's folder a checkout is looked for (`.build/<triple>/<config>` is three).
    static let checkoutSearchDepth = 6

    /// The running executable's absolute path, symlinks resolved; nil when it cannot be read.
    public let executable: String?
    let environment: [String: String]
    let systemFolder: String

    /// - Parameters:
    ///   - executable: the executable the search is relative to (default: this process's, `/proc/self/exe`).
    ///   - environment: the overrides' variables (default: this process's environment).
    ///   - systemFolder: the system-wide folder (default `/usr/share/aikit`; tests point it elsewhere).
    public init(
        executable: String? = ResourceLocator.currentExecutable(), environment: [String: String]? = nil,
        systemFolder: String = ResourceLocator.systemFolder
    ) {
        self.executable = executable
        self.environment = environment ?? Self.processEnvironment(Resource.all.compactMap(\.environmentOverride))
        self.systemFolder = systemFolder
    }

    /// The folder holding `resource`.
    /// - Throws: `ResourceNotFound`, listing every place looked in, when none holds the resource's marker file.
    public func folder(of resource: Resource) throws(ResourceNotFound) -> String {
        let candidates = candidates(for: resource)
        for candidate in candidates where SystemCall.isRegularFile(candidate + "/" + resource.marker) {
            return candidate
        }
        throw ResourceNotFound(resource: resource, lookedIn: candidates)
    }

    /// Every folder `folder(of:)` tries, in order (duplicates dropped).
    public func candidates(for resource: Resource) -> [String] {
        var folders: [String] = []
        if let variable = resource.environmentOverride, let value = environment[variable], !value.isEmpty {
            folders.append(value)
        }
        if let executable {
            let binFolder = Self.parent(of: executable)
            let prefix = Self.parent(of: binFolder)
            folders.append((prefix == "/" ? "" : prefix) + "/share/aikit/" + resource.installedPath)
            if let root = Self.checkoutRoot(above: binFolder) { folders.append(root + "/" + resource.checkoutPath) }
        }
        folders.append(systemFolder + "/" + resource.installedPath)
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }
    }

    /// The package root of a development build: the nearest folder at or above `folder` (at most
    /// `checkoutSearchDepth` levels up) holding `Package.swift` and the bundled sample.
    public static func checkoutRoot(above folder: String) -> String? {
        var current = folder
        for _ in 0...checkoutSearchDepth {
            if SystemCall.isRegularFile(current + "/Package.swift"),
                SystemCall.isRegularFile(current + "/" + Resource.sample.checkoutPath + "/" + Resource.sample.marker)
            {
                return current
            }
            if current == "/" { break }
            current = parent(of: current)
        }
        return nil
    }

    /// This process's executable, symlinks resolved; nil if unreadable.
    public static func currentExecutable() -> String? { SystemCall.executablePath() }

    /// The folder holding `path` (`/` for a file at the root), without touching the file system.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    static func processEnvironment(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names { if let value = getenv(name) { values[name] = String(cString: value) } }
        return values
    }
}

/// A resource in none of the places aikit looks; says where it looked and what to do.
public struct ResourceNotFound: Error, Sendable, CustomStringConvertible {
    public let resource: ResourceLocator.Resource
    public let lookedIn: [String]

    public var description: String {
        var text =
            "aikit's bundled \(resource.name) files are missing (looked for \(resource.marker) in "
            + lookedIn.joined(separator: ", ") + "); reinstall aikit, or keep share/aikit beside the folder of the "
            + "aikit binary"
        if let variable = resource.environmentOverride { text += ", or set \(variable) to the folder" }
        return text
    }
}
