import Foundation
import LuaAnnotations
import Testing

/// Files made from the annotations must be current: the Lua API reference in docs/lua-api.md. One mechanism rewrites
/// it: `swift package --allow-writing-to-package-directory generate-docs` (the GenerateDocs command plugin running
/// `aikit-docs`, which calls the same `updatingReference(in:)` this test compares with).
@Suite struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func luaAPIReferenceIsCurrent() throws {
        let path = Self.root.appendingPathComponent(LuaAnnotations.referencePath).path
        let document = try String(contentsOfFile: path, encoding: .utf8)
        let annotations = LuaAnnotations(text: try String(contentsOfFile: AnnotationTests.annotations, encoding: .utf8))
        let generated = try #require(
            annotations.updatingReference(in: document), "\(LuaAnnotations.referencePath) lost its reference markers")
        #expect(
            document == generated,
            "\(LuaAnnotations.referencePath)'s Lua API reference is not current with Scripts/types/aikit.lua: run `\(LuaAnnotations.regenerateCommand)` and commit \(LuaAnnotations.referencePath)"
        )
    }

    /// The prose around the markers stays as written; only the block between them is replaced; no markers, no
    /// document (the tool then says so instead of writing).
    @Test func updatingReplacesOnlyTheMarkedBlock() throws {
        let annotations = LuaAnnotations(text: "---@meta\nfunction aikit.ping() end\n")
        let stale =
            "# Title\n\nprose\n\n\(LuaAnnotations.referenceBegin)\nold\n\(LuaAnnotations.referenceEnd)\n\nafter\n"
        let updated = try #require(annotations.updatingReference(in: stale))
        #expect(updated.hasPrefix("# Title\n\nprose\n\n\(LuaAnnotations.referenceBegin)\n"))
        #expect(updated.hasSuffix("\(LuaAnnotations.referenceEnd)\n\nafter\n"))
        #expect(!updated.contains("\nold\n") && updated.contains("aikit.ping"))
        #expect(updated.contains(LuaAnnotations.regenerateCommand))
        #expect(annotations.updatingReference(in: updated) == updated)
        #expect(
            annotations.updatingReference(in: "\(LuaAnnotations.referenceEnd)\n\(LuaAnnotations.referenceBegin)") == nil
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
