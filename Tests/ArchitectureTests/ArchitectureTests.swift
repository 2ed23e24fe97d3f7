import Foundation
import Testing

/// The target graph of docs/architecture.md, held to the code: every `import` in `Sources/<Target>/**.swift` (and the
/// benchmark executables') and every dependency Package.swift declares must be an edge of `Architecture.targets`, and
/// every edge there must go the way `Layer.mayDepend` allows (C shims → leaf utilities → engines, no Lua → scripting →
/// CLI; test support only from tests and the benchmarks). A new target gets one row in the table.
@Suite struct ArchitectureTests {
    @Test func everyTargetHasARow() throws {
        let declared = try Architecture.declaredDependencies().keys.filter { !$0.hasSuffix("Tests") }
        let missing = declared.filter { Architecture.targets[$0] == nil }.sorted()
        #expect(
            missing.isEmpty,
            "Package.swift declares \(missing) but Tests/ArchitectureTests has no row for it: add one to `targets` with its layer and what it may use"
        )
    }

    @Test func theTableKeepsTheLayers() {
        let problems = Architecture.tableProblems()
        #expect(problems.isEmpty, "\n\(problems.joined(separator: "\n"))")
    }

    @Test func importsStayInsideTheTable() throws {
        let problems = try Architecture.importProblems()
        #expect(problems.isEmpty, "\n\(problems.joined(separator: "\n"))")
    }

    @Test func packageSwiftStaysInsideTheTable() throws {
        let problems = try Architecture.declarationProblems()
        #expect(problems.isEmpty, "\n\(problems.joined(separator: "\n"))")
    }
}

/// Where a target sits. Arrows point down the list, never up: a target may use one of its own layer only where
/// `mayDepend` says so.
enum Layer: String, Sendable {
    /// C modules and shims (Lua, libcurl, SQLite, libpq, ZeroMQ, libedit through dlopen).
    case c
    /// One kind of text or file handling each, shared by everything above: no Lua, no engine.
    case leaf
    /// The Lua interpreter's Swift face (LuaRuntime): only the scripting layer and tools use it.
    case lua
    /// Pure Swift domain engines: no Lua, no CLI.
    case engine
    /// AIKitScripting: the Lua face of the engines, and the API the CLI calls.
    case scripting
    /// The `aikit` executable: commands only.
    case cli
    /// Fuzzers and their targets (shipped beside the benchmarks, not in `aikit`).
    case tool
    /// AIKitTesting: servers, fixtures and generators for tests and benchmarks.
    case testSupport
    /// `aikit-bench`: may use anything but the CLI's own code.
    case bench
    /// Another package's product (ArgumentParser).
    case external

    /// Whether a target of this layer may depend on (import, or declare) one of `other`.
    func mayDepend(on other: Layer) -> Bool {
        switch self {
        case .c: other == .c
        case .leaf, .lua: other == .c || other == .leaf
        case .engine: other == .c || other == .leaf || other == .engine
        case .scripting: [.c, .leaf, .lua, .engine].contains(other)
        // Leaves are plumbing (a lock, an escaper), not a way past the scripting layer: no engine, no Lua.
        case .cli: [.c, .leaf, .scripting, .external].contains(other)
        case .tool: [.c, .leaf, .lua, .engine, .scripting, .tool].contains(other)
        case .testSupport: [.c, .leaf, .lua, .engine, .scripting].contains(other)
        case .bench: other != .cli && other != .bench
        case .external: false
        }
    }
}

enum Architecture {
    struct Target {
        var layer: Layer
        /// The package modules (and other packages' products) its code may import and Package.swift may declare.
        var may: Set<String>
        /// Its folder, when not Sources/NAME.
        var path: String? = nil
    }

