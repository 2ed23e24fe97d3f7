import AIKitTesting
import Foundation
import Testing

/// `aikit compliance fetch csl|opensanctions` and `aikit compliance news` as processes, against the local server's
/// Consolidated Screening List export, OpenSanctions bulk data and Federal Register documents API
/// (Sources/AIKitTesting/compliance_sources.py), and their bad answers: what is stored is what a new process
/// answers from, a bad answer stores nothing, hostile text never reaches the terminal.
@Suite(.enabled(if: ProviderServer.shared.unavailable == nil, "needs python3 for the local provider server"))
struct ComplianceFetchCLITests {
    let folder: String
    let db: String

    init() throws {
        folder = NSTemporaryDirectory() + "aikit-cli-compliance-\(UUID().uuidString)"
        db = folder + "/market.sqlite"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// aikit with every compliance source on the local server under `mode`-`unique tag` (the mode picks a
    /// misbehaviour; "ok" none).
    func aikit(_ arguments: [String], mode: String = "ok", _ changes: [String: String] = [:]) throws
        -> AikitProcess.Result
    {
        let tag = "\(mode)-\(UUID().uuidString.prefix(8).lowercased())"
        var environment: [String: String] = [
            "XDG_CACHE_HOME": folder + "/cache", "XDG_STATE_HOME": folder + "/state",
            "XDG_CONFIG_HOME": folder + "/config", "AIKIT_HTTP_BACKOFF": "0", "AIKIT_HTTP_TIMEOUT": "1",
            "AIKIT_DB": db,
        ]
        for (name, path) in [
            ("CSL", "csl"), ("OPENSANCTIONS", "opensanctions"), ("FEDERALREGISTER", "federalregister"),
        ] {
            environment["AIKIT_\(name)_BASE_URL"] = ProviderServer.shared.baseURL(path, tag: tag)
        }
        return try AikitProcess.run(arguments, environment: environment.merging(changes) { $1 })
    }

    func lua(_ code: String) throws -> AikitProcess.Result { try aikit(["script", "-e", code]) }

    @Test func theCSLIsStoredWithItsAsOfDateAndANewProcessScreensAndChecksWithIt() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fetched = try aikit(["compliance", "fetch", "csl", "--format", "csv"])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        // As of the latest source_last_updated of the lists it consolidates (2026-11-28), not the day fetched.
        #expect(fetched.stdout.contains("csl,parties,2026-11-28,"), "\(fetched.stdout)")
        let screened = try lua("print(compliance.screen('Quillmarsh Photonics Co., Ltd.')[1].list)")
        #expect(screened.stdout == "Entity List (EL) - Bureau of Industry and Security\n", "\(screened.stderr)")
        let answer = try lua(
            """
            local d = compliance.check{chip = 'H100', destination = 'Singapore', date = '2026-12-01',
              end_user = 'Quillmarsh Photonics Co., Ltd.', exported_from = 'US'}
            print(d.license_required)
            for _, n in ipairs(d.notes) do if n:find('are as of', 1, true) then print(n) end end
            """)
        #expect(answer.stdout.hasPrefix("true\n"), "\(answer.stdout)\(answer.stderr)")
        #expect(answer.stdout.contains("parties 'csl' are as of 2026-11-28, before this answer's date"))
        #expect(answer.stdout.contains("rules 'aikit rules' are as of 2026-02-03"))
        let list = try aikit(["compliance", "list", "--format", "csv"])
        #expect(list.stdout.contains("\ncsl,parties,2026-11-28,"), "\(list.stdout)")
        #expect(list.stdout.hasPrefix("name,kind,as_of,age_days,records,source\n"))
    }

