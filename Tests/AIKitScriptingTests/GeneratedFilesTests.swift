import Foundation
import LuaAnnotations
import Testing

/// Files made from the annotations must be current: the README's Lua API reference. With AIKIT_REGENERATE=1 the test
/// rewrites them instead (then commit the result).
@Suite struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func readmeAPIReferenceIsCurrent() throws {
        let readmePath = Self.root.appendingPathComponent("README.md").path
        let readme = try String(contentsOfFile: readmePath, encoding: .utf8)
        let annotations = LuaAnnotations(text: try String(contentsOfFile: AnnotationTests.annotations, encoding: .utf8))
        let generated = annotations.markdownReference()
        let begin = try #require(
            readme.range(of: LuaAnnotations.referenceBegin), "README.md lost its reference markers")
        let end = try #require(readme.range(of: LuaAnnotations.referenceEnd, range: begin.upperBound..<readme.endIndex))
        let current = String(readme[begin.lowerBound..<end.upperBound])
        if ProcessInfo.processInfo.environment["AIKIT_REGENERATE"] == "1" {
            try readme.replacingCharacters(in: begin.lowerBound..<end.upperBound, with: generated)
                .write(toFile: readmePath, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            current == generated,
            "README.md's Lua API reference is not current with Scripts/types/aikit.lua: run AIKIT_REGENERATE=1 swift test --filter GeneratedFilesTests and commit README.md"
        )
    }

    @Test func theReferenceListsEveryFunctionAndItsOptionKeys() {
        let reference = LuaAnnotations.bundled.markdownReference()
        for function in LuaAnnotations.bundled.functions {
            #expect(reference.contains("`\(function.name)("), "\(function.name) missing")
        }
        #expect(reference.contains("- `compliance.check(question: compliance.Question) -> compliance.Determination`"))
        #expect(reference.contains("`destination`") && reference.contains("`chip?`"))
        // Inline option types give their keys too.
        #expect(reference.contains("`dry_run?`"))
    }
}