    /// The allowed graph. One row per target; extend `may` (within the layer rules) or add a row.
    static let targets: [String: Target] = [
        // C
        "CLua": Target(layer: .c, may: []),
        "CLuaShims": Target(layer: .c, may: ["CLua"]),
        "CDynamicLoading": Target(layer: .c, may: []),
        "CEditLine": Target(layer: .c, may: ["CDynamicLoading"]),
        "CSQLite": Target(layer: .c, may: ["CDynamicLoading"]),
        "CPostgres": Target(layer: .c, may: ["CDynamicLoading"]),
        "CCurl": Target(layer: .c, may: ["CDynamicLoading"]),
        "CZeroMQ": Target(layer: .c, may: ["CDynamicLoading"]),
        "CStandardStreams": Target(layer: .c, may: []),
        // Leaves
        "TextMatching": Target(layer: .leaf, may: []),
        "Markup": Target(layer: .leaf, may: []),
        "URLEncoding": Target(layer: .leaf, may: []),
        "Redaction": Target(layer: .leaf, may: ["URLEncoding"]),
        "SystemCalls": Target(layer: .leaf, may: []),
        "CSV": Target(layer: .leaf, may: ["SystemCalls"]),
        "JSONValue": Target(layer: .leaf, may: []),
        "Digest": Target(layer: .leaf, may: []),
        "LuaAnnotations": Target(layer: .leaf, may: []),
        "Randomness": Target(layer: .leaf, may: []),
        "ResourceLocation": Target(layer: .leaf, may: ["SystemCalls"]),
        "ErrorKinds": Target(layer: .leaf, may: []),
        "HardwareCatalog": Target(layer: .leaf, may: ["TextMatching", "ErrorKinds"]),
        // Lua
        "LuaRuntime": Target(layer: .lua, may: ["CLua", "CLuaShims", "SystemCalls"]),
        // Engines
        // Frames: frames, expressions and analytics; no store, no importer (those are MarketData's).
        "Frames": Target(layer: .engine, may: ["CSV", "Markup", "JSONValue", "ErrorKinds"]),
        "MarketData": Target(
            layer: .engine,
            may: [
                "CSQLite", "CPostgres", "TextMatching", "CSV", "Markup", "Redaction", "JSONValue", "Frames",
                "ResourceLocation", "ErrorKinds",
            ]),
        "MarketFeeds": Target(
            layer: .engine,
            may: [
                "MarketData", "CSV", "CCurl", "Digest", "JSONValue", "Redaction", "URLEncoding", "Frames",
                "SystemCalls",
            ]),
        "CostModel": Target(layer: .engine, may: ["HardwareCatalog", "TextMatching"]),
        "Charts": Target(layer: .engine, may: ["Markup", "CSV", "URLEncoding", "Frames", "SystemCalls"]),
        "PartyScreening": Target(layer: .engine, may: ["CSV"]),
        "Compliance": Target(layer: .engine, may: ["HardwareCatalog", "PartyScreening"]),
        "JupyterKernel": Target(
            layer: .engine, may: ["CZeroMQ", "CStandardStreams", "JSONValue", "Digest", "SystemCalls"]),
        // Scripting
        "AIKitScripting": Target(
            layer: .scripting,
            may: [
                "LuaRuntime", "HardwareCatalog", "CostModel", "Compliance", "PartyScreening", "Charts", "MarketData",
                "TextMatching", "Redaction", "CSV", "MarketFeeds", "Digest", "SystemCalls", "JupyterKernel",
                "LuaAnnotations", "JSONValue", "Frames",
            ]),
        // CLI
        // SystemCalls for the process's own plumbing: the lock behind the progress bar, Ctrl-C's flag in the REPL.
        "aikit": Target(layer: .cli, may: ["AIKitScripting", "CEditLine", "SystemCalls", "ArgumentParser"]),
        "ArgumentParser": Target(layer: .external, may: []),
        // Tools
        "FuzzTargets": Target(
            layer: .tool,
            may: [
                "AIKitScripting", "Compliance", "MarketData", "PartyScreening", "MarketFeeds", "Redaction", "Charts",
                "Frames",
            ]),
        "aikit-fuzz": Target(layer: .tool, may: ["FuzzTargets"], path: "Benchmarks/Fuzz"),
        "LuaFuzzing": Target(layer: .tool, may: ["LuaAnnotations", "Randomness", "SystemCalls"]),
        // Writes docs/lua-api.md from the annotations (run by the GenerateDocs command plugin).
        "aikit-docs": Target(layer: .tool, may: ["LuaAnnotations"]),
        // Test support and the benchmarks
        "AIKitTesting": Target(
            layer: .testSupport,
            may: [
                "AIKitScripting", "MarketData", "MarketFeeds", "PartyScreening", "Randomness", "Frames",
                "ResourceLocation",
            ]),
        "aikit-bench": Target(
            layer: .bench,
            may: [
                "LuaRuntime", "AIKitScripting", "Compliance", "PartyScreening", "MarketData", "LuaFuzzing",
                "AIKitTesting", "Frames",
            ],
            path: "Benchmarks/Runner"),
    ]

    /// Modules that are not targets of this package: the platform and the toolchain's own. Any target may import
    /// them, except as `foundationFree` says.
    static let platform: Set<String> = [
        "Glibc", "Musl", "Darwin", "Dispatch", "Synchronization", "FoundationEssentials", "Foundation", "_Concurrency",
    ]

    /// Test frameworks: for Tests/ only.
    static let testFrameworks: Set<String> = ["Testing", "XCTest"]

    /// Layers linked into the release `aikit`, which must not import Foundation proper (only FoundationEssentials:
    /// see `staticStdlibFlags` in Package.swift for the start-up this keeps).
    static let foundationFree: Set<Layer> = [.c, .leaf, .lua, .engine, .scripting, .cli]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func tableProblems() -> [String] {
        var problems: [String] = []
        for (name, target) in targets.sorted(by: { $0.key < $1.key }) {
            for dependency in target.may.sorted() {
                guard let other = targets[dependency] else {
                    problems.append("\(name) may use '\(dependency)', which has no row")
                    continue
                }
                if !target.layer.mayDepend(on: other.layer) {
                    problems.append(
                        "\(name) (\(target.layer)) may not use \(dependency) (\(other.layer)): see Layer.mayDepend")
                }
            }
        }
        return problems
    }

