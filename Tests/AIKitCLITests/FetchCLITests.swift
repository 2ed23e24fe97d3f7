import AIKitTesting
import Foundation
import Testing

/// `aikit fetch`, `aikit update` and `store:fetch` as processes, against the local provider server: tables for
/// people, JSON for pipes, exit status 1 when anything failed, one line for an unreachable provider, and no key in
/// any output.
@Suite(.enabled(if: ProviderServer.shared.unavailable == nil, "needs python3 for the local provider server"))
struct FetchCLITests {
    let folder: String
    let tag = String(UUID().uuidString.prefix(8)).lowercased()
    var environment: [String: String]

    init() throws {
        folder = NSTemporaryDirectory() + "aikit-cli-fetch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        environment = ProviderServer.shared.environment(tag: tag)
        environment["XDG_CACHE_HOME"] = folder + "/cache"
        environment["XDG_STATE_HOME"] = folder + "/state"
        environment["XDG_CONFIG_HOME"] = folder + "/config"
        environment["AIKIT_HTTP_BACKOFF"] = "0"
        environment["AIKIT_HTTP_TIMEOUT"] = "1"
    }

    func aikit(_ arguments: [String], _ changes: [String: String] = [:]) throws -> AikitProcess.Result {
        let result = try AikitProcess.run(arguments, environment: environment.merging(changes) { $1 })
        for key in [ProviderServer.fmpKey, ProviderServer.fredKey, "not-a-valid-key"] {
            #expect(
                !result.stdout.contains(key) && !result.stderr.contains(key), "a key reached the output: \(arguments)")
        }
        return result
    }

    @Test func fetchPrintsATableAndJSONAndUpdateTakesOnlyNewDays() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/market.sqlite"
        let table = try aikit([
            "fetch", "fmp", "prices", "NVDA", "AMD", "--from", "2025-01-02", "--to", "2025-01-31", "--db", db,
        ])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("NVDA    fmp       prices   added     20        20"))
        #expect(table.stderr.hasSuffix("2 of 2 fetched: 40 rows new, 0 changed\n"))
        let json = try aikit([
            "fetch", "fred", "series", "SP500", "--from", "2025-01-02", "--to", "2025-01-03", "--db", db,
            "--format", "json",
        ])
        #expect(json.status == 0)
        #expect(
            json.stdout.hasPrefix(
                "[{\"target\":\"SP500\",\"provider\":\"fred\",\"dataset\":\"series\",\"status\":\"added\",\"rows\":2"))
        #expect(json.stderr.isEmpty)
        let update = try aikit(["update", "--db", db, "--format", "csv"])
        #expect(update.status == 0, "\(update.stderr)")
        let lines = update.stdout.split(separator: "\n")
        #expect(lines.count == 4)  // header, AMD, NVDA, SP500
        #expect(lines.contains { $0.hasPrefix("NVDA,fmp,prices,added,19,19,") })
        // Every weekday 2025-01-06..02-28, the market holidays among them as missing values (FRED's ".").
        #expect(lines.contains { $0.hasPrefix("SP500,fred,series,added,40,40,") })
        let requests = try ProviderServer.shared.requests(tag: tag)
        #expect(requests.last { $0.query["symbol"] == "NVDA" }?.query["from"] == "2025-02-01")
    }

    @Test func oneFailingSymbolDoesNotLoseTheOthersButFailsTheCommand() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/market.sqlite"
        let result = try aikit([
            "fetch", "yahoo", "prices", "NVDA", "NOSUCH", "HTML", "--from", "2025-01-24", "--to",
            "2025-01-28", "--db", db,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("NVDA    yahoo     prices   added"))
        #expect(result.stderr.contains("aikit: fetch: yahoo NOSUCH: HTTP 404 not found: Not Found: No data found"))
        #expect(result.stderr.contains("aikit: fetch: yahoo HTML: Yahoo Finance sent an HTML page, not data"))
        let check = try aikit(["script", "--db", db, "-e", "print(#market.open():bars{symbols={'NVDA'}})"])
        #expect(check.stdout == "3\n")
    }

    @Test func aWrongKeyIsReportedOnceAndNeverShown() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try aikit(
            ["fetch", "fmp", "prices", "NVDA", "AMD", "MU", "--db", folder + "/m.sqlite"],
            ["FMP_API_KEY": "not-a-valid-key"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("aikit:") }
        #expect(
            errors == [
                "aikit: fetch: fmp: HTTP 401 invalid key: Invalid API KEY. Feel free to create a Free API Key or "
                    + "visit https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information.; "
                    + "check FMP_API_KEY (get one at https://site.financialmodelingprep.com/developer/docs) (3 requests not made)"
            ])
        let dry = try aikit(["fetch", "fmp", "prices", "NVDA", "--dry-run", "--db", folder + "/m.sqlite"])
        #expect(dry.status == 0)
        #expect(
            dry.stdout
                == "GET \(ProviderServer.shared.baseURL("fmp", tag: tag))/stable/historical-price-eod/full?symbol=NVDA&apikey=***\n"
        )
    }

    @Test func anOfflineMachineGetsOneClearLine() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try aikit(
            ["fetch", "stooq", "prices", "NVDA", "AMD", "MU", "AVGO", "--db", folder + "/m.sqlite"],
            ["AIKIT_STOOQ_BASE_URL": "http://offline.invalid"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("aikit:") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("aikit: fetch: stooq: cannot reach Stooq (") == true)
        #expect(
            errors.first?.hasSuffix("are you offline? (a mirror or proxy: AIKIT_STOOQ_BASE_URL) (4 requests not made)")
                == true)
    }

    @Test func badArgumentsSayWhatToDo() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/m.sqlite"
        let noKey = try aikit(["fetch", "fred", "series", "DGS10", "--db", db], ["FRED_API_KEY": ""])
        #expect(noKey.status == 1)
        #expect(
            noKey.stderr
                == "aikit: fetch: fred needs an API key: set FRED_API_KEY, or api_key under [providers.fred] in "
                + "config.toml (get one at https://fred.stlouisfed.org/docs/api/api_key.html)\n")
        let badDate = try aikit(["fetch", "yahoo", "prices", "NVDA", "--from", "2025-13-01", "--db", db])
        #expect(badDate.stderr == "aikit: fetch: --from '2025-13-01' is not a date (use YYYY-MM-DD)\n")
        let nothing = try aikit(["update", "--db", db])
        #expect(nothing.status == 0)
        #expect(nothing.stderr.contains("nothing in \(db) was fetched from a provider"))
        let list = try aikit(["fetch", "--list", "--format", "csv"])
        #expect(list.stdout.contains("fmp,sectors,historical-sector-performance,FMP_API_KEY,"))
    }

    @Test func theKeyCanComeFromConfigToml() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/config/aikit", withIntermediateDirectories: true)
        try "[providers.fmp]\napi_key = \"\(ProviderServer.fmpKey)\"\ncalls_per_day = 1\n".write(
            toFile: folder + "/config/aikit/config.toml", atomically: true, encoding: .utf8)
        let result = try aikit(
            ["fetch", "fmp", "profile", "NVDA", "AMD", "--db", folder + "/m.sqlite"], ["FMP_API_KEY": ""])
        #expect(result.status == 1)
        #expect(result.stdout.contains("NVDA    fmp       profile  added"))
        #expect(result.stderr.contains("fmp: the day's 1 calls are spent"))
        // The day's calls are spent, but an answer in the cache costs none.
        let cached = try aikit(
            ["fetch", "fmp", "profile", "NVDA", "--db", folder + "/m.sqlite", "--format", "csv"],
            ["FMP_API_KEY": ""])
        #expect(cached.status == 0)
        // The same profile again: the security is there already, unchanged (securities are counted as bars are).
        #expect(cached.stdout.contains("NVDA,fmp,profile,unchanged,1,0,0,1,,,yes,"))
    }

    @Test func storeFetchFromLuaAndThePluginNetPermission() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = """
            local s = market.open(":memory:")
            local r = s:fetch{provider = "stooq", dataset = "prices", symbols = {"NVDA", "EMPTY"}, from = "2025-01-24", to = "2025-01-28"}
            print(r.inserted, r.ok, r.failed[1])
            print(s:sources():rows()().provider)
            """
        let result = try aikit(["script", "-e", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == "3\tfalse\tstooq EMPTY: Stooq has no data (an unknown symbol, or nothing in the range); "
                + "check the symbol and the dates\nstooq\n")
        // A plugin without "net" cannot fetch.
        // (Config and cache inside the fixture: a grant in the user's own config must not make this pass.)
        let fixture = try PluginFixture(prefix: "aikit-puller")
        try fixture.write(
            "plugins/puller.lua",
            """
            return aikit.plugin{ name = "puller", version = "1.0", commands = { pull = { run = function()
              market.open(":memory:"):fetch{provider = "stooq", dataset = "prices", symbols = {"NVDA"}}
              return 0
            end } } }
            """)
        let refused = try aikit(["pull"], fixture.environment())
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains(
                "plugin 'puller' needs the 'net' permission for MarketStore:fetch; grant it with "
                    + "--allow puller:net"))
        let allowed = try aikit(["--allow", "puller:net", "pull"], fixture.environment())
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    /// The attacks of the providers' security round through the binary: a base URL whose host part hides another
    /// host, a script's template that moves the host, and an answer whose parse would not fit the script's memory cap.
    @Test func hostileBaseURLsTemplatesAndAnswers() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let port = ProviderServer.shared.port ?? 0
        let moved = try aikit(
            ["fetch", "fmp", "prices", "NVDA", "--db", folder + "/m.sqlite"],
            ["AIKIT_FMP_BASE_URL": "http://127.0.0.1:9@127.0.0.1:\(port)/t-\(tag)/fmp"])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("has userinfo"), "\(moved.stderr)")
        let template = try aikit(
            [
                "script", "-e",
                "market.register_provider{name = 'mirror', base_url = 'http://127.0.0.1:9', datasets = {d = {url = "
                    + "'{base}@127.0.0.1:\(port)/t-\(tag)/fmp/stable/profile?symbol={symbol}&apikey={key}'}}}",
            ], ["AIKIT_MIRROR_API_KEY": ProviderServer.fmpKey])
        #expect(template.status != 0)
        #expect(template.stderr.contains("must start with {base} followed by '/' or '?'"), "\(template.stderr)")
        #expect(try ProviderServer.shared.requests(tag: tag).isEmpty)
        let big = try aikit([
            "script", "--memory", "64", "-e",
            "local r = market.open(':memory:'):fetch{provider = 'fmp', dataset = 'prices', symbols = {'BIGEMPTY'}} "
                + "print('after', r.ok)",
        ])
        #expect(big.status != 0)
        // (Stopped before parsing: 1 million values would take ~200 MB. The reason's own text cannot be raised once
        // the cap counts as hit, so the message is the cap's.)
        #expect(big.stderr.contains("exceeded its 64 MB memory limit"), "\(big.stderr)")
        #expect(!big.stdout.contains("after"))
    }

    /// The README's order: sectors fetched first, then the main job `--live` on the same store. The store has sources,
    /// but no bars: `--live` fetches the bars it lacks (it used to only update, and fail with "no 1d bars for 'SPY'").
    @Test func theMainJobLiveFillsAStoreHoldingOnlySectors() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/analysis.lua").path
        let db = folder + "/live.sqlite"
        let sectors = try aikit(["fetch", "fmp", "sectors", "--from", "2025-01-01", "--db", db])
        #expect(sectors.status == 0, "\(sectors.stderr)")
        let live = try aikit(["script", script, "--live", "--store", db])
        #expect(live.status == 0, "\(live.stderr)")
        let sample = try aikit(["script", script])
        let table = { (text: String) in text.split(separator: "\n").prefix(24).joined(separator: "\n") }
        #expect(table(live.stdout) == table(sample.stdout))
        // Filled once: a second run only updates.
        let again = try aikit(["script", script, "--live", "--store", db])
        #expect(again.stderr.contains("analysis.lua: --live: 0 rows new or changed"), "\(again.stderr)")
    }

    @Test func theMainJobRunsLiveWithAKeyAndOnTheSampleWithout() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/analysis.lua").path
        let db = folder + "/live.sqlite"
        let sample = try aikit(["script", script])
        let first = try aikit(["script", script, "--live", "--store", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasPrefix("analysis.lua: --live: "))
        #expect(first.stderr.contains(" rows new or changed in \(db)"))
        // The event study from the fetched store is the sample's (the server serves the sample's values).
        let table = { (text: String) in text.split(separator: "\n").prefix(24).joined(separator: "\n") }
        #expect(table(first.stdout) == table(sample.stdout))
        let requests = try ProviderServer.shared.requests(tag: tag).count
        #expect(requests == 21 + 11 + 20)  // prices with SPY, the 11 sectors, the profiles
        // The second run updates: one request per fetched symbol and sector (nothing new after 2025-02-28).
        let second = try aikit(["script", script, "--live", "--store", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("analysis.lua: --live: 0 rows new or changed"))
        #expect(
            try ProviderServer.shared.requests(tag: tag).dropFirst(requests).allSatisfy {
                ($0.query["from"] ?? "") >= "2025-03-01"
            })
        let noKey = try aikit(["script", script, "--live"], ["FMP_API_KEY": ""])
        #expect(noKey.status == 0)
        #expect(noKey.stderr.hasPrefix("analysis.lua: --live needs FMP_API_KEY"))
        #expect(noKey.stdout == sample.stdout)
    }

    @Test func aScriptRegistersAProviderAsData() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/m.sqlite"
        let register = """
            market.register_provider{ name = "mirror", title = "A Stooq mirror",
              base_url = "\(ProviderServer.shared.baseURL("stooq", tag: tag))",
              datasets = { daily = { kind = "bars", url = "{base}/q/d/l/?s={symbol}.us&d1={from_compact}&d2={to_compact}&i=d&k={key}" } } }
            """
        let script =
            register + """

                local s = market.open()
                local r = s:fetch{ provider = "mirror", dataset = "daily", symbols = {"NVDA"}, from = "2025-01-24", to = "2025-01-28" }
                print(r.inserted, r.ok, s:sources():rows()().provider)
                local plan = s:fetch{ provider = "mirror", dataset = "daily", symbols = {"AMD"}, dry_run = true }
                print(plan.results:col("message"):totable()[1])
                """
        let fetched = try aikit(["script", "--db", db, "-e", script], ["AIKIT_MIRROR_API_KEY": "mirror-secret-key"])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let lines = fetched.stdout.split(separator: "\n")
        #expect(lines.first == "3\ttrue\tmirror")
        #expect(lines.last?.hasSuffix("&i=d&k=***") == true)
        #expect(!fetched.stdout.contains("mirror-secret-key"))
        #expect(try ProviderServer.shared.requests(tag: tag).last?.query["k"] == "mirror-secret-key")
        // Without the key its variable names, the provider says which variable to set.
        let noKey = try aikit([
            "script", "--db", db, "-e",
            register + "\nmarket.open():fetch{provider = 'mirror', dataset = 'daily', symbols = {'NVDA'}}",
        ])
        #expect(noKey.stderr.contains("mirror needs an API key: set AIKIT_MIRROR_API_KEY"))
        // `aikit update` does not know the script's provider: it says so rather than failing the others.
        let update = try aikit(["update", "--db", db])
        #expect(update.status == 1)
        #expect(update.stderr.contains("aikit: update: mirror: provider 'mirror' is not registered in this run"))
    }

    @Test func ctrlCStopsAStalledFetchAtOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = AikitProcess.binary
        process.arguments = [
            "script", "-e",
            """
            local r = market.open(":memory:"):fetch{provider = "yahoo", dataset = "prices", symbols = {"STALL", "NVDA"}}
            print("returned", r.ok)
            """,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .merging(["AIKIT_HTTP_TIMEOUT": "30"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)  // the server holds STALL for 5 s
        let start = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(start)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(elapsed < 2.5, "Ctrl-C took \(elapsed) s")
        #expect(process.terminationStatus != 0)
        #expect(message.contains("interrupted"), "\(message)")
    }
}

