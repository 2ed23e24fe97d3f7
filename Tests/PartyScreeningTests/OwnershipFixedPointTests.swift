import AIKitTesting
import Foundation
import PartyScreening
import Testing

/// The 50% test as a fixed point: the same answer in any insertion order, cycles included; chains of any length
/// without recursion; one fact added twice is one fact. (Huawei is the bundled sample's Entity List party; the other
/// companies are made up.)
@Suite struct OwnershipFixedPointTests {
    static let huawei = "Huawei Technologies Co., Ltd."
    static let day = try! CalendarDay("2025-10-01")

    static func parties(_ edges: [OwnershipEdge]) throws -> PartyList {
        var parties = PartyList.bundled
        try parties.ownership.add(contentsOf: edges)
        return parties
    }

    /// The security issue's case: Huawei 50% of Alpha, Beta 50% of Alpha, Alpha 100% of Beta, Alpha 25% + Beta 25%
    /// of Target. Alpha is covered through Huawei, Beta through Alpha, Target through both: in either order.
    @Test func aCycleGivesTheSameAnswerInEitherOrder() throws {
        let edges = [
            OwnershipEdge(owner: Self.huawei, owned: "Alpha", percent: 50),
            OwnershipEdge(owner: "Beta", owned: "Alpha", percent: 50),
            OwnershipEdge(owner: "Alpha", owned: "Beta", percent: 100),
            OwnershipEdge(owner: "Alpha", owned: "Target", percent: 25),
            OwnershipEdge(owner: "Beta", owned: "Target", percent: 25),
        ]
        let forward = try Self.parties(edges).affiliation(of: "Target", on: Self.day)
        let backward = try Self.parties(edges.reversed()).affiliation(of: "Target", on: Self.day)
        #expect(forward.verdict == .covered)
        #expect(forward.coveredPercent == 50)
        #expect(forward.listedOwners.map(\.party.name) == [Self.huawei])
        #expect(forward.explanation == backward.explanation)
        #expect(forward.explanation.contains("ownership cycle: Alpha → Beta → Alpha"), "\(forward.explanation)")
        // The whole path to the listed root, with the percentages.
        #expect(
            forward.explanation.hasPrefix(
                "'Target' is 50% owned by listed or covered parties: Alpha 25% (covered: 100% owned by listed or "
                    + "covered parties: Huawei Technologies Co., Ltd. 50% (Entity List (EL), listed 2019-05-16) + Beta "
                    + "50% (covered: 100% owned by listed or covered parties)) + Beta 25% (covered: 100% owned by "
                    + "listed or covered parties: Alpha 100% (covered: 100% owned by listed or covered parties, see "
                    + "above))"),
            "\(forward.explanation)")
    }

    /// A cycle of unlisted owners covers nobody: 60% of each other is not a listed party's stake.
    @Test func aCycleWithoutAListedOwnerIsNotCovered() throws {
        let parties = try Self.parties([
            OwnershipEdge(owner: "Ring One", owned: "Ring Two", percent: 60),
            OwnershipEdge(owner: "Ring Two", owned: "Ring One", percent: 60),
            OwnershipEdge(owner: "Ring One", owned: "Leaf Co", percent: 100),
        ])
        let affiliation = parties.affiliation(of: "Leaf Co", on: Self.day)
        #expect(affiliation.verdict == .notCovered)
        #expect(affiliation.explanation.contains("ownership cycle: Ring One → Ring Two → Ring One"))
    }

    struct Answer: Equatable, CustomStringConvertible {
        var verdict: Affiliation.Verdict
        var percent: Double
        var roots: [String]
        var explanation: String
        init(_ affiliation: Affiliation) {
            verdict = affiliation.verdict
            percent = affiliation.coveredPercent
            roots = affiliation.listedOwners.map(\.party.name)
            explanation = affiliation.explanation
        }
        var description: String { "\(verdict.rawValue) \(percent) \(roots) \(explanation)" }
    }

    /// Random graphs (with cycles, stakes of unknown size, listed owners, thirds that only sum exactly in
    /// millionths), each built in five shuffled orders: every entity gets the same answer from every order.
    @Test(arguments: 0..<40)
    func shuffledInsertionOrderNeverChangesAnAnswer(seed: UInt64) throws {
        var random = SeededRandom(seed: 0x0A11_0001, stream: seed)
        let count = 3 + Int(random.next() % 8)
        let names = (0..<count).map { "Entity \($0)" }
        let owners = names + [Self.huawei, "SMIC Holdings Limited"]
        var edges: [OwnershipEdge] = []
        var seen = Set<String>()
        for _ in 0..<(count * 2 + Int(random.next() % 6)) {
            let owner = random.pick(owners)
            let owned = random.pick(names)
            guard owner != owned, seen.insert("\(owner)|\(owned)").inserted else { continue }
            let percent: Double? = random.chance(0.15) ? nil : random.pick([10, 100.0 / 3, 25, 30, 50, 60, 100])
            edges.append(OwnershipEdge(owner: owner, owned: owned, percent: percent))
        }
        let expected = try names.map { Answer(try Self.parties(edges).affiliation(of: $0, on: Self.day)) }
        for _ in 0..<5 {
            edges.shuffle(using: &random)
            let parties = try Self.parties(edges)
            for (index, name) in names.enumerated() {
                #expect(Answer(parties.affiliation(of: name, on: Self.day)) == expected[index], "\(edges)")
            }
        }
    }

    static func chain(_ length: Int) -> [OwnershipEdge] {
        [OwnershipEdge(owner: huawei, owned: "Link 0", percent: 100)]
            + (1..<length).map { OwnershipEdge(owner: "Link \($0 - 1)", owned: "Link \($0)", percent: 60) }
    }

    /// A 10,000-entity chain crashed the recursive walk (SIGSEGV); now it is a loop, and the explanation stays short.
    @Test func aTenThousandEntityChainIsFollowedToTheTop() throws {
        let parties = try Self.parties(Self.chain(10_000))
        let start = Date()
        let affiliation = parties.affiliation(of: "Link 9999", on: Self.day)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(affiliation.verdict == .covered)
        #expect(affiliation.listedOwners.map(\.party.name) == [Self.huawei])
        #expect(affiliation.explanation.count < 4_000)
        #expect(
            affiliation.explanation.hasPrefix("'Link 9999' is 60% owned by listed or covered parties: Link 9998 60%"))
        #expect(parties.ownership.problems(on: Self.day).isEmpty)
    }

    /// Past the exploration bound the owners beyond count as unknown: undetermined, never "not covered", and said.
    @Test func theExplorationIsBounded() throws {
        let parties = try Self.parties(Self.chain(50))
        let bounded = parties.affiliation(of: "Link 49", on: Self.day, mostEntities: 10)
        #expect(bounded.verdict == .undetermined)
        #expect(
            bounded.explanation.hasSuffix(
                "; aikit followed the owners of 10 entities above 'Link 49' and stopped there: owners beyond them "
                    + "count as unknown"), "\(bounded.explanation)")
        #expect(parties.affiliation(of: "Link 49", on: Self.day, mostEntities: 51).verdict == .covered)
    }

    /// An entity held by many covered owners: the explanation names twenty and counts the rest, with their total.
    @Test func manyOwnersAreCountedNotAllNamed() throws {
        let subsidiaries = (0..<30).map { "Sub \($0 < 10 ? "0" : "")\($0)" }
        let parties = try Self.parties(
            subsidiaries.flatMap {
                [
                    OwnershipEdge(owner: Self.huawei, owned: $0, percent: 100),
                    OwnershipEdge(owner: $0, owned: "Target", percent: 2),
                ]
            })
        let affiliation = parties.affiliation(of: "Target", on: Self.day)
        #expect(affiliation.verdict == .covered && affiliation.coveredPercent == 60)
        #expect(affiliation.explanation.contains("+ Sub 19 2% (covered: 100% owned by listed or covered parties: "))
        #expect(!affiliation.explanation.contains("Sub 20"))
        #expect(affiliation.explanation.hasSuffix(" + 10 more holding 20%"), "\(affiliation.explanation)")
    }

    /// A 100,000-row ownership file: read, added and checked for cycles in a loop, not a recursion.
    @Test func aHundredThousandRowFileIsReadAndCheckedForCycles() throws {
        var text = "owner,owned,percent\n"
        for index in 1..<100_000 { text += "Link \(index - 1),Link \(index),60\n" }
        text += "Link 99999,Link 0,60\n"
        let read = try OwnershipImport.read(Array(text.utf8), origin: "chain.csv")
        var graph = OwnershipGraph()
        try graph.add(contentsOf: read.edges)
        let problems = graph.problems(on: Self.day)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("ownership cycle on 2025-10-01: Link 0 → Link 1 → Link 2 → ") == true)
    }

    /// `import_ownership` looked for problems on every date a stake starts or ends, each a pass over the whole graph:
    /// 20,000 dated rows ran past two minutes. Now totals are swept per entity and cycles sought only inside the
    /// cycles of the all-dates graph, on at most 64 dates. (5,000 dated rows took over a minute.)
    @Test func problemsOnManyDatesStayLinear() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let base = try #require(formatter.date(from: "2000-01-01"))
        let days = try (0..<5_000).map {
            try CalendarDay(formatter.string(from: base.addingTimeInterval(Double($0) * 86_400)))
        }
        let first = days[0]
        var edges = (1..<5_000).map {
            OwnershipEdge(owner: "Link \($0 - 1)", owned: "Link \($0)", percent: 60, from: days[$0])
        }
        edges.append(OwnershipEdge(owner: "Link 4999", owned: "Link 0", percent: 60, from: first))
        edges += (0..<2_000).map { OwnershipEdge(owner: "Owner \($0)", owned: "Big Co", percent: 30, from: days[$0]) }
        var graph = OwnershipGraph()
        let start = Date()
        try graph.add(contentsOf: edges)
        let problems = graph.problems(on: days)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(problems.count == 1_997 + 2)
        #expect(problems[0] == "the stakes in 'Big Co' add up to 120% on 2000-01-04")
        // The cycle closes only when its last stake starts, on the last date.
        #expect(problems[1_997].hasPrefix("ownership cycle on 2013-09-08: Link 0 → Link 1 → "))
        #expect(problems[1_998].hasPrefix("ownership cycles were sought on 64 of the 5000 dates"))
    }

    /// The same stake twice is one stake (re-running a notebook cell changed 30% into "60% owned").
    @Test func theSameStakeTwiceIsOneStake() throws {
        var parties = PartyList.bundled
        let stake = OwnershipEdge(owner: Self.huawei, owned: "Twice Co", percent: 30)
        try parties.ownership.add(stake)
        try parties.ownership.add(stake)
        try parties.ownership.add(contentsOf: [stake, stake])
        #expect(parties.ownership.edges.count == 1)
        #expect(parties.affiliation(of: "Twice Co", on: Self.day).coveredPercent == 30)
        // The same period again replaces (an edited cell); a new period after the old one ends is a second fact.
        try parties.ownership.add(OwnershipEdge(owner: "HUAWEI TECHNOLOGIES CO LTD", owned: "twice co.", percent: 35))
        #expect(parties.ownership.edges.map(\.percent) == [35])
        var sold = OwnershipEdge(owner: "Fund", owned: "Twice Co", percent: 10, until: try CalendarDay("2025-01-01"))
        try parties.ownership.add(sold)
        sold.from = sold.until
        sold.until = nil
        try parties.ownership.add(sold)
        #expect(parties.ownership.edges.count == 3)
    }

    @Test func overlappingStakesAreRefusedNamingBoth() throws {
        var graph = OwnershipGraph()
        try graph.add(
            OwnershipEdge(
                owner: "Fund", owned: "Target", percent: 30, from: try CalendarDay("2020-01-01"), source: "filing"))
        #expect(
            throws: OwnershipError(
                "'Fund' 40% of 'Target' from 2024-01-01 overlaps 'Fund' 30% of 'Target' from 2020-01-01 (filing), "
                    + "already recorded: the stakes would add up; give the same period to replace it, or end one "
                    + "before the other starts")
        ) {
            try graph.add(
                OwnershipEdge(owner: "Fund", owned: "Target", percent: 40, from: try CalendarDay("2024-01-01")))
        }
        #expect(
            throws: OwnershipError(
                "'A' 10% of 'B' (undated) and 'A' 20% of 'B' (undated) are two different stakes for the same period: keep one"
            )
        ) {
            try graph.add(contentsOf: [
                OwnershipEdge(owner: "A", owned: "B", percent: 10), OwnershipEdge(owner: "A", owned: "B", percent: 20),
            ])
        }
        #expect(graph.edges.count == 1)
    }
}
