import Foundation
import Testing

/// The house style is `swift format`'s, configured in `.swift-format` (120 columns, 4 spaces): CI fails on a file
/// the formatter would change. Fix with `swift format --in-place --recursive --parallel Sources Tests Benchmarks
/// Package.swift`.
@Suite struct FormattingTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let paths = ["Sources", "Tests", "Benchmarks", "Package.swift"]

    /// The toolchain's `swift format` (shipped with Swift since 6.0).
    static let formatterAvailable: Bool = {
        (try? AikitProcess.run(
            ["swift", "format", "--version"], executable: URL(fileURLWithPath: "/usr/bin/env")))?.status == 0
    }()

    @Test(.enabled(if: formatterAvailable, "needs the toolchain's `swift format` (Swift 6.0 or later)"))
    func sourcesAreFormatted() throws {
        let result = try AikitProcess.run(
            ["swift", "format", "lint", "--strict", "--recursive", "--parallel"] + Self.paths,
            directory: Self.root, executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result.status == 0, "swift format lint failed:\n\(result.stderr)")
        #expect(result.stderr.isEmpty, "swift format lint findings:\n\(result.stderr)")
    }
}
