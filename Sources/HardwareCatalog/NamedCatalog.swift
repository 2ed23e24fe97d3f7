import TextMatching
/// Something a catalog finds by name: its display name and other spellings.
public protocol CatalogEntry: Sendable {
    var name: String { get }
    /// Every spelling that finds this entry (the name included).
    var spellings: [String] { get }
}

/// Entries found by any spelling, case- and punctuation-insensitive, with "did you mean" for unknown names; later
/// definitions replace earlier ones of the same name. The one lookup mechanism of every aikit catalog.
public struct NamedCatalog<Entry: CatalogEntry>: Sendable {
    /// What an entry is called in messages ("GPU", "model").
    public let kind: String
    public private(set) var entries: [Entry]
    private var index: [String: Int]

    public init(kind: String, entries: [Entry]) {
        self.kind = kind
        self.entries = []
        self.index = [:]
        for entry in entries { insert(entry) }
    }

    /// Adds an entry, or replaces the one with the same name.
    public mutating func insert(_ entry: Entry) {
        let position: Int
        let key = NameMatching.normalize(entry.name)
        if let existing = index[key], NameMatching.normalize(entries[existing].name) == key {
            entries[existing] = entry
            position = existing
        } else {
            entries.append(entry)
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