/// `aikit compliance update`: stored data sets are what later scripts answer from.
@Suite struct ComplianceDataSetCLITests {
    @Test func storedRulePacksChangeLaterAnswersAndBadFilesStoreNothing() throws {
        let folder = NSTemporaryDirectory() + "aikit-cli-datasets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/m.sqlite"
        try ComplianceFixtures.rulePack.write(toFile: folder + "/pack.json", atomically: true, encoding: .utf8)
        try "owner,owned,percent\nA,B,200\n".write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let check =
            "local r = compliance.check{chip='H20', destination='China', date='2026-12-01', exported_from='US'} "
            + "print(r.rule) print(r.data_sets[#r.data_sets])"
        #expect(try AikitProcess.run(["script", "--db", db, "-e", check]).stdout.hasPrefix("NVIDIA-H20-LETTER-2025\n"))
        let bad = try AikitProcess.run(["compliance", "update", "--db", db, folder + "/pack.json", folder + "/bad.csv"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr == "aikit: compliance update: bad.csv:2: percent 200 is not in (0, 100]; nothing was stored\n")
        let good = try AikitProcess.run(["compliance", "update", "--db", db, "--format", "csv", folder + "/pack.json"])
        #expect(good.status == 0, "\(good.stderr)")
        // (age_days is today − as_of: it changes with the day the test runs.)
        #expect(good.stdout.hasPrefix("name,kind,as_of,age_days,records,source\npack.json,rules,2026-11-30,"))
        #expect(good.stdout.hasSuffix(",1,pack.json\n") && good.stdout.split(separator: "\n").count == 2)
        let after = try AikitProcess.run(["script", "--db", db, "-e", check])
        #expect(
            after.stdout
                == "TEST-PACK-H20\nrules 'pack.json' as of 2026-11-30 (1 records, pack.json, stored in \(db))\n")
        let list = try AikitProcess.run(["compliance", "list", "--db", db, "--format", "csv"])
        #expect(list.stdout.split(separator: "\n").count == 4)
    }
}
