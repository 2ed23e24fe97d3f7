import HardwareCatalog
public import PartyScreening

/// The export classification of an item on a date, with the threshold that decided it.
public struct ItemClassification: Sendable {
    public var item: ItemFacts
    public var date: CalendarDay
    /// "3A090", "3A090.a", "3A090.b", "3A090.c", "4E091", or nil (none of the advanced-computing entries).
    public var eccn: String?
    /// False when a missing fact kept a control-list entry from deciding.
    public var determined: Bool
    /// What is missing and what it would take ("die area unknown: 3A090.a if PD ≥ 5.92, i.e. die ≤ 800 mm²").
    public var missing: [String]
    /// The control-list entry that decided (or was considered last).
    public var rule: String?
    public var reasons: [String]
    public var citations: [String]

    public var controlled: Bool { eccn != nil }
}

extension ComplianceEngine {
    /// Classifies an item under the control-list entries current on `date`.
    public func classify(_ item: ItemFacts, on date: CalendarDay, explain: Bool = true) -> ItemClassification {
        var result = ItemClassification(
            item: item, date: date, eccn: nil, determined: true, missing: [], rule: nil,
            reasons: [], citations: [])
        let context = PredicateContext(item: item, eccn: nil)
        for rule in rules.rules where rule.kind == .controlListEntry {
            let status = rule.status(on: date)
            guard status.isCurrent, let entries = rule.classifies else { continue }
            for entry in entries {
                var because: [String] = []
                switch entry.when.evaluate(context, because: &because, explain: explain) {
                case .yes:
                    if let unless = entry.unless {
                        var excluded: [String] = []
                        if unless.evaluate(context, because: &excluded, explain: explain) == .yes {
                            if explain {
                                result.reasons.append(
                                    "\(entry.eccn) criteria met (\(because.joined(separator: ", "))) but "
                                        + (entry.unlessNote ?? "an exclusion applies")
                                        + " (\(excluded.joined(separator: ", ")))")
                            }
                            result.rule = rule.id
                            if explain { result.citations.append(rule.citationText) }
                            continue
                        }
                    }
                    result.eccn = entry.eccn
                    result.rule = rule.id
                    if explain {
                        result.reasons.append(
                            "\(entry.eccn) under \(rule.id) (\(status.rawValue)): " + because.joined(separator: " and ")
                        )
                        result.citations = unique(result.citations + [rule.citationText])
                    }
                    return result
                case .no:
                    let relevant =
                        (item.kind == .chip && entry.eccn.hasPrefix("3A090") && entry.eccn != "3A090.c")
                        || (item.kind == .modelWeights && entry.eccn == "4E091")
                    if relevant {
                        result.rule = result.rule ?? rule.id
                        if explain {
                            result.reasons.append(
                                "not \(entry.eccn) under \(rule.id): " + because.joined(separator: "; "))
                            result.citations.append(rule.citationText)
                        }
                    }
                case .unknown(let facts):
                    result.determined = false
                    result.rule = rule.id
                    result.missing.append(missingText(entry: entry, facts: facts, item: item))
                    result.citations.append(rule.citationText)
                }
            }
        }
        result.citations = unique(result.citations)
        return result
    }

    private func missingText(entry: Rule.Classification, facts: [Predicate.Fact], item: ItemFacts) -> String {
        let names = Array(Set(facts.map(\.rawValue))).sorted()
        var text =
            "\(entry.eccn) cannot be decided for \(item.name): unknown \(names.joined(separator: ", ")); give "
            + Array(Set(facts.map(\.howToKnow))).sorted().joined(separator: " and ")
        if facts.contains(.pd), let tpp = item.tpp {
            // PD thresholds restated as die areas: PD = TPP / area.
            func area(_ pd: Double) -> String { fmt((tpp / pd * 10).rounded() / 10) }
            text +=
                ". With TPP \(fmt(tpp)): PD ≥ 5.92 means a die of at most \(area(5.92)) mm², PD ≥ 3.2 at most "
                + "\(area(3.2)) mm², PD ≥ 1.6 at most \(area(1.6)) mm²"
        }
        return text
    }
}

func fmt(_ value: Double) -> String { Figure.format(value) }
