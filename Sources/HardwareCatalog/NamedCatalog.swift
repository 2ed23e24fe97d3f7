import TextMatching

/// Something a catalog finds by name: its display name and other spellings.
public protocol CatalogEntry: Sendable {
    var name: String { get }
    /// Every spelling that finds this entry (the name included).
    var spellings: [String] { get }
}

/// Who put an entry in a catalog. Scripts may replace anything (a what-if is theirs to make); an extension (a
/// plugin) may add entries but never replace one it did not add, under any of its spellings.
public enum CatalogOrigin: Sendable, Equatable, CustomStringConvertible {
    /// aikit's reference data (the bundled resource files).
    case bundled
    /// The user's own script or REPL.
    case script
    /// Code the user did not write, described for messages ("plugin 'x'").
    case `extension`(String)

    public var description: String {
        switch self {
        case .bundled: "aikit's reference data"
        case .script: "the script"
        case .extension(let who): who
        }
    }

    public var isExtension: Bool { if case .extension = self { true } else { false } }
}

/// Entries found by any spelling, case- and punctuation-insensitive, with "did you mean" for unknown names; later
/// definitions replace earlier ones of the same name. The one lookup mechanism of every aikit catalog.
public struct NamedCatalog<Entry: CatalogEntry>: Sendable {
    /// What an entry is called in messages ("GPU", "model").
    public let kind: String
    public private(set) var entries: [Entry]
    private var index: [String: Int]
    private var origins: [CatalogOrigin]

    public init(kind: String, entries: [Entry]) {
        self.kind = kind
        self.entries = []
        self.index = [:]
        self.origins = []
        for entry in entries { insert(entry, origin: .bundled) }
    }

    /// Adds an entry for `origin`; an extension may not take over any spelling of an entry someone else added.
    public mutating func insert(_ entry: Entry, by origin: CatalogOrigin) throws {
        if origin.isExtension {
            for spelling in entry.spellings {
                if let position = index[NameMatching.normalize(spelling)], origins[position] != origin {
                    throw CatalogError.nameTaken(
                        "\(origin) cannot replace \(kind) '\(entries[position].name)' (from \(origins[position]); it answers "
                            + "to '\(spelling)'): plugins add entries under names of their own")
                }
            }
        }
        insert(entry, origin: origin)
    }

    /// Who added the entry any of whose spellings matches `name`, or nil if there is none.
    public func origin(of name: String) -> CatalogOrigin? {
        index[NameMatching.normalize(name)].map { origins[$0] }
    }

    /// Adds an entry, or replaces the one with the same name.
    public mutating func insert(_ entry: Entry) { insert(entry, origin: .script) }

    private mutating func insert(_ entry: Entry, origin: CatalogOrigin) {
        let position: Int
        let key = NameMatching.normalize(entry.name)
        if let existing = index[key], NameMatching.normalize(entries[existing].name) == key {
            entries[existing] = entry
            origins[existing] = origin
            position = existing
        } else {
            entries.append(entry)
            origins.append(origin)
            position = entries.count - 1
        }
        for spelling in entry.spellings { index[NameMatching.normalize(spelling)] = position }
    }

    /// The entry any of whose spellings matches `name`, or an error with the closest spelling.
    public func lookup(_ name: String) throws -> Entry {
        if let position = index[NameMatching.normalize(name)] { return entries[position] }
        throw CatalogError.unknown(
            kind: kind, name: name,
            suggestion: NameMatching.suggestion(for: name, among: entries.map { ($0.name, $0.spellings) }),
            known: entries.map(\.name))
    }
}
