public import PartyScreening

/// Where the end user and its ultimate parent are headquartered, as far as the question and the data say: the
/// headquarters provision of 15 CFR 744.23(a)(3) (2023-11-17) and the 2025 H20 letter reach "companies headquartered
/// or with an ultimate parent" in the places they name, wherever the item goes.
public struct HeadquartersFinding: Sendable {
    public struct Place: Sendable {
        public var country: Country
        /// "as given (end_user_hq)", or where the party lists say it ("Entity List address of 'Huawei …'").
        public var how: String
    }

    /// The end user's headquarters, given or found on the party lists.
    public var endUser: Place?
    /// The majority owners above the end user (empty chain: none recorded).
    public var chain: MajorityChain?
    /// The ultimate parent's headquarters, when the chain has a parent and the party lists place it.
    public var parent: Place?
    /// What is not known and could decide the question.
    public var unknown: [String] = []
}

extension ComplianceEngine {
    /// The end user's and its ultimate parent's headquarters for `question` (no end user and no `end_user_hq`: none).
    public func headquarters(for question: ExportQuestion) -> HeadquartersFinding {
        var finding = HeadquartersFinding()
        if let given = question.endUserHeadquarters {
            finding.endUser = .init(country: given, how: "as given")
        }
        guard let endUser = question.endUser else { return finding }
        if finding.endUser == nil {
            finding.endUser = listedHeadquarters(of: endUser)
            if finding.endUser == nil {
                finding.unknown.append(
                    "where '\(endUser)' is headquartered is neither given (end_user_hq) nor on the party lists")
            }
        }
        let chain = parties.majorityChain(of: endUser, on: question.date)
        finding.chain = chain
        if let stopped = chain.stopped {
            finding.unknown.append("the ultimate parent of '\(endUser)' is not settled: \(stopped) (\(chain.path))")
        } else if !chain.links.isEmpty {
            finding.parent = listedHeadquarters(of: chain.ultimateParent)
            if finding.parent == nil {
                finding.unknown.append(
                    "where the ultimate parent '\(chain.ultimateParent)' is headquartered is not on the party lists "
                        + "(\(chain.path))")
            }
        }
        return finding
    }

    /// Where `name` is headquartered by the party lists: the best match's address country, when it has exactly one.
    func listedHeadquarters(of name: String) -> HeadquartersFinding.Place? {
        guard let match = parties.screen(name).first, match.party.countries.count == 1,
            let country = try? countries.country(match.party.countries[0])
        else { return nil }
        let list = match.list.components(separatedBy: " - ").first ?? match.list
        let fuzzy = match.score < 1 ? " ('\(name)' matched at score \(fmt(match.score)), a fuzzy match)" : ""
        return .init(country: country, how: "\(list) address of '\(match.party.name)'\(fuzzy)")
    }

    /// Whether the end user, or its ultimate parent, is headquartered where `scope` says: true, false, or nil when
    /// a headquarters that could decide it is unknown (never assumed to be outside the scope).
    func headquartersMatch(
        _ scope: Rule.Parties, _ finding: HeadquartersFinding, endUser: String?, date: CalendarDay
    ) -> (Bool?, String) {
        func inScope(_ place: HeadquartersFinding.Place) -> String? {
            let country = place.country
            if let places = scope.headquarteredIn, places.contains(country.iso2) { return country.name }
            let groups = countries.groups(of: country.iso2, on: date)
            if let wanted = scope.headquarteredInGroups?.filter(groups.contains), !wanted.isEmpty {
                return "\(country.name) (\(wanted.joined(separator: ", ")))"
            }
            return nil
        }
        if let place = finding.endUser, let where_ = inScope(place) {
            return (
                true, "end user headquartered in \(where_)" + (place.how == "as given" ? "" : ", by the \(place.how)")
            )
        }
        if let chain = finding.chain, let place = finding.parent, let where_ = inScope(place) {
            return (
                true,
                "ultimate parent '\(chain.ultimateParent)' headquartered in \(where_), by the \(place.how); majority "
                    + "ownership on \(date): \(chain.path)"
            )
        }
        guard endUser != nil || finding.endUser != nil else { return (false, "end-user headquarters not given") }
        if !finding.unknown.isEmpty {
            return (nil, finding.unknown.joined(separator: "; ") + ": give end_user_hq, or record the owners")
        }
        var text = finding.endUser.map { "end user headquartered in \($0.country.name)" } ?? ""
        if let chain = finding.chain, let place = finding.parent {
            text += ", ultimate parent '\(chain.ultimateParent)' in \(place.country.name) (\(chain.path))"
        } else if endUser != nil {
            text += ", no majority owner recorded"
        }
        return (false, text + ": outside the rule's scope")
    }
}