    /// Every import line of every Swift file of every target with a row, checked against its row.
    static func importProblems() throws -> [String] {
        var problems: [String] = []
        for (name, target) in targets.sorted(by: { $0.key < $1.key }) where target.layer != .external {
            let folder = root.appendingPathComponent(target.path ?? "Sources/\(name)")
            for file in swiftFiles(in: folder) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    guard let module = importedModule(line) else { continue }
                    let at = "\(file.path.dropFirst(root.path.count + 1)):\(number + 1)"
                    if let problem = check(module, importedBy: name, target) { problems.append("\(at): \(problem)") }
                }
            }
        }
        return problems
    }

    /// Every dependency Package.swift declares for a target with a row, checked against its row.
    static func declarationProblems() throws -> [String] {
        var problems: [String] = []
        for (name, dependencies) in try declaredDependencies().sorted(by: { $0.key < $1.key }) {
            guard let target = targets[name] else { continue }
            for dependency in dependencies.sorted() where !target.may.contains(dependency) {
                problems.append(
                    "Package.swift: \(name) depends on \(dependency), which the architecture does not allow "
                        + "(\(target.layer) may use \(target.may.sorted())); go through the layer between")
            }
        }
        return problems
    }

    static func check(_ module: String, importedBy name: String, _ target: Target) -> String? {
        if testFrameworks.contains(module) {
            return "\(name) imports \(module): test frameworks belong in Tests/ only"
        }
        if platform.contains(module) {
            if module == "Foundation", foundationFree.contains(target.layer) {
                return "\(name) imports Foundation, which `aikit` must not link: use FoundationEssentials"
            }
            return nil
        }
        if target.may.contains(module) { return nil }
        guard let other = targets[module] else {
            return "\(name) imports \(module), which has no row in Tests/ArchitectureTests: add one"
        }
        let why =
            target.layer.mayDepend(on: other.layer)
            ? "not in its row (add it to `may` if the arrow is meant)"
            : "\(target.layer) targets may not use \(other.layer) ones (see docs/architecture.md)"
        return "\(name) imports \(module): \(why)"
    }

    /// The module an `import` line names (`import X`, `public import X`, `@testable import X`, `import struct X.Y`).
    static func importedModule(_ line: Substring) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let first = words.first, first.hasPrefix("@") || accessWords.contains(String(first)) {
            words = words.dropFirst()
        }
        guard words.first == "import", words.count >= 2 else { return nil }
        words = words.dropFirst()
        if declarationKinds.contains(String(words.first!)), words.count >= 2 { words = words.dropFirst() }
        return words.first.map { String($0.split(separator: ".").first ?? $0) }
    }

    static let accessWords: Set<String> = ["public", "package", "internal", "fileprivate", "private"]
    static let declarationKinds: Set<String> = [
        "struct", "class", "enum", "protocol", "typealias", "func", "var", "let", "actor",
    ]

    static func swiftFiles(in folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .sorted { $0.path < $1.path }
    }

    /// Package.swift's targets and the dependencies each declares (products by their name).
    static func declaredDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard let comment = line.range(of: "//") else { return line }
            return line[..<comment.lowerBound]
        }.joined(separator: "\n")
        var result: [String: Set<String>] = [:]
        var rest = Substring(code)
        let kinds = [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("]
        while let start = kinds.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let call = balanced(rest[start.upperBound...], open: "(", close: ")")
            rest = rest[call.endIndex...]
            guard let name = firstQuoted(after: "name:", in: call) else { continue }
            var dependencies: Set<String> = []
            if let list = call.range(of: "dependencies:") {
                var deps = balanced(call[list.upperBound...].drop { $0 != "[" }.dropFirst(), open: "[", close: "]")
                while let product = deps.range(of: "package:") {
                    let afterQuote = deps[product.upperBound...].drop { $0 != "\"" }.dropFirst()
                    let end = afterQuote.firstIndex(of: "\"") ?? afterQuote.endIndex
                    deps = deps[..<product.lowerBound] + deps[afterQuote.index(after: end)...]
                }
                var scan = deps[...]
                while let quote = scan.firstIndex(of: "\"") {
                    let after = scan[scan.index(after: quote)...]
                    guard let end = after.firstIndex(of: "\"") else { break }
                    dependencies.insert(String(after[..<end]))
                    scan = after[after.index(after: end)...]
                }
            }
            result[name] = dependencies
        }
        return result
    }

    /// `text` up to (not including) the bracket that closes the one opened just before it.
    static func balanced(_ text: Substring, open: Character, close: Character) -> Substring {
        var depth = 1
        var inString = false
        for index in text.indices {
            let character = text[index]
            if character == "\"" { inString.toggle() }
            if inString { continue }
            if character == open { depth += 1 }
            if character == close {
                depth -= 1
                if depth == 0 { return text[..<index] }
            }
        }
        return text
    }

    static func firstQuoted(after label: String, in text: Substring) -> String? {
        guard let range = text.range(of: label) else { return nil }
        let after = text[range.upperBound...].drop { $0 != "\"" }.dropFirst()
        return after.firstIndex(of: "\"").map { String(after[..<$0]) }
    }
}
