/// The longest text an imported field may hold. Listed names run to a few hundred characters and remarks to a few
/// thousand (the Consolidated Screening List's longest, trade.gov export of 2025); a field far past that is a broken
/// or hostile file, and fuzzy matching costs grow with the square of a name's length.
public enum ImportLimits {
    /// Party names, aliases and the names in ownership stakes (characters); `compliance.screen` takes the same.
    public static let longestName = 1_000
    /// Any other text field: addresses, remarks, sources, list names, notices, licence policies (characters).
    public static let longestText = 10_000
    /// Aliases of one party.
    public static let mostAliases = 1_000

    /// Whether `text` has more than `limit` characters, in time linear in the text (bytes are counted first: a text
    /// has at least as many bytes as characters).
    static func exceeds(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count > limit && text.count > limit
    }

    /// "name is 262,144 characters long ('AAAA…'); at most 1,000 are taken".
    static func tooLong(_ field: String, _ text: String, limit: Int) -> String {
        "\(field) is \(text.count) characters long ('\(text.prefix(40))…'); at most \(limit) are taken "
            + "(is the file broken?)"
    }

    /// What is wrong with a party's text fields, as (field, message), or nil.
    static func problem(in party: Party) -> (field: String, message: String)? {
        if exceeds(party.name, longestName) { return ("name", tooLong("name", party.name, limit: longestName)) }
        if party.altNames.count > mostAliases {
            return ("alt_names", "\(party.altNames.count) aliases; at most \(mostAliases) are taken")
        }
        for alias in party.altNames where exceeds(alias, longestName) {
            return ("alt_names", tooLong("an alias", alias, limit: longestName))
        }
        let texts: [(String, String?)] = [
            ("source", party.list), ("federal_register_notice", party.federalRegisterNotice),
            ("license_requirement", party.licenseRequirement), ("license_policy", party.licensePolicy),
            ("remarks", party.remarks), ("provenance", party.source),
        ]
        for case (let field, let text?) in texts where exceeds(text, longestText) {
            return (field, tooLong(field, text, limit: longestText))
        }
        if party.countries.count > mostAliases {
            return ("addresses", "\(party.countries.count) countries; at most \(mostAliases) are taken")
        }
        return nil
    }
}
