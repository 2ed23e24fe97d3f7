import Frames
import LuaRuntime
import MarketData
import MarketFeeds

/// A market store held by Lua, with the providers its `fetch` may use.
final class StoreBox {
    let store: any MarketStore
    let providers: MarketProviders
    init(_ store: any MarketStore, providers: MarketProviders) {
        self.store = store
        self.providers = providers
    }
}

/// The `market` Lua module: stores (`market.open`, `market.sample`), frames, and the event study.
enum MarketModule {
    static let module = ScriptModule(name: "market") { context in
        ModuleDefinition(
            name: "market",
            functions: [
                "open": { (call: LuaCall) throws -> Int32 in
                    var path = try call.optionalString(1) ?? StoreLocation.defaultPath()
                    if PostgresMarketStore.accepts(path) {
                        // A network store: reaching it is like running a program, so plugins need "exec".
                        path = try call.state.checkedPath("exec", path, "market.open")
                    } else if path != ":memory:" {
                        path = try call.state.checkedPath("write", path, "market.open")
                    }
                    return push(call, try storeCall { try MarketStores.open(path) }, context)
                },
                "sample": { (call: LuaCall) throws -> Int32 in
                    if let store = context.sampleStore { return push(call, store, context) }
                    let store = try storeCall { try MarketSample.open() }
                    context.sampleStore = store
                    return push(call, store, context)
                },
                "register_provider": { (call: LuaCall) throws -> Int32 in
                    let provider = try providerSpec(FieldReader(try call.table(1), argument: 1))
                    _ = try call.state.checkedPath("net", provider.name, "market.register_provider")
                    if let origin = call.state.origin {
                        let settings: FetchSettings
                        do { settings = try FetchSettings.configured() } catch { throw LuaScriptError("\(error)") }
                        if let reason = settings.userDefinition(of: provider.name) {
                            throw LuaScriptError(
                                "market.register_provider: \(origin) may not register provider '\(provider.name)': "
                                    + "\(reason), and that key is for the host you configured, not one a plugin "
                                    + "declares; the plugin must use another name")
                        }
                    }
                    do { try context.providers.register(provider) } catch { throw LuaScriptError("\(error)") }
                    return 0
                },
                "frame": { (call: LuaCall) throws -> Int32 in
                    try FrameClass.push(call, try MarketValues.frame(from: try call.table(1), argument: 1))
                },
                "event_study": { (call: LuaCall) throws -> Int32 in
                    var fields = FieldReader(try call.table(1))
                    guard let storeValue = fields.value("store") else {
                        throw fields.error("store", "is required (market.open() or market.sample())")
                    }
                    try call.push(storeValue)
                    let found = try? call.object(-1, of: storeClass)
                    call.state.pop()
                    guard let store = found else {
                        throw fields.error("store", "must be a store from market.open() or market.sample()")
                    }
                    guard let symbols = try MarketValues.strings(&fields, "symbols") else {
                        throw fields.error("symbols", "is required (a list like {\"NVDA\", \"AVGO\"})")
                    }
                    let benchmark = try fields.string("benchmark") ?? EventStudy.defaultBenchmark
                    guard let event = try MarketValues.time(&fields, "event") else {
                        throw fields.error("event", "is required (a date like \"2025-01-27\")")
                    }
                    let window = try range(&fields, "window")
                    let estimation = try range(&fields, "estimation")
                    let column = try fields.string("column")
                    let minimum = try fields.integer("min_observations")
                    try fields.finish()
                    let bars = try storeCall {
                        try store.store.bars(BarQuery(symbols: Array(Set(symbols + [benchmark]))))
                    }
                    let study: EventStudy
                    do {
                        study = try EventStudy(
                            bars: bars, symbols: symbols, benchmark: benchmark, event: event, window: window,
                            estimation: estimation, column: column,
                            minimumObservations: minimum)
                    } catch let error as FrameError { throw LuaScriptError(error.description) }
                    var result = LuaTable()
                    result["event"] = .string(LuaString(MarketTime.formatDate(study.eventDay)))
                    result["benchmark"] = .string(LuaString(benchmark))
                    try call.push(.table(result))
                    FrameClass.registerClasses(call.state)
                    _ = try FrameClass.push(call, study.abnormalReturns)
                    call.setField("abnormal")
                    _ = try FrameClass.push(call, study.summary)
                    call.setField("summary")
                    return 1
                },
            ])
    }