    @Test func anOpenSanctionsDatasetIsStoredAsOfItsIndexAndItsOwnersCount() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fetched = try aikit(["compliance", "fetch", "opensanctions", "us_test", "--format", "csv"])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdout.contains("opensanctions us_test,ownership,2026-12-02,"), "\(fetched.stdout)")
        let screened = try lua("print(compliance.screen('Brightwater Lattice Ltd')[1].name)")
        #expect(screened.stdout == "Brightwater Lattice Ltd\n", "\(screened.stderr)")
        let owned = try lua(
            "print(compliance.ownership('Lattice Subsidiary Pte Ltd', {date = '2026-06-01'}).explanation)")
        #expect(owned.stdout.contains("Brightwater Lattice Ltd"), "\(owned.stdout)\(owned.stderr)")
        let unknown = try aikit(["compliance", "fetch", "opensanctions", "no_such_set"])
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.contains("OpenSanctions no_such_set index.json: HTTP 404 not found"), "\(unknown.stderr)")
        let hostile = try aikit(["compliance", "fetch", "opensanctions", "../../etc"])
        #expect(hostile.status != 0 && hostile.stderr.contains("is not an OpenSanctions dataset name"))
    }

    @Test(arguments: [
        ("trunc", "the connection broke"),
        ("badjson", "not valid JSON"),
        ("shape", "expected"),
        ("html", "sent an HTML page, not data"),
        ("down", "HTTP 503 server error, still after 4 tries"),
        ("ratelong", "asks to wait 3600 s"),
        ("forbidden", "HTTP 403 forbidden"),
        ("huge", "the answer is larger than 1 MB"),
        ("stall", "did not answer within 1 s"),
    ])
    func aBadCSLAnswerStoresNothing(mode: String, message: String) throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try aikit(["compliance", "fetch", "csl"], mode: mode, ["AIKIT_COMPLIANCE_MAX_MB": "1"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("aikit: compliance fetch: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(mode): \(result.stderr)")
        let list = try aikit(["compliance", "list", "--format", "csv"])
        #expect(!list.stdout.contains("\ncsl,"), "\(mode) stored something")
    }

    @Test(arguments: ["rate", "flaky"])
    func aPassingFaultIsRetried(mode: String) throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try aikit(["compliance", "fetch", "csl", "--format", "csv"], mode: mode)
        #expect(result.status == 0, "\(mode): \(result.stderr)")
        #expect(result.stdout.contains("csl,parties,2026-11-28,"))
    }

    @Test func newsListsWhatBISPublishedAfterTheRulesAndAnswersCountIt() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let table = try aikit(["compliance", "news"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("date        type           title") == true, "\(table.stdout)")
        // After 2026-02-03 (the rules' as-of date): not the document published that day.
        #expect(!table.stdout.contains("2026-02-03 "))
        #expect(lines.contains { $0.hasPrefix("2026-02-17  Rule           Additions to the Entity List") })
        #expect(table.stdout.contains("https://www.federalregister.gov/documents/2026/11/2026-09876/test"))
        #expect(table.stderr == "4 BIS documents published after 2026-02-03\n")
        let csv = try aikit(["compliance", "news", "--since", "2026-11-01", "--format", "csv"])
        #expect(
            csv.stdout == """
                date,type,title,citation,link
                2026-11-05,Notice,Affiliates Rule: Extension of Suspension,91 FR 41100,https://www.federalregister.gov/documents/2026/11/2026-09876/test
                2026-12-01,Rule,Entity List Additions and Revisions,,https://www.federalregister.gov/documents/2026/12/2026-10101/test

                """, "\(csv.stderr)")
        // A later --since still stores everything after the rules' as-of date: answers count all four.
        let answer = try lua(
            """
            local d = compliance.check{chip = 'H100', destination = 'China', date = '2026-12-05', exported_from = 'US'}
            for _, n in ipairs(d.notes) do print(n) end
            """)
        #expect(
            answer.stdout.contains("4 BIS documents appeared in the Federal Register after 2026-02-03 (news fetched "))
        #expect(answer.stdout.contains("assumed: "), "\(answer.stdout)")
        let list = try aikit(["compliance", "list", "--format", "csv"])
        #expect(list.stdout.contains("\nbis news,news,"), "\(list.stdout)")
    }

    @Test func newsFollowsPagesOnlyOnTheSameServer() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paged = try aikit(["compliance", "news", "--format", "json"], mode: "pages")
        #expect(paged.status == 0, "\(paged.stderr)")
        #expect(paged.stdout.components(separatedBy: "\"date\":").count - 1 == 4, "\(paged.stdout)")
        let offsite = try aikit(["compliance", "news"], mode: "offsite")
        #expect(offsite.status == 1)
        #expect(offsite.stderr.contains("points its next page elsewhere"), "\(offsite.stderr)")
        #expect(offsite.stderr.contains("nothing was stored"))
    }

    @Test(arguments: [
        ("shape", "results.#1.title"),
        ("badjson", "not valid JSON"),
        ("trunc", "the connection broke"),
        ("html", "sent an HTML page"),
        ("down", "HTTP 503 server error"),
    ])
    func badNewsAnswersSayWhatAndStoreNothing(mode: String, message: String) throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try aikit(["compliance", "news"], mode: mode)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("aikit: compliance news: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(mode): \(result.stderr)")
        let list = try aikit(["compliance", "list", "--format", "csv"])
        #expect(!list.stdout.contains("bis news"))
    }

    @Test func hostileTitlesNeverReachTheTerminalAsControls() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for format in ["table", "csv", "json"] {
            let result = try aikit(["compliance", "news", "--format", format], mode: "hostile")
            #expect(result.status == 0, "\(result.stderr)")
            let controls = result.stdout.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x202A...0x202E).contains($0.value)
            }
            #expect(controls.isEmpty, "\(format): \(controls.map(\.value))")
            #expect(!result.stdout.contains("javascript:"))
            #expect(result.stdout.contains("<script>alert(1)</script>"))  // text, shown as text: never markup here
        }
    }
}
