public import PartyScreening

/// One rule considered for a determination: whether it matched, why, and its citation.
public struct TraceEntry: Sendable {
    public var rule: String
    public var title: String
    public var kind: Rule.Kind
    public var status: RuleStatus
    /// Nil when a missing fact kept the rule from deciding.
    public var matched: Bool?
    public var reasons: [String]
    public var citation: String
    public var evidence: String
}

/// The answer to one export question, with the rule that decided and every rule considered.
public struct ExportDetermination: Sendable {
    public var item: ItemFacts
    public var destination: Country
    public var date: CalendarDay
    public var exportedFrom: String?
    public var endUser: String?
    public var classification: ItemClassification
    public var licenseRequired: Bool
    /// "presumption of denial", "case-by-case", ... (nil when no licence is required).
    public var policy: String?
    public var exceptions: [String]
    /// "in force", "letter", "not enforced", "effective, compliance date not reached", "no licence required",
    /// "not controlled", or "undetermined" (a missing fact).
    public var status: String
    /// The rule that decided.
    public var rule: String?
    public var reasons: [String]
    public var citations: [String]
    /// Announcements and guidance that bear on the question without changing the licence requirement.
    public var notes: [String]
    public var missing: [String]
    public var entityMatch: ScreeningMatch?
    /// The end user's affiliation through its owners, when a rule on ownership (the Affiliates Rule) asked for it.
    public var ownership: Affiliation?
    /// The data sets the answer was made from, with their as-of dates (`DataSetInfo.description`).
    public var dataSets: [String] = []
    public var trace: [TraceEntry]
}

/// The question: what, where, when, for whom, from where.
public struct ExportQuestion: Sendable {
    public var item: ItemFacts
    public var destination: Country
    public var date: CalendarDay
    public var endUser: String?
    /// Where the end user (or its ultimate parent) is headquartered, for the headquarters rule.
    public var endUserHeadquarters: Country?
    /// ISO-2 code of the exporting country ("US" for exports from the United States); nil when unknown.
    public var exportedFrom: String?

    public init(
        item: ItemFacts, destination: Country, date: CalendarDay, endUser: String? = nil,
        endUserHeadquarters: Country? = nil, exportedFrom: String? = nil
    ) {
        self.item = item
        self.destination = destination
        self.date = date
        self.endUser = endUser
        self.endUserHeadquarters = endUserHeadquarters
        self.exportedFrom = exportedFrom
    }
}