    /// `market.register_provider{name=, title=, base_url=, datasets = {NAME = {kind=, summary=, url=}}, key_help=,
    /// calls_per_minute=, calls_per_day=}` as a provider (see `TemplateProvider` for the URL placeholders).
    static func providerSpec(_ reader: FieldReader) throws -> TemplateProvider {
        var fields = reader
        guard let name = try fields.string("name") else { throw fields.error("name", "is required (e.g. \"tiingo\")") }
        guard let base = try fields.string("base_url") else {
            throw fields.error("base_url", "is required (e.g. \"https://api.example.com\")")
        }
        guard let table = try fields.table("datasets") else {
            throw fields.error("datasets", "is required: {prices = {kind = \"bars\", url = \"{base}/…\"}}")
        }
        var datasets: [(name: String, kind: String, summary: String, url: String)] = []
        for (key, value) in table.fields.sorted(by: { ($0.key.stringValue ?? "") < ($1.key.stringValue ?? "") }) {
            guard let datasetName = key.stringValue, case .table(let spec) = value else {
                throw fields.error("datasets", "maps dataset names to tables {kind = …, url = …}")
            }
            var dataset = fields.nested(spec, path: "datasets.\(datasetName).")
            guard let url = try dataset.string("url") else { throw dataset.error("url", "is required") }
            let kind = try dataset.string("kind") ?? "bars"
            let summary = try dataset.string("summary") ?? ""
            try dataset.finish()
            datasets.append((datasetName, kind, summary, url))
        }
        let title = try fields.string("title")
        let keyHelp = try fields.string("key_help")
        let perMinute = try fields.number("calls_per_minute")
        let perDay = try fields.integer("calls_per_day")
        try fields.finish()
        do {
            return try TemplateProvider(
                name: name, title: title, baseURL: base, datasets: datasets, keyHelp: keyHelp,
                callsPerMinute: perMinute, callsPerDay: perDay)
        } catch { throw LuaScriptError(error.description) }
    }

    static func range(_ fields: inout FieldReader, _ key: String) throws -> ClosedRange<Int>? {
        guard let table = try fields.table(key) else { return nil }
        let numbers = table.array.compactMap { $0.doubleValue }
        guard numbers.count == 2, table.array.count == 2, numbers.allSatisfy({ $0.isFinite && abs($0) < 1e6 }),
            numbers[0] <= numbers[1]
        else {
            throw fields.error(key, "must be {first, last} trading-day offsets like {-5, 5}")
        }
        return Int(numbers[0])...Int(numbers[1])
    }

    static func push(_ call: LuaCall, _ store: any MarketStore, _ context: ScriptCatalogs) -> Int32 {
        FrameClass.registerClasses(call.state)
        call.push(StoreBox(store, providers: context.providers), as: storeClass)
        return 1
    }

