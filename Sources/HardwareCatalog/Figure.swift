/// How solid a figure is (shared/reference/gpus.md): keep it next to every number an analyst sees.
public enum Evidence: String, Codable, Sendable, CaseIterable {
    /// Vendor datasheet or primary filing.
    case primary = "P"
    /// Secondary source: press, benchmark sites, Epoch AI's data sets.
    case secondary = "S"
    /// An estimate: no vendor figure was published.
    case estimate = "E"

    public var label: String {
        switch self {
        case .primary: "primary"
        case .secondary: "secondary"
        case .estimate: "estimate"
        }
    }
}

/// One number with its provenance.
public struct Figure: Codable, Sendable, Equatable {
    public var value: Double
    public var evidence: Evidence
    public var source: String
    /// What the source actually says when it is not a plain number ("~320–376", "GDDR6").
    public var note: String?
    /// The range behind an estimate, when the source gives one.
    public var low: Double?
    public var high: Double?

    public init(
        _ value: Double, evidence: Evidence, source: String, note: String? = nil, low: Double? = nil,
        high: Double? = nil
    ) {
        self.value = value
        self.evidence = evidence
        self.source = source
        self.note = note
        self.low = low
        self.high = high
    }

    /// "989 (P: NVIDIA H100 datasheet)".
    public var citation: String { cited(unit: nil) }

    /// "989 TFLOP/s (P: NVIDIA H100 datasheet)".
    public func cited(unit: String?) -> String {
        "\(Figure.format(value))\(unit.map { " " + $0 } ?? "")\(note.map { " [\($0)]" } ?? "") (\(evidence.rawValue): \(source))"
    }

    /// Numbers as an analyst writes them: no trailing ".0", at most four significant decimals.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(value)
        if text.contains("e") { return text }
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 5 {
            text = String(text[..<text.index(dot, offsetBy: 5)])
        }
        return text
    }
}
