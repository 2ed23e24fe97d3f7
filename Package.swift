// swift-tools-version:6.0
// aikit — a Lua-scriptable toolkit for analysts of the AI industry.
import PackageDescription

/// Settings shared by every Swift target (one loop, as swift-log does).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// `-static-stdlib` for the release `aikit`. The other targets are compiled against the shared runtime's module
/// files, whose autolink entries name Foundation's own libraries only (the shared ones find the rest through their
/// DT_NEEDED), so the static archives those need are listed here, in one group (they refer to one another).
/// Foundation proper (and with it CoreFoundation and ICU's data) is deliberately absent: nothing `aikit` links
/// imports more than FoundationEssentials, and a reference creeping in fails this link rather than costing every
/// start-up (measured: with Foundation linked statically `aikit --version` took 5.4 ms median, without 4.2 ms).
let staticStdlibFlags =
    ["-static-stdlib", "-Xlinker", "--start-group"]
    + [
        "FoundationEssentials", "_FoundationCollections", "_FoundationCShims", "swiftSynchronization", "swiftCore",
        "swift_Concurrency", "swift_StringProcessing", "swift_RegexParser", "swiftDispatch", "dispatch",
        "BlocksRuntime",
    ]
    .flatMap { ["-Xlinker", "-l\($0)"] }
    + ["-Xlinker", "--end-group"]
    // Not position-independent: a PIE `aikit` spends a quarter of its start-up having the loader apply ~46,000
    // relative relocations (Swift metadata and witness tables hold absolute pointers) and the kernel copying every
    // page they touch; linked at a fixed address there are ~1,400 (`LD_DEBUG=statistics`) and `aikit script
    // empty.lua` starts ~0.4 ms sooner. The cost: the executable's own image is not randomised (its shared
    // libraries, stack and heap still are). Drop this line for a PIE build.
    + ["-Xclang-linker", "-no-pie"]

