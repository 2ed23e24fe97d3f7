import CSV
import Compliance
import HardwareCatalog
import LuaRuntime
import PartyScreening

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lua parameter tables → compliance questions.
enum ComplianceInputs {
    static func date(_ fields: inout FieldReader, _ key: String) throws -> CalendarDay {
        guard let date = try optionalDate(&fields, key) else { throw fields.error(key, "is required (YYYY-MM-DD)") }
        return date
    }

    static func optionalDate(_ fields: inout FieldReader, _ key: String) throws -> CalendarDay? {
        guard let text = try fields.string(key) else { return nil }
        do {
            return try CalendarDay(text)
        } catch {
            throw fields.error(key, "\(error)")
        }
    }

    /// A chip by name, or by its specs: `{name=, tpp= or bf16_tflops=/fp8_tflops=/int8_tops=, die_area_mm2=,
    /// interconnect_gbs=, memory_bandwidth_tbs=, datacenter=, vendor=}`.
    static func item(_ fields: inout FieldReader, engine: ComplianceEngine, context: ScriptCatalogs, key: String) throws
        -> ItemFacts
    {
        guard let value = fields.value(key) else {
            throw fields.error(key, "is required (a chip name or a table of specs)")
        }
        if let name = value.stringValue { return try rethrowing { try context.chipFacts(name, engine: engine) } }
        guard case .table(let table) = value else {
            throw fields.error(key, "must be a chip name or a table of specs, got \(value.type.name)")
        }
        var specs = FieldReader(table, argument: fields.argument, path: "\(key).")
        let name = try specs.string("name") ?? "unnamed chip"
        var tpp = try specs.number("tpp")
        var basis = tpp.map { _ in "given" }
        for (precision, bits) in [
            ("fp64_tflops", 64.0), ("tf32_tflops", 32), ("bf16_tflops", 16), ("fp16_tflops", 16),
            ("fp8_tflops", 8), ("int8_tops", 8),
        ] {
            if let peak = try specs.number(precision), peak * bits > (tpp ?? 0) {
                tpp = peak * bits
                basis = "\(precision) \(Figure.format(peak)) × \(Int(bits)) bits"
            }
        }
        let area = try specs.number("die_area_mm2")
        let item = ItemFacts(
            kind: .chip, name: name, vendor: try specs.string("vendor"), tpp: tpp, tppBasis: basis,
            performanceDensity: tpp.flatMap { t in area.map { t / $0 } }, dieArea: area,
            ioBandwidth: try specs.number("interconnect_gbs"),
            memoryBandwidth: try specs.number("memory_bandwidth_tbs").map { $0 * 1000 },
            datacenter: try specs.boolean("datacenter"))
        try specs.finish()
        return item
    }

    /// `{item= | chip= | model_training_ops= [, published_weights=], destination=, date=, end_user= (or party=),
    /// end_user_hq=, exported_from=}`.
    static func question(
        _ parameters: LuaParameters, engine: ComplianceEngine, context: ScriptCatalogs,
        extra: [String] = [], dateRequired: Bool = true
    ) throws -> ExportQuestion {
        var fields = FieldReader(parameters)
        let item: ItemFacts
        if let ops = try fields.number("model_training_ops") {
            let published = try fields.boolean("published_weights") ?? false
            item = try rethrowing { try engine.item(modelTrainingOperations: ops, publishedWeights: published) }
        } else if fields.parameters["chip"] != nil {
            item = try Self.item(&fields, engine: engine, context: context, key: "chip")
        } else {
            item = try Self.item(&fields, engine: engine, context: context, key: "item")
        }
        guard let destinationName = try fields.string("destination") else {
            throw fields.error("destination", "is required (an ISO code such as 'CN' or a name such as 'China')")
        }
        let destination = try rethrowing { try engine.countries.country(destinationName) }
        // diff and timeline take their own dates; the question's date is then only a placeholder (the first
        // advanced-computing rule's effective date).
        let date =
            dateRequired
            ? try Self.date(&fields, "date") : (try optionalDate(&fields, "date") ?? CalendarDay("2022-10-07"))
        var headquarters: Country? = nil
        if let hq = try fields.string("end_user_hq") {
            headquarters = try rethrowing { try engine.countries.country(hq) }
        }
        var exportedFrom: String? = nil
        if let from = try fields.string("exported_from") {
            exportedFrom = try rethrowing { try engine.countries.country(from).iso2 }
        }
        var endUser = try fields.string("end_user")
        var endUserField = "end_user"
        if let party = try fields.string("party") {
            if endUser != nil { throw fields.error("party", "and end_user name the same counterparty; give one") }
            endUser = party
            endUserField = "party"
        }
        if let name = endUser {
            _ = try ComplianceModule.screenedName(name) { [fields] in fields.error(endUserField, "is too long: " + $0) }
        }
        let question = ExportQuestion(
            item: item, destination: destination, date: date, endUser: endUser,
            endUserHeadquarters: headquarters, exportedFrom: exportedFrom)
        try fields.finish(known: extra)
        return question
    }

    /// `{owner=, owned=, percent=, from=, until=, source=, evidence=}` as an ownership edge.
    static func ownershipEdge(_ table: LuaTable) throws -> OwnershipEdge {
        var fields = FieldReader(table)
        guard let owner = try fields.string("owner") else { throw fields.error("owner", "is required") }
        guard let owned = try fields.string("owned") else { throw fields.error("owned", "is required") }
        let percent = try fields.number("percent")
        let edge = OwnershipEdge(
            owner: owner, owned: owned, percent: percent, from: try optionalDate(&fields, "from"),
            until: try optionalDate(&fields, "until"), source: try fields.string("source"),
            evidence: try fields.string("evidence") ?? "U")
        try fields.finish()
        return edge
    }

    /// A compliance file's bytes and its name (the origin its messages give), or an error saying why not.
    static func readFile(_ path: String) throws -> (bytes: [UInt8], name: String) {
        if let kind = CSVReader.nonRegularKind(path: path) { throw ComplianceError("cannot read \(path): \(kind)") }
        guard let bytes = readFileBytes(path) else {
            throw ComplianceError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        return (bytes, path.split(separator: "/").last.map(String.init) ?? path)
    }

    /// Reads ownership edges from a CSV or FollowTheMoney JSON-lines file (by content).
    static func readOwnership(_ path: String) throws -> OwnershipImport {
        let file = try readFile(path)
        return try OwnershipImport.read(file.bytes, origin: file.name)
    }

    /// Reads a Consolidated Screening List export (JSON or CSV, by content).
    static func readParties(_ path: String) throws -> [Party] {
        let file = try readFile(path)
        return try PartyList.parseCSL(file.bytes, origin: file.name)
    }
}
