import Compliance
import HardwareCatalog
import LuaRuntime
import PartyScreening

#if canImport(Glibc)
    import Glibc
#endif

/// The `compliance` Lua module: classification, determinations with traces, diffs, timelines, rules in force,
/// restricted-party screening.
enum ComplianceModule {
    /// The longest name `compliance.screen` and `compliance.ownership` take (characters): the longest an import
    /// takes.
    static let longestScreenedName = ImportLimits.longestName
    /// `name`, when screening can take it. Fuzzy matching costs grow with the square of the name's length; a party
    /// name is far shorter.
    static func screenedName(_ name: String, describe: (String) -> any Error = { LuaArgumentError(1, $0) }) throws
        -> String
    {
        guard name.count > longestScreenedName else { return name }
        throw describe(
            "name is \(name.count) characters long; screening takes names of at most \(longestScreenedName) "
                + "(listed names run to a few hundred)")
    }

    static let module = ScriptModule(name: "compliance") { context in
        ModuleDefinition(
            name: "compliance",
            functions: [
                "classify": { call in
                    var fields = FieldReader(try call.parameters(1))
                    let engine = context.compliance
                    let item = try ComplianceInputs.item(&fields, engine: engine, context: context, key: "chip")
                    let date = try ComplianceInputs.date(&fields, "date")
                    try fields.finish()
                    try call.push(.table(ComplianceTables.classification(engine.classify(item, on: date))))
                    return 1
                },
                "check": { call in
                    let engine = context.compliance
                    let question = try ComplianceInputs.question(
                        try call.parameters(1), engine: engine, context: context)
                    try DeterminationTable.push(check: question, engine: engine, call: call)
                    return 1
                },
                "diff": { call in
                    let engine = context.compliance
                    var fields = FieldReader(try call.parameters(1))
                    if let name = try fields.string("data_set") {
                        // The same question with and without a loaded data set.
                        guard let before = context.enginesBefore[name] else {
                            let loaded = context.enginesBefore.keys.sorted()
                            throw fields.error(
                                "data_set",
                                "'\(name)' was not loaded by compliance.load in this script"
                                    + (loaded.isEmpty ? "" : " (loaded: \(loaded.joined(separator: ", ")))"))
                        }
                        let question = try ComplianceInputs.question(
                            fields.parameters, engine: engine, context: context,
                            extra: ["data_set"])
                        try DeterminationTable.push(diff: engine.diff(question, against: before), call: call)
                        return 1
                    }
                    let from = try ComplianceInputs.date(&fields, "from")
                    let to = try ComplianceInputs.date(&fields, "to")
                    let question = try ComplianceInputs.question(
                        fields.parameters, engine: engine, context: context,
                        extra: ["from", "to"], dateRequired: false)
                    try DeterminationTable.push(diff: engine.diff(question, from: from, to: to), call: call)
                    return 1
                },
                "load": { call in
                    let path = try call.state.checkedPath("read", try call.string(1), "compliance.load")
                    var name = path.split(separator: "/").last.map(String.init) ?? path
                    var asOf: CalendarDay? = nil
                    if !call.isNoneOrNil(2) {
                        var fields = FieldReader(try call.parameters(2), argument: 2)
                        name = try fields.string("name") ?? name
                        asOf = try ComplianceInputs.optionalDate(&fields, "as_of")
                        try fields.finish()
                    }
                    guard let bytes = readFileBytes(path) else {
                        throw LuaScriptError("cannot read \(path): \(String(cString: strerror(errno)))")
                    }
                    let info = try rethrowing {
                        try context.loadDataSet(
                            bytes, name: name, source: path.split(separator: "/").last.map(String.init) ?? path,
                            asOf: asOf)
                    }
                    try call.push(.table(ComplianceTables.dataSet(info)))
                    return 1
                },
                "data_sets": { call in
                    try call.push(
                        .table(LuaTable(array: context.dataSets.map { .table(ComplianceTables.dataSet($0)) })))
                    return 1
                },
                "timeline": { call in
                    let engine = context.compliance
                    var fields = FieldReader(try call.parameters(1))
                    let from = try ComplianceInputs.optionalDate(&fields, "from")
                    let to = try ComplianceInputs.optionalDate(&fields, "to")
                    var question = try ComplianceInputs.question(
                        fields.parameters, engine: engine, context: context,
                        extra: ["from", "to"], dateRequired: false)
                    question.date = from ?? question.date
                    let periods = engine.timeline(question, from: from, to: to)
                    try call.push(.table(LuaTable(array: periods.map { .table(ComplianceTables.period($0)) })))
                    return 1
                },
                "rules": { call in
                    var date: CalendarDay? = nil
                    if !call.isNoneOrNil(1) {
                        var fields = FieldReader(try call.parameters(1))
                        date = try ComplianceInputs.optionalDate(&fields, "date")
                        try fields.finish()
                    }
                    let book = context.rules
                    let list = date.map { day in book.rules(on: day) } ?? book.rules.map { ($0, RuleStatus.inForce) }
                    try call.push(
                        .table(
                            LuaTable(
                                array: list.map {
                                    .table(ComplianceTables.rule($0.rule, status: date == nil ? nil : $0.status))
                                })))
                    return 1
                },
                "screen": { call in
                    let name = try ComplianceModule.screenedName(try call.string(1))
                    var date: CalendarDay? = nil
                    var country: String? = nil
                    var threshold = 0.8
                    if !call.isNoneOrNil(2) {
                        var fields = FieldReader(try call.parameters(2), argument: 2)
                        date = try ComplianceInputs.optionalDate(&fields, "date")
                        if let given = try fields.string("country") {
                            country = try rethrowing(argument: 2) { try context.countries.country(given).iso2 }
                        }
                        if let value = try fields.number("threshold") {
                            guard value > 0 && value <= 1 else {
                                throw fields.error("threshold", "must be in (0, 1], got \(value)")
                            }
                            threshold = value
                        }
                        try fields.finish()
                    }
                    let matches = context.parties.screen(name, date: date, country: country, threshold: threshold)
                    try call.push(.table(LuaTable(array: matches.map { .table(ComplianceTables.match($0)) })))
                    return 1
                },
                "import_parties": { call in
                    let path = try call.state.checkedPath("read", try call.string(1), "compliance.import_parties")
                    let parties = try rethrowing { try ComplianceInputs.readParties(path) }
                    context.parties.add(parties)
                    call.push(parties.count)
                    return 1
                },
                "add_ownership": { call in
                    let edge = try ComplianceInputs.ownershipEdge(try call.table(1))
                    try rethrowing { try context.parties.ownership.add(edge) }
                    call.push(context.parties.ownership.edges.count)
                    return 1
                },
                "import_ownership": { call in
                    let path = try call.state.checkedPath("read", try call.string(1), "compliance.import_ownership")
                    let read = try rethrowing { try ComplianceInputs.readOwnership(path) }
                    try rethrowing { try context.parties.ownership.add(contentsOf: read.edges) }
                    let graph = context.parties.ownership
                    // Problems on every date a stake starts or ends, and today, each once.
                    let days = Set(read.edges.flatMap { [$0.from, $0.until].compactMap { $0 } } + [CalendarDay.today])
                    let problems = graph.problems(on: Array(days))
                    try call.push(
                        .table(
                            CostTables.table([
                                "edges": .integer(Int64(read.edges.count)), "format": .string(read.format),
                                "skipped": ComplianceTables.strings(read.skipped),
                                "problems": ComplianceTables.strings(problems),
                            ])))
                    return 1
                },
                "ownership": { call in
                    let name = try ComplianceModule.screenedName(try call.string(1))
                    var date = CalendarDay.today
                    if !call.isNoneOrNil(2) {
                        var fields = FieldReader(try call.parameters(2), argument: 2)
                        date = try ComplianceInputs.optionalDate(&fields, "date") ?? date
                        try fields.finish()
                    }
                    let affiliation = context.parties.affiliation(of: name, on: date)
                    try call.push(.table(ComplianceTables.affiliation(affiliation)))
                    return 1
                },
                "add_rules": { call in
                    let text = try call.string(1)
                    let origin = try call.optionalString(2) ?? "compliance.add_rules"
                    try rethrowing {
                        try context.rules.add(json: Array(text.utf8), origin: origin, addedBy: call.state.catalogOrigin)
                    }
                    call.push(context.rules.rules.count)
                    return 1
                },
                "country": { call in
                    let name = try call.string(1)
                    let country = try rethrowing { try context.countries.country(name) }
                    var date: CalendarDay? = nil
                    if !call.isNoneOrNil(2) {
                        let text = try call.string(2)
                        date = try rethrowing(argument: 2) { try CalendarDay(text) }
                    }
                    try call.push(.table(ComplianceTables.country(country, catalog: context.countries, date: date)))
                    return 1
                },
            ]
        )
    }
}