extension ComplianceEngine {
    /// Decides the question from every rule current on its date. With `explain: false` the decision is the same
    /// but the trace and reasons are left empty (bulk what-ifs).
    public func check(_ question: ExportQuestion, explain: Bool = true) -> ExportDetermination {
        let date = question.date
        let classification = classify(question.item, on: date, explain: explain)
        let context = PredicateContext(item: question.item, eccn: classification.eccn)
        // A territory the EAR folds into another country (Hong Kong into China) is decided as that country (the
        // headquarters rules see the same folding through `countries.groups`).
        let (destination, folded) = countries.governing(question.destination, on: date)
        let destinationGroups = countries.groups(of: destination.iso2, on: date)
        let listing = question.endUser.flatMap { parties.isListed($0, on: date) }
        var affiliation: Affiliation?
        var headquarters: HeadquartersFinding?

        var trace: [TraceEntry] = []
        var binding: [(rule: Rule, status: RuleStatus)] = []
        var unenforced: [(rule: Rule, status: RuleStatus)] = []
        var notes: [String] = []
        var missing = classification.missing
        if let definedBy = question.item.definedBy {
            notes.append(
                "\(question.item.name) is defined by \(definedBy), not aikit's reference data: this answer rests "
                    + "on its figures")
        }
        if let rule = classification.rule, let origin = rules.origins[rule], origin.isExtension {
            notes.append("the classification rule \(rule) was added by \(origin), not aikit's rule data")
        }
        var exceptionRules: [Rule] = []
        let territoryReasons =
            folded.map {
                [
                    "\(question.destination.name) is decided as \(destination.name): the EAR treats it as "
                        + "\(destination.name) on \(date) (\($0.note ?? $0.source)) [\($0.citation) [\($0.evidence)]]"
                ]
            } ?? []

        for rule in rules.rules where rule.kind != .controlListEntry {
            let status = rule.status(on: date)
            guard status.isCurrent else { continue }
            var reasons: [String] = []
            var matched: Bool? = true

            if let item = rule.item {
                switch item.evaluate(context, because: &reasons, explain: explain) {
                case .yes: break
                case .no: matched = false
                case .unknown(let facts):
                    matched = nil
                    reasons.append("unknown: " + facts.map(\.rawValue).joined(separator: ", "))
                }
            }
            if matched != false, let scope = rule.destinations {
                let (inScope, why) = Self.covers(
                    scope, iso2: destination.iso2, groups: destinationGroups, name: destination.name, explain: explain)
                if explain { reasons.append(why) }
                if !inScope { matched = false }
            }
            if matched != false, let from = rule.exportedFrom {
                if question.exportedFrom?.uppercased() == from.uppercased() {
                    reasons.append("exported from \(from)")
                } else {
                    reasons.append(
                        "applies only to exports from \(from)"
                            + (question.exportedFrom.map { " (this one is from \($0))" } ?? " (exported_from not given)")
                    )
                    matched = false
                }
            }
            if matched != false, let partyScope = rule.parties {
                if let lists = partyScope.ownedByListed {
                    let (hit, why) = ownershipMatch(
                        lists, endUser: question.endUser, listing: listing, date: date,
                        affiliation: &affiliation)
                    reasons.append(why)
                    if hit == false { matched = false } else if hit == nil { matched = nil }
                    if hit != false, !status.binds {
                        // A suspended ownership rule decides nothing, but an affiliate stays a red flag.
                        notes.append(
                            "red flag: \(why) (\(rule.id) is \(status.rawValue) on \(date); affiliates of "
                                + "listed parties remain a red flag)")
                        if hit == nil { continue }
                    }
                } else if partyScope.entityList == true {
                    let (hit, why) = Self.partyMatch(listing: listing, endUser: question.endUser)
                    reasons.append(why)
                    if !hit { matched = false }
                } else {
                    // The end user's and its ultimate parent's headquarters, found once per determination.
                    let found = headquarters ?? self.headquarters(for: question)
                    headquarters = found
                    let (hit, why) = headquartersMatch(partyScope, found, endUser: question.endUser, date: date)
                    reasons.append(why)
                    if hit == false { matched = false } else if hit == nil { matched = nil }
                }
            }
            if explain {
                trace.append(
                    TraceEntry(
                        rule: rule.id, title: rule.title, kind: rule.kind, status: status,
                        matched: matched, reasons: reasons, citation: rule.citationText,
                        evidence: rule.evidence))
            }
            if matched == true, let origin = rules.origins[rule.id], origin.isExtension {
                notes.append(
                    "rule \(rule.id) was added by \(origin), not aikit's rule data, and took part in this answer")
            }
            guard matched == true else {
                if matched == nil, rule.outcome?.licenseRequired == true {
                    missing.append("\(rule.id) cannot be decided: \(reasons.last ?? "a fact is missing")")
                }
                continue
            }
            switch rule.kind {
            case .announcement:
                notes.append("\(rule.explanation) [\(rule.evidence)]")
            case .licenceException:
                if status.binds { exceptionRules.append(rule) }
            default:
                guard rule.outcome?.licenseRequired == true else { continue }
                if status.binds { binding.append((rule, status)) } else { unenforced.append((rule, status)) }
            }
        }

        notes += currencyNotes(on: date)
        var result = ExportDetermination(
            item: question.item, destination: question.destination, date: date, exportedFrom: question.exportedFrom,
            endUser: question.endUser, classification: classification, licenseRequired: false, policy: nil,
            exceptions: [], status: classification.controlled ? "no licence required" : "not controlled", rule: nil,
            reasons: territoryReasons + classification.reasons,
            citations: (folded.map { [$0.citation] } ?? []) + classification.citations, notes: notes,
            missing: missing,
            entityMatch: listing, ownership: affiliation, dataSets: dataSetLabels, trace: trace)

        if let decider = binding.max(by: { $0.rule.precedence < $1.rule.precedence }) {
            result.licenseRequired = true
            result.policy = decider.rule.outcome?.policy
            if decider.rule.parties?.ownedByListed != nil, let strictest = Self.strictestPolicy(affiliation) {
                result.policy = strictest
            }
            result.status = decider.status.rawValue
            result.rule = decider.rule.id
            if explain {
                result.reasons.append(explanation(decider.rule, listing: listing, affiliation: affiliation))
                if let conditions = decider.rule.outcome?.conditions {
                    result.reasons.append("conditions: \(conditions)")
                }
                result.citations.append(decider.rule.citationText)
            }
            for offer in decider.rule.outcome?.exceptions ?? [] where offerApplies(offer, context) {
                result.exceptions.append(offer.name)
            }
            for rule in exceptionRules {
                for offer in rule.outcome?.exceptions ?? [] where offerApplies(offer, context) {
                    result.exceptions.append(offer.name)
                }
            }
            for other in binding where explain && other.rule.id != decider.rule.id {
                result.reasons.append("also: \(other.rule.id) (\(other.status.rawValue)) requires a licence")
            }
        } else if let dormant = unenforced.max(by: { $0.rule.precedence < $1.rule.precedence }) {
            result.status = dormant.status.rawValue
            result.rule = dormant.rule.id
            if explain {
                result.reasons.append(
                    "\(dormant.rule.id) would require a licence but is \(dormant.status.rawValue) on \(date)")
                result.citations.append(dormant.rule.citationText)
            }
        } else if !missing.isEmpty {
            result.status = "undetermined"
        }
        result.exceptions = unique(result.exceptions)
        result.citations = unique(result.citations)
        return result
    }