var package = Package(
    name: "aikit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aikit", targets: ["aikit"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
        .library(name: "AIKitScripting", targets: ["AIKitScripting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Debian's liblua5.4-dev through pkg-config, plus static inline wrappers for Lua's macros.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // The only code allowed to raise Lua errors: call trampoline, message handler, hooks, allocator.
        .target(name: "CLuaShims", dependencies: ["CLua"]),
        // Optional C libraries opened on first use (dlopen + a dlsym'd table) so start-up never maps or relocates
        // them: aikit_dlopen_first, aikit_dlsym_all, aikit_dynamic_library_load (CPostgres uses it for libpq).
        .target(name: "CDynamicLoading", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // BSD libedit (line editing and history for the REPL; not GNU readline, for licence reasons): opened with
        // dlopen when a terminal REPL starts, so no other command maps it and its libtinfo/libbsd/libmd.
        .target(name: "CEditLine", dependencies: ["CDynamicLoading"]),
        // SQLite, the market store's embedded backend: <sqlite3.h> from Debian's libsqlite3-dev for types and constants,
        // libsqlite3.so.0 opened with dlopen when the first store is opened (a script without one never maps it).
        .target(name: "CSQLite", dependencies: ["CDynamicLoading"]),
        // libpq (PostgreSQL's client, Debian's libpq5), the market store's team-scale backend: opened with dlopen when
        // a PostgreSQL store is first opened, never linked, so start-up does not map it and its TLS/GSSAPI/LDAP deps.
        .target(name: "CPostgres", dependencies: ["CDynamicLoading"]),
        // libcurl, opened with dlopen on the first fetch the same way (Debian's libcurl4; headers from
        // libcurl4-openssl-dev).
        .target(name: "CCurl", dependencies: ["CDynamicLoading"]),
        // ZeroMQ (Debian's libzmq5; headers from libzmq3-dev), opened with dlopen when `aikit kernel` starts.
        .target(name: "CZeroMQ", dependencies: ["CDynamicLoading"]),
        // stdout/stderr redirected to a callback (fopencookie), so a notebook cell's print reaches the notebook.
        .target(name: "CStandardStreams"),
        .target(
            name: "LuaRuntime", dependencies: ["CLua", "CLuaShims", "SystemCalls"],
            linkerSettings: [.linkedLibrary("m")]),
        // Leaf utilities and engines: pure Swift, no Lua, no CLI (which layer each is in: docs/architecture.md).
        // Name normalisation, edit distance and "did you mean" suggestions, shared by every catalog and store.
        .target(name: "TextMatching"),
        // The one HTML/SVG escaper (charts, reports, frames' HTML, notebook output).
        .target(name: "Markup"),
        // RFC 3986 percent-encoding and decoding (provider URLs, report links, redaction's comparisons).
        .target(name: "URLEncoding"),
        // The one redaction of keys and passwords that every printer and file writer passes text through.
        .target(name: "Redaction", dependencies: ["URLEncoding"]),
        // read/open/fstat/close on files, retried on EINTR, with the failing call's errno (one choke point); the one
        // lock (`Locked`) and the interrupt flag shared with C (`InterruptFlag`).
        .target(name: "SystemCalls"),
        // The kind of a domain's error (`StoreError.Kind`, `CatalogError.Kind`, ...): one implementation for all.
        .target(name: "ErrorKinds"),
        // RFC 4180 CSV: the one reader (streaming, byte-level), shared by the market importers and party lists, and the
        // one writer (frames, chart data); the reader's row loop is the importer's, so release builds skip dynamic
        // exclusivity checks here too.
        .target(
            name: "CSV", dependencies: ["SystemCalls"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "HardwareCatalog", dependencies: ["TextMatching", "ErrorKinds"],
            resources: [.embedInCode("Resources/gpus.json")]),
        .target(
            name: "CostModel", dependencies: ["HardwareCatalog", "TextMatching"],
            resources: [.embedInCode("Resources/models.json"), .embedInCode("Resources/ownership.json")]),
        .target(name: "Charts", dependencies: ["Markup", "CSV", "URLEncoding", "SystemCalls"]),
        // The LuaCATS annotations of the Lua API (Scripts/types/aikit.lua, embedded): help, completion, the fuzzer.
        .target(name: "LuaAnnotations", resources: [.embedInCode("Resources/aikit.lua")]),
        // Writes the generated Lua API reference in docs/lua-api.md; run it as `swift package
        // --allow-writing-to-package-directory generate-docs` (the command plugin's folder is under Sources/, since the
        // top-level Plugins/ holds aikit's Lua plugins).
        .executableTarget(name: "aikit-docs", dependencies: ["LuaAnnotations"]),
        .plugin(
            name: "GenerateDocs",
            capability: .command(
                intent: .custom(
                    verb: "generate-docs", description: "Rewrite docs/lua-api.md from Scripts/types/aikit.lua"),
                permissions: [.writeToPackageDirectory(reason: "It rewrites docs/lua-api.md's generated reference.")]),
            dependencies: ["aikit-docs"], path: "Sources/GenerateDocsPlugin"),
        // Where the files aikit ships (sample, plugins, scripts) are: relative to the executable, never the source path.
        .target(name: "ResourceLocation", dependencies: ["SystemCalls"]),
        // JSON values: decoded with FoundationEssentials' JSONDecoder, serialised in a fixed key order.
        .target(name: "JSONValue"),
        // SplitMix64, a seeded generator: one sequence per seed on every machine (the Lua fuzzer, tests, benchmarks).
        .target(name: "Randomness"),
        // SHA-256, for plugin fingerprints and the HTTP cache's keys.
        .target(name: "Digest"),
        // Columnar frames, column expressions, windows, joins and reshapes: no store, no importer, no SQLite (those
        // are MarketData's). Release builds skip dynamic exclusivity checks in the analytics' hot loops.
        .target(
            name: "Frames", dependencies: ["CSV", "Markup", "JSONValue", "ErrorKinds"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // The market stores (SQLite, PostgreSQL) and importers, which read into and answer with Frames. Release builds
        // skip dynamic exclusivity checks in the importer's hot loops (measured: about a quarter of CSV import time);
        // debug builds and tests keep them.
        .target(
            name: "MarketData",
            dependencies: [
                "Frames", "CSQLite", "CPostgres", "TextMatching", "CSV", "Markup", "Redaction", "JSONValue",
                "ResourceLocation", "ErrorKinds",
            ],
            // Resources/sample is found by ResourceLocator (installed share/aikit, or the checkout), not declared as
            // a resource: SwiftPM's generated resource accessor imports Foundation, which would put
            // Foundation, CoreFoundation and ICU into the statically linked `aikit` and onto every start-up.
            exclude: ["Resources/sample"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // Live market data: providers (FMP, Yahoo, Stooq, FRED) over one HTTP client, into the store's importers.
        .target(
            name: "MarketFeeds",
            dependencies: [
                "MarketData", "Frames", "CSV", "CCurl", "Digest", "JSONValue", "Redaction", "URLEncoding",
                "SystemCalls",
            ]),
        .target(
            name: "PartyScreening", dependencies: ["CSV"], resources: [.embedInCode("Resources/parties.json")]),
        .target(
            name: "Compliance", dependencies: ["HardwareCatalog", "PartyScreening"],
            resources: [.embedInCode("Resources/rules.json"), .embedInCode("Resources/countries.json")]),
        // The Jupyter messaging protocol over ZeroMQ (no Lua): channels, signing, requests to a KernelBackend.
        .target(
            name: "JupyterKernel", dependencies: ["CZeroMQ", "CStandardStreams", "JSONValue", "Digest", "SystemCalls"]),
        // The Lua face of the engines (bindings, plugins, sessions; Commands/ is the CLI's façade). The plugin sandbox's
        // bootstrap is Lua in its own file (Plugins/Resources/sandbox.lua), embedded.
        .target(
            name: "AIKitScripting",
            dependencies: [
                "LuaRuntime", "HardwareCatalog", "CostModel", "Compliance", "PartyScreening", "Charts", "Frames",
                "MarketData",
                "TextMatching", "Redaction", "CSV", "MarketFeeds", "Digest", "SystemCalls", "JupyterKernel",
                "LuaAnnotations", "JSONValue",
            ],
            resources: [.embedInCode("Plugins/Resources/sandbox.lua")]),
        // Commands only: it talks to the scripting layer (AIKitScripting/Commands is its façade), never past it
        // (Tests/ArchitectureTests holds it to that).
        .executableTarget(
            name: "aikit",
            dependencies: [
                "AIKitScripting", "CEditLine", "SystemCalls",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release: the Swift runtime linked in statically, so start-up does not load and relocate a dozen shared
            // libraries (measured in aikit-bench's start-up row). Debug builds and tests keep the shared runtime.
            linkerSettings: [.unsafeFlags(staticStdlibFlags, .when(platforms: [.linux], configuration: .release))]
        ),
        // Parsers of untrusted input as byte functions, for libFuzzer (Benchmarks/fuzz.sh) and the replay tests.
        .target(
            name: "FuzzTargets",
            dependencies: [
                "AIKitScripting", "Compliance", "MarketData", "PartyScreening", "MarketFeeds", "Redaction",
            ]),
        .executableTarget(name: "aikit-fuzz", dependencies: ["FuzzTargets"], path: "Benchmarks/Fuzz"),
        // The Lua fuzzer shared by the CLI tests and `aikit-bench fuzz`: calls from the annotations, hostile arguments.
        .target(name: "LuaFuzzing", dependencies: ["Randomness", "LuaAnnotations", "SystemCalls"]),
        .executableTarget(
            name: "aikit-bench",
            dependencies: [
                "LuaRuntime", "AIKitScripting", "Compliance", "PartyScreening", "Frames", "MarketData", "LuaFuzzing",
                "AIKitTesting",
            ],
            path: "Benchmarks/Runner"
        ),
        // Test support shared by the test targets: a throwaway PostgreSQL server, the providers on 127.0.0.1, the plugin
        // fixture, seeded random numbers, the screening labels.
        .target(
            name: "AIKitTesting",
            dependencies: [
                "AIKitScripting", "Frames", "MarketData", "MarketFeeds", "PartyScreening", "Randomness",
                "ResourceLocation",
            ],
            exclude: ["provider_server.py", "compliance_sources.py", "README.md"]),
        // The target graph of docs/architecture.md held to every import and to this file (no dependencies: it reads
        // the sources). A new target gets a row in its table.
        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime"]),
        .testTarget(name: "CDynamicLoadingTests", dependencies: ["CDynamicLoading"]),
        .testTarget(
            name: "FuzzTargetTests", dependencies: ["FuzzTargets", "LuaFuzzing", "AIKitTesting"],
            resources: [.copy("Corpus")]),
        .testTarget(name: "HardwareCatalogTests", dependencies: ["HardwareCatalog"]),
        .testTarget(name: "CostModelTests", dependencies: ["CostModel", "HardwareCatalog"]),
        .testTarget(name: "PartyScreeningTests", dependencies: ["PartyScreening", "AIKitTesting"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "SystemCallsTests", dependencies: ["SystemCalls"]),
        .testTarget(name: "ResourceLocationTests", dependencies: ["ResourceLocation"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "JSONValue"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Markup"]),
        .testTarget(name: "FramesTests", dependencies: ["Frames", "AIKitTesting"]),
        .testTarget(
            name: "MarketDataTests", dependencies: ["MarketData", "Frames", "AIKitTesting"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ComplianceTests", dependencies: ["Compliance", "HardwareCatalog", "PartyScreening", "AIKitTesting"]),
        .testTarget(
            name: "AIKitScriptingTests",
            dependencies: [
                "AIKitScripting", "LuaRuntime", "Digest", "AIKitTesting", "JupyterKernel", "LuaAnnotations",
                "Frames", "MarketData", "CostModel",
            ],
            exclude: ["Differential"]),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"]),
        .testTarget(
            name: "MarketFeedsTests",
            dependencies: ["MarketFeeds", "MarketData", "Frames", "AIKitTesting", "Redaction"]),
        .testTarget(
            name: "AIKitCLITests", dependencies: ["aikit", "Frames", "LuaFuzzing", "AIKitTesting"],
            exclude: ["Fixtures", "Jupyter"]),
    ]
)

let cTargets: Set<String> = [
    "CLua", "CLuaShims", "CDynamicLoading", "CEditLine", "CSQLite", "CPostgres", "CCurl", "CZeroMQ", "CStandardStreams",
]
for target in package.targets where !cTargets.contains(target.name) && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
