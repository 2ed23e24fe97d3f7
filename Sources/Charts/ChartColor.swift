/// A colour a chart draws with, always written `#rrggbb`: what a caller gives (`#rrggbb`, `#rgb` or a CSS basic
/// colour name such as `teal`) is checked where it enters, so no caller's text reaches a `fill="…"` attribute.
public struct ChartColor: Sendable, Hashable, CustomStringConvertible {
    /// `#` and six hexadecimal digits (in the case given).
    public let hex: String

    /// The CSS basic colour keywords (CSS Color Module Level 3, §4.1) and `orange` (CSS 2.1), by name.
    public static let names: [(name: String, hex: String)] = [
        ("black", "#000000"), ("silver", "#c0c0c0"), ("gray", "#808080"), ("grey", "#808080"), ("white", "#ffffff"),
        ("maroon", "#800000"), ("red", "#ff0000"), ("purple", "#800080"), ("fuchsia", "#ff00ff"),
        ("green", "#008000"), ("lime", "#00ff00"), ("olive", "#808000"), ("yellow", "#ffff00"), ("navy", "#000080"),
        ("blue", "#0000ff"), ("teal", "#008080"), ("aqua", "#00ffff"), ("orange", "#ffa500"),
    ]

    /// A colour from `#rrggbb`, `#rgb` or a basic name (any case), or an error saying what was given and what to give.
    public init(_ text: String) throws(ChartError) {
        let digits = text.utf8.dropFirst()
        let isHex = digits.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        if text.utf8.first == UInt8(ascii: "#"), isHex, digits.count == 6 {
            hex = text
        } else if text.utf8.first == UInt8(ascii: "#"), isHex, digits.count == 3 {
            hex = "#" + String(text.dropFirst().flatMap { [$0, $0] })
        } else if let named = Self.names.first(where: { $0.name == text.lowercased() }) {
            hex = named.hex
        } else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw ChartError(
                "'\(shown.debugDescription.dropFirst().dropLast())' is not a colour; use #rrggbb, #rgb or a name "
                    + "(\(Self.names.map(\.name).joined(separator: ", ")))")
        }
    }

    /// A colour from a literal in this module (the palette and tones), known to be `#rrggbb`.
    init(known hex: StaticString) {
        self.hex = hex.description
    }

    public var description: String { hex }
}