    static func storeCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError {
            throw LuaScriptError(error.description)
        } catch let error as ImportError {
            throw LuaScriptError(error.description)
        } catch let error as FrameError {
            throw LuaScriptError(error.description)
        }
    }

    static func barQuery(_ call: LuaCall) throws -> BarQuery {
        var fields = try FrameClass.options(call, 2)
        let query = BarQuery(
            symbols: try MarketValues.strings(&fields, "symbols"), from: try MarketValues.time(&fields, "from"),
            to: try MarketValues.time(&fields, "to"), interval: try fields.string("interval") ?? "1d")
        try fields.finish()
        return query
    }

    static let storeClass: LuaClass<StoreBox> = LuaClass(
        "MarketStore",
        methods: [
            "bars": { box, call in
                let query = try barQuery(call)
                return try FrameClass.push(call, try storeCall { try box.store.bars(query) })
            },
            "sectors": { box, call in
                var fields = try FrameClass.options(call, 2)
                let query = SectorQuery(
                    sectors: try MarketValues.strings(&fields, "sectors"), exchange: try fields.string("exchange"),
                    from: try MarketValues.time(&fields, "from"), to: try MarketValues.time(&fields, "to"))
                try fields.finish()
                return try FrameClass.push(call, try storeCall { try box.store.sectors(query) })
            },
            "series": { box, call in
                let id = try call.string(2)
                var fields = try FrameClass.options(call, 3)
                let from = try MarketValues.time(&fields, "from")
                let to = try MarketValues.time(&fields, "to")
                try fields.finish()
                return try FrameClass.push(call, try storeCall { try box.store.series(id, from: from, to: to) })
            },
            "events": { box, call in
                var fields = try FrameClass.options(call, 2)
                let query = EventQuery(
                    tag: try fields.string("tag"), from: try MarketValues.time(&fields, "from"),
                    to: try MarketValues.time(&fields, "to"))
                try fields.finish()
                return try FrameClass.push(call, try storeCall { try box.store.events(query) })
            },
            "symbols": { box, call in try FrameClass.push(call, try storeCall { try box.store.symbols() }) },
            "check": { box, call in
                call.push(try storeCall { try box.store.integrityCheck() })
                return 1
            },
            "path": { box, call in
                call.push(box.store.location)
                return 1
            },
            "import": { box, call in
                var paths: [String]
                if case .table(let list) = try call.value(2) {
                    paths = try list.array.map { item in
                        guard case .string = item, let path = item.stringValue else {
                            throw LuaArgumentError(2, "paths must be strings, got \(item.type.name)")
                        }
                        return path
                    }
                } else {
                    paths = [try call.string(2)]
                }
                paths = try paths.map { try call.state.checkedPath("read", $0, "MarketStore:import") }
                // A folder stands for its data files: each is checked too (a link in a granted folder may point
                // anywhere), before the importer opens any.
                paths = try storeCall { try MarketImporter.dataFiles(paths).files }.map {
                    try call.state.checkedPath("read", $0, "MarketStore:import")
                }
                var fields = try FrameClass.options(call, 3)
                var options = ImportOptions(
                    symbol: try fields.string("symbol"), series: try fields.string("series"),
                    interval: try fields.string("interval"), skipBad: try fields.boolean("skip_bad") ?? false)
                if let window = try fields.integer("window_rows") { options.windowRows = max(1, window) }
                try fields.finish()
                let report = try storeCall { try MarketImporter(store: box.store, options: options).importFiles(paths) }
                try call.push(.table(reportTable(report)))
                return 1
            },
            "fetch": { box, call in
                var fields = FieldReader(try call.table(2), argument: 2)
                guard let provider = try fields.string("provider") else {
                    throw fields.error("provider", "is required (fmp, yahoo, stooq or fred)")
                }
                guard let dataset = try fields.string("dataset") else {
                    throw fields.error("dataset", "is required (prices, sectors, profile, series …)")
                }
                let targets = try MarketValues.strings(&fields, "symbols") ?? []
                let range = FetchRange(
                    from: try MarketValues.time(&fields, "from"), to: try MarketValues.time(&fields, "to"))
                let exchange = try fields.string("exchange")
                let refresh = try fields.boolean("refresh") ?? false
                let dryRun = try fields.boolean("dry_run") ?? false
                try fields.finish()
                _ = try call.state.checkedPath("net", provider, "MarketStore:fetch")
                let outcomes = try fetchCall(box, call.state, refresh: refresh) { fetcher in
                    fetcher.run(
                        [
                            try fetcher.job(
                                provider: provider, dataset: dataset, targets: targets, range: range,
                                parameters: exchange.map { ["exchange": $0] } ?? [:], requireKey: !dryRun)
                        ],
                        dryRun: dryRun)
                }
                return try pushOutcomes(call, outcomes)
            },
            "update": { box, call in
                var fields = try FrameClass.options(call, 2)
                let refresh = try fields.boolean("refresh") ?? false
                let dryRun = try fields.boolean("dry_run") ?? false
                try fields.finish()
                _ = try call.state.checkedPath("net", "update", "MarketStore:update")
                let outcomes = try fetchCall(box, call.state, refresh: refresh) { try $0.update(dryRun: dryRun) }
                return try pushOutcomes(call, outcomes)
            },
            "sources": { box, call in
                let sources = try storeCall { try box.store.sources() }
                return try FrameClass.push(
                    call,
                    try storeCall {
                        try Frame([
                            ("kind", .text(sources.map(\.kind))), ("id", .text(sources.map(\.id))),
                            ("provider", .text(sources.map(\.provider))), ("dataset", .text(sources.map(\.dataset))),
                            ("parameters", .text(sources.map(\.parameters))),
                            ("fetched", .time(sources.map(\.fetchedAt))),
                        ])
                    })
            },
            "add_series": { box, call in
                let id = try call.string(2)
                let frame: Frame
                if let given = try? call.object(3, of: FrameClass.frameClass) {
                    frame = given.frame
                } else {
                    frame = try MarketValues.frame(from: try call.table(3), argument: 3)
                }
                let counts = try storeCall {
                    let times = try frame.times("time")
                    let values = try frame.doubles("value")
                    try ImportChecks.series(id: id, times: times, values: values)
                    return try box.store.write { writer in try writer.upsert(series: id, times: times, values: values) }
                }
                try call.push(.table(countsTable(counts)))
                return 1
            },
            "add_event": { box, call in
                var fields = FieldReader(try call.table(2), argument: 2)
                guard let time = try MarketValues.time(&fields, "date") else {
                    throw fields.error("date", "is required")
                }
                guard let title = try fields.string("title") else { throw fields.error("title", "is required") }
                let tags = try MarketValues.strings(&fields, "tags") ?? []
                let source = try fields.string("source")
                try fields.finish()
                let event = MarketEvent(time: time, title: title, tags: tags, source: source)
                let counts = try storeCall {
                    try ImportChecks.event(event)
                    return try box.store.write { writer in try writer.add(events: [event]) }
                }
                try call.push(.table(countsTable(counts)))
                return 1
            },
        ],
        describe: { "MarketStore (\($0.store.location))" })

    /// Runs a fetch or update on a store, with `FetchSettings.configured()` (config.toml, environment).
    static func fetchCall(
        _ box: StoreBox, _ state: LuaState, refresh: Bool,
        _ fetch: (MarketFetcher) throws -> [FetchOutcome]
    ) throws -> [FetchOutcome] {
        do {
            var settings = try FetchSettings.configured()
            settings.refresh = refresh
            settings.client.cancel = state.interruptFlag
            // An answer too large for the script's memory cap stops the script, saying which (as Lua's own would).
            var refusal: (any Error)?
            settings.reserveMemory = { bytes, what in
                do { try state.reserveMemory(bytes, for: what) } catch {
                    refusal = error
                    throw error
                }
            }
            let fetcher = MarketFetcher(store: box.store, settings: settings, providers: box.providers)
            let outcomes = try fetch(fetcher)
            if let refusal { throw refusal }
            return outcomes
        } catch let error as FetchError {
            throw LuaScriptError(error.description)
        } catch let error as PluginError {
            throw LuaScriptError(error.description)
        } catch let error as StoreError {
            throw LuaScriptError(error.description)
        }
    }

    /// `{inserted=, updated=, unchanged=, ok=, failed={"fmp NVDA: HTTP 401 …"}, results=Frame}`.
    static func pushOutcomes(_ call: LuaCall, _ outcomes: [FetchOutcome]) throws -> Int32 {
        var counts = MergeCounts()
        for outcome in outcomes { counts += outcome.report?.counts ?? MergeCounts() }
        var table = countsTable(counts)
        let failed = outcomes.filter { $0.isFailure || $0.status == .empty }
        table["ok"] = .boolean(failed.isEmpty)
        table["failed"] = .table(
            LuaTable(
                array: failed.map {
                    .string(LuaString("\($0.provider) \($0.target): \($0.message ?? $0.status.rawValue)"))
                }))
        try call.push(.table(table))
        _ = try FrameClass.push(call, try FetchCommands.frame(outcomes))
        call.setField("results")
        return 1
    }

    static func countsTable(_ counts: MergeCounts) -> LuaTable {
        var table = LuaTable()
        table["inserted"] = .integer(Int64(counts.inserted))
        table["updated"] = .integer(Int64(counts.updated))
        table["unchanged"] = .integer(Int64(counts.unchanged))
        return table
    }

    static func reportTable(_ report: ImportReport) -> LuaTable {
        var table = countsTable(report.counts)
        table["rows"] = .integer(Int64(report.rows))
        table["files"] = .table(
            LuaTable(
                array: report.files.map { file in
                    var entry = countsTable(file.counts)
                    entry["path"] = .string(LuaString(file.path))
                    entry["format"] = .string(LuaString(file.format))
                    entry["kind"] = .string(LuaString(file.kind))
                    entry["rows"] = .integer(Int64(file.rows))
                    entry["symbols"] = .table(LuaTable(array: file.symbols.map { .string(LuaString($0)) }))
                    if let first = file.first { entry["from"] = .string(LuaString(MarketTime.format(first))) }
                    if let last = file.last { entry["to"] = .string(LuaString(MarketTime.format(last))) }
                    entry["empty_rows"] = .integer(Int64(file.emptyRows))
                    entry["skipped"] = .table(LuaTable(array: file.skipped.map { .string(LuaString($0)) }))
                    entry["skipped_count"] = .integer(Int64(file.skippedCount))
                    return .table(entry)
                }))
        table["symbols"] = .table(
            LuaTable(array: Array(Set(report.files.flatMap(\.symbols))).sorted().map { .string(LuaString($0)) }))
        return table
    }
}