    private func offerApplies(_ offer: Rule.ExceptionOffer, _ context: PredicateContext) -> Bool {
        guard let condition = offer.when else { return true }
        var ignored: [String] = []
        return condition.evaluate(context, because: &ignored, explain: false) == .yes
    }

    private func explanation(_ rule: Rule, listing: ScreeningMatch?, affiliation: Affiliation?) -> String {
        var text = rule.explanation
        if let affiliation { text = text.replacingAll("{ownership}", with: affiliation.explanation) }
        if let listing {
            text = text.replacingAll("{party}", with: listing.party.name)
                .replacingAll("{listed_on}", with: listing.party.listedOn?.description ?? "an unknown date")
                .replacingAll("{listing_citation}", with: listing.party.federalRegisterNotice ?? listing.list)
        }
        return text
    }

    static func covers(_ scope: Rule.Destinations, iso2: String, groups: [String], name: String, explain: Bool)
        -> (Bool, String)
    {
        if let excluded = scope.exceptCountries, excluded.contains(iso2) {
            return (false, explain ? "\(name) is excluded" : "")
        }
        if let excluded = scope.exceptGroups, excluded.contains(where: groups.contains) {
            return (
                false,
                explain
                    ? "\(name) is in \(excluded.filter(groups.contains).joined(separator: ", ")), which the rule excludes"
                    : ""
            )
        }
        if scope.everywhere == true { return (true, explain ? "applies to every destination" : "") }
        if let countries = scope.countries, countries.contains(iso2) {
            return (true, explain ? "\(name) is named in the rule" : "")
        }
        if let listed = scope.groups, listed.contains(where: groups.contains) {
            return (
                true,
                explain ? "\(name) is in country group \(listed.filter(groups.contains).joined(separator: ", "))" : ""
            )
        }
        guard explain else { return (false, "") }
        let wanted = (scope.groups ?? []) + (scope.countries ?? [])
        return (false, "\(name) is not in \(wanted.joined(separator: ", "))")
    }

    /// Whether the end user is covered through its owners (the Affiliates Rule): true, false, or nil when the
    /// recorded stakes do not settle it. Computed once per determination.
    private func ownershipMatch(
        _ lists: [String], endUser: String?, listing: ScreeningMatch?, date: CalendarDay,
        affiliation: inout Affiliation?
    ) -> (Bool?, String) {
        guard let endUser else { return (false, "no end user given") }
        if let listing {
            return (false, "'\(endUser)' is itself listed (\(listing.list)); the listing, not its owners, decides")
        }
        let found =
            affiliation
            ?? parties.affiliation(
                of: endUser, on: date,
                counts: { party in
                    lists.contains { party.list.contains($0) }
                })
        affiliation = found
        switch found.verdict {
        case .covered: return (true, found.explanation)
        case .undetermined:
            return (
                nil,
                found.explanation + " — the rule makes the exporter determine the ownership; until then "
                    + "this is a red flag, not a clearance"
            )
        case .listed, .notCovered: return (false, found.explanation)
        }
    }

    /// The most restrictive licence policy among the listed owners an affiliation goes back to.
    static func strictestPolicy(_ affiliation: Affiliation?) -> String? {
        let order = ["presumption of denial", "case-by-case", "presumption of approval"]
        let policies = (affiliation?.listedOwners ?? []).compactMap { match in
            match.party.licensePolicy.map { (policy: $0, owner: match.party.name) }
        }
        guard
            let strictest = policies.min(by: { a, b in
                (order.firstIndex { a.policy.lowercased().hasPrefix($0) } ?? order.count)
                    < (order.firstIndex { b.policy.lowercased().hasPrefix($0) } ?? order.count)
            })
        else { return nil }
        return "\(strictest.policy.lowercased()) (the strictest of its listed owners': \(strictest.owner))"
    }

    static func partyMatch(listing: ScreeningMatch?, endUser: String?) -> (Bool, String) {
        guard let endUser else { return (false, "no end user given") }
        guard let listing else { return (false, "'\(endUser)' is not on a restricted-party list on this date") }
        return (
            true,
            "'\(endUser)' matches listed party '\(listing.party.name)' (\(listing.list), score "
                + "\(fmt(listing.score)), matched '\(listing.matchedName)')"
        )
    }
}

/// Order-preserving de-duplication of a short list.
func unique(_ list: [String]) -> [String] {
    var result: [String] = []
    for element in list where !result.contains(element) { result.append(element) }
    return result
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
