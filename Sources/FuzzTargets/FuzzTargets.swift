import AIKitScripting
import Compliance
import Foundation
import MarketData
import MarketFeeds
import PartyScreening
import Redaction

/// Parsers of untrusted input, each as a function of raw bytes that must never trap, hang or crash, whatever it is
/// given (errors are the expected outcome for bad input). The libFuzzer driver (`Benchmarks/Fuzz`, built with
/// `-sanitize=fuzzer,address`) explores them; `Tests/FuzzTargetTests` replays the seed corpus and every input that
/// once crashed (`Tests/FuzzTargetTests/Corpus/TARGET/`).
public enum FuzzTargets {
    /// Every target by name (the corpus folder's name).
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "market-csv": { importFile($0, named: "NVDA.csv") },
        "market-json": { importFile($0, named: "NVDA.json") },
        "config-toml": { bytes in
            withScratchFile("config.toml", bytes) { path in _ = try? AikitConfig.load(path: path) }
        },
        "rules-json": { bytes in
            var rules = RuleBook(rules: [])
            guard (try? rules.add(json: bytes, origin: "fuzz")) != nil else { return }
            let engine = ComplianceEngine(rules: rules)
            for (chip, place) in [("H100", "China"), ("H20", "Netherlands")] {
                guard let item = try? engine.item(chip: chip), let country = try? engine.countries.country(place),
                    let date = try? CalendarDay("2025-06-01")
                else { continue }
                let answer = engine.check(
                    ExportQuestion(item: item, destination: country, date: date, endUser: "Huawei"))
                _ = answer.notes.count + answer.reasons.count
            }
        },
        "parties-csv": { bytes in
            _ = try? PartyList.parseCSL(csv: String(decoding: bytes, as: UTF8.self), origin: "fuzz.csv")
        },
        "parties-json": { bytes in _ = try? PartyList.parseCSL(json: bytes, origin: "fuzz.json") },
        "report-render": { ReportFuzzing.render($0) },
        // A provider's base URL and URL template (first line, rest) as a plugin registers them, the requests built
        // from them with a hostile symbol and key, and the redaction of what comes out.
        "provider-url": { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let base = lines[0]
            let template = lines.count > 1 ? lines[1] : "{base}/x?k={key}"
            _ = try? ProviderURL(parsing: text, what: "fuzz")
            let key = "sk/Abc+Def=="
            if let provider = try? TemplateProvider(
                name: "fuzz", title: nil, baseURL: base, datasets: [("d", "bars", "", template)]),
                let requests = try? provider.requests(
                    provider.datasets[0], targets: ["A/../@b#?\r\n"], range: FetchRange(from: 0, to: 86_400),
                    parameters: [:], base: base, key: key)
            {
                for request in requests { _ = Redaction.text(Redaction.url(request.url), secrets: [key]) }
            }
            _ = Redaction.text(text, secrets: [key, base])
            _ = Redaction.connection(text)
        },
    ]

    /// Imports `bytes` as a file into a fresh in-memory store.
    static func importFile(_ bytes: [UInt8], named name: String) {
        withScratchFile(name, bytes) { path in
            guard let store = try? SQLiteMarketStore(path: ":memory:") else { return }
            _ = try? MarketImporter(store: store).importFiles([path])
            _ = try? MarketImporter(store: store, options: ImportOptions(skipBad: true)).importFiles([path])
        }
    }

    /// Runs `body` with `bytes` in a file of its own named `name` (importers and the config parser read paths).
    static func withScratchFile(_ name: String, _ bytes: [UInt8], _ body: (String) -> Void) {
        let folder =
            NSTemporaryDirectory() + "aikit-fuzz-\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + name
        if FileManager.default.createFile(atPath: path, contents: Data(bytes)) { body(path) }
    }
}
