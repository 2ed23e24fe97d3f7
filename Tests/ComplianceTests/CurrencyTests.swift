import Compliance
import PartyScreening
import Testing

/// Currency: an answer for a date after a data set's as-of date says so, naming the date; with BIS's Federal
/// Register documents fetched, it counts those published since; and on or after the day a suspension was due to
/// end, it says what it assumes (the Affiliates Rule's suspension ran to 2026-11-09 "absent a future extension":
/// shared/reference/export-controls.md). Every row cites where its date comes from.
@Suite struct CurrencyTests {
    static let rulesAsOf = "2026-02-03"  // rules.json's as_of (the bundled rule data set)

    func answer(_ engine: ComplianceEngine, _ date: String, endUser: String? = nil) throws -> ExportDetermination {
        engine.check(
            ExportQuestion(
                item: try engine.item(chip: "H100"), destination: try engine.countries.country("Singapore"),
                date: try CalendarDay(date), endUser: endUser, exportedFrom: "US"))
    }

    func currency(_ notes: [String]) -> [String] {
        notes.filter { $0.contains("are as of") || $0.hasPrefix("assumed:") }
    }

    @Test(arguments: [
        // (chip, destination, date, whether the rules' as-of note is expected, whether the Affiliates assumption is
        // expected). The as-of date is rules.json's as_of; the suspension's dates are the final rule's (Federal
        // Register vol. 90 no. 216, 2025-11-12: suspended 2025-11-10 to 2026-11-09, reimposed 2026-11-10 "absent a
        // future extension"; shared/reference/export-controls.md).
        ("H100", "Singapore", "2025-06-01", false, false),  // long before the as-of date
        ("H100", "Singapore", "2025-11-10", false, false),  // the suspension's first day, within the data
        ("H100", "Singapore", "2026-02-03", false, false),  // the as-of date itself: the data describes it
        ("H100", "Singapore", "2026-02-04", true, false),  // the first day the data cannot describe
        ("H100", "Singapore", "2026-11-09", true, false),  // the suspension's last day
        ("H100", "Singapore", "2026-11-10", true, true),  // reimposed "absent a future extension"
        ("H100", "Singapore", "2026-12-06", true, true),
        ("H20", "China", "2026-01-15", false, false),  // the H20 letter's scope (NVIDIA 8-K, 2025-04-15), in the data
        ("H20", "China", "2026-06-01", true, false),
        ("H20", "China", "2026-11-10", true, true),
        ("A100", "Germany", "2026-12-01", true, true),  // an ally: still past the data, still assumed
        ("RTX 4090", "France", "2027-03-01", true, true),
    ])
    func answersPastTheAsOfDateSaySo(
        chip: String, destination: String, date: String, asOfNote: Bool, assumption: Bool
    ) throws {
        let engine = ComplianceEngine()
        let asked = engine.check(
            ExportQuestion(
                item: try engine.item(chip: chip), destination: try engine.countries.country(destination),
                date: try CalendarDay(date), exportedFrom: "US"))
        let notes = currency(asked.notes)
        let named = notes.filter { $0.contains("rules 'aikit rules' are as of \(Self.rulesAsOf)") }
        #expect(named.count == (asOfNote ? 1 : 0), "\(date): \(notes)")
        let assumed = notes.filter { $0.hasPrefix("assumed: ") && $0.contains("binds again from 2026-11-10") }
        #expect(assumed.count == (assumption ? 1 : 0), "\(date): \(notes)")
        if assumption {
            #expect(assumed[0].contains("its suspension ran to 2026-11-09 absent a future extension"))
        }
        if asOfNote {
            #expect(
                named[0].contains("`aikit compliance news` lists BIS's Federal Register documents since 2026-02-03"))
        }
    }

    static let news = RegulatoryNews(
        agency: "industry-and-security-bureau", since: try! CalendarDay("2026-01-01"),
        fetchedOn: try! CalendarDay("2026-12-05"),
        documents: [
            ("2026-00001", "2026-01-20"), ("2026-00002", "2026-02-03"), ("2026-00003", "2026-02-17"),
            ("2026-00004", "2026-11-05"),
        ].map { number, day in
            RegulatoryDocument(
                documentNumber: number, type: "Rule", title: "Additions to the Entity List", citation: nil,
                publicationDate: try! CalendarDay(day), htmlURL: "https://www.federalregister.gov/d/\(number)")
        })

    @Test func storedNewsIsCountedFromTheRulesAsOfDate() throws {
        var engine = ComplianceEngine()
        let info = try engine.load(Self.news.encoded(), name: "bis news", source: "federalregister.gov")
        let fetched = try CalendarDay("2026-12-05")
        #expect(info.kind == .news && info.records == 4 && info.asOf == fetched)
        let notes = currency(try answer(engine, "2026-12-06").notes)
        // Two of the four were published after 2026-02-03 (the one on the as-of day itself is not counted).
        #expect(
            notes.contains {
                $0.contains(
                    "2 BIS documents appeared in the Federal Register after 2026-02-03 (news fetched 2026-12-05; "
                        + "`aikit compliance news` lists them)")
            }, "\(notes)")
        // The news data set is not itself a reason for a note, and an earlier answer carries none.
        #expect(currency(try answer(engine, "2026-01-15").notes).isEmpty)
        // Loading it again replaces it.
        _ = try engine.load(Self.news.encoded(), name: "bis news", source: "federalregister.gov")
        #expect(engine.dataSets.filter { $0.kind == .news }.count == 1)
    }

    @Test func aRulePackThatMentionsTheNewsKeyIsStillARulePack() throws {
        let pack = #"{"as_of": "2026-11-30", "about": "not \"federal_register_documents\"", "rules": []}"#
        #expect(ComplianceEngine.dataSetKind(of: Array(pack.utf8)) == .rules)
        #expect(ComplianceEngine.dataSetKind(of: Self.news.encoded()) == .news)
    }

    @Test func aPartyListNamesItsOwnAsOfDate() throws {
        var engine = ComplianceEngine()
        let csl = #"{"results": [{"name": "Quillmarsh Photonics Co., Ltd.", "source": "Entity List (EL)"}]}"#
        _ = try engine.load(Array(csl.utf8), name: "csl", source: "test", asOf: try CalendarDay("2026-11-28"))
        let notes = currency(try answer(engine, "2026-12-01").notes)
        #expect(notes.contains { $0.hasPrefix("parties 'csl' are as of 2026-11-28, before this answer's date") })
        #expect(!currency(try answer(engine, "2026-11-28").notes).contains { $0.contains("'csl'") })
    }

    @Test func aRulePackThatKnowsTheReimpositionNeedsNoAssumption() throws {
        var engine = ComplianceEngine()
        let pack = #"{"as_of": "2026-11-30", "rules": []}"#
        _ = try engine.load(Array(pack.utf8), name: "later pack", source: "pack.json")
        let notes = currency(try answer(engine, "2026-12-01").notes)
        #expect(!notes.contains { $0.hasPrefix("assumed:") }, "\(notes)")
    }

    @Test func aTimelinePeriodThatReachesPastTheAsOfDateSaysSo() throws {
        let engine = ComplianceEngine()
        let question = ExportQuestion(
            item: try engine.item(chip: "H100"), destination: try engine.countries.country("France"),
            date: try CalendarDay("2025-01-01"), exportedFrom: "US")
        let periods = engine.timeline(question, from: try CalendarDay("2025-01-01"))
        let last = try #require(periods.last)
        #expect(last.until == nil)
        #expect(last.determination.notes.contains { $0.contains("rules 'aikit rules' are as of 2026-02-03") })
        let asOf = try CalendarDay("2026-02-03")
        #expect(last.from <= asOf)  // its first day alone would not have said so
    }

    @Test func hostileDocumentTextIsMadePlain() throws {
        let page = """
            {"count": 1, "results": [{"document_number": "2026-1\\u001b[2J", "type": "Rule\\u0007",
             "title": "\\u001b[31mCLEARED\\u001b[0m <b>x</b>\\nsecond \\u202eevil\\u202c", "citation": "\\u001b]8;;x\\u0007",
             "publication_date": "2026-03-01", "html_url": "javascript:alert(1)"}]}
            """
        let read = try RegulatoryNews.page(Array(page.utf8), origin: "page 1")
        let document = try #require(read.documents.first)
        for text in [document.documentNumber, document.type, document.title, document.citation ?? ""] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E })
        }
        #expect(document.title == "[31mCLEARED[0m <b>x</b> second evil")
        #expect(document.htmlURL == "")
    }

    @Test(arguments: [
        (#"{"results": []}"#, "missing 'count' at the top level"),
        (#"{"count": 1, "results": [{"document_number": "1", "type": "Rule", "title": 7}]}"#, "results.#1.title"),
        (
            #"{"count": 1, "results": [{"document_number": "1", "type": "Rule", "title": "t", "publication_date": "soon", "html_url": ""}]}"#,
            "results.#1.publication_date"
        ),
        (#"{"count": 1, "results": [{"document_n"#, "not valid JSON"),
    ])
    func badPagesSayWhatAndWhere(text: String, message: String) throws {
        #expect {
            _ = try RegulatoryNews.page(Array(text.utf8), origin: "page 2")
        } throws: { error in
            "\(error)".hasPrefix("page 2: not a Federal Register documents answer") && "\(error)".contains(message)
        }
    }

    @Test func dayArithmeticRoundTrips() throws {
        let start = try CalendarDay("1999-12-31")
        let (millennium, march, leapDay, epoch) = (
            try CalendarDay("2000-01-01"), try CalendarDay("2024-03-01"), try CalendarDay("2024-02-29"),
            try CalendarDay("1970-01-01")
        )
        #expect(start.adding(days: 1) == millennium)
        #expect(march.adding(days: -1) == leapDay)
        #expect(epoch.dayNumber == 0)
        for offset in stride(from: -40_000, through: 40_000, by: 997) {
            #expect(start.adding(days: offset)!.dayNumber == start.dayNumber + offset)
        }
    }
}
