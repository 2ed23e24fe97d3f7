import Foundation
import LuaAnnotations

/// `aikit-docs [PACKAGE_ROOT]`: rewrites the generated Lua API reference in docs/lua-api.md from
/// Scripts/types/aikit.lua. Run through the command plugin: `swift package --allow-writing-to-package-directory
/// generate-docs`. GeneratedFilesTests fails when the file is not what this writes.
let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath
let annotationsPath = root + "/Scripts/types/aikit.lua"
let documentPath = root + "/" + LuaAnnotations.referencePath

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("aikit-docs: \(message)\n".utf8))
    exit(1)
}

guard let annotations = try? String(contentsOfFile: annotationsPath, encoding: .utf8) else {
    fail("cannot read \(annotationsPath): run from the package root, or give it as the first argument")
}
guard let document = try? String(contentsOfFile: documentPath, encoding: .utf8) else {
    fail("cannot read \(documentPath): it holds the prose around the generated reference; restore it from git")
}
guard let updated = LuaAnnotations(text: annotations).updatingReference(in: document) else {
    fail(
        "\(documentPath) lacks the markers \(LuaAnnotations.referenceBegin) … \(LuaAnnotations.referenceEnd), in "
            + "that order: put them back where the reference goes")
}
if updated == document {
    print("\(LuaAnnotations.referencePath) is current")
} else {
    do {
        try updated.write(toFile: documentPath, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(documentPath): \(error)")
    }
    print("\(LuaAnnotations.referencePath) rewritten from Scripts/types/aikit.lua")
}
