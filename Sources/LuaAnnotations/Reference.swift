/// The Lua API reference in docs/lua-api.md, made from the annotations (so adding a function or an option to
/// `Scripts/types/aikit.lua` is the one edit; a test fails when the copy in docs/ is not current). The `aikit-docs`
/// tool, run by the `generate-docs` command plugin, writes it.
extension LuaAnnotations {
    public static let referenceBegin = "<!-- BEGIN GENERATED: Lua API reference, from Scripts/types/aikit.lua -->"
    public static let referenceEnd = "<!-- END GENERATED: Lua API reference -->"
    /// Where the reference lives, relative to the package root, and the one command that rewrites it.
    public static let referencePath = "docs/lua-api.md"
    public static let regenerateCommand = "swift package --allow-writing-to-package-directory generate-docs"

    /// `document` with the text between the reference markers (markers included) replaced by `markdownReference()`;
    /// nil when the document lacks the markers, in order. The prose around them is left as written.
    public func updatingReference(in document: String) -> String? {
        guard let begin = Self.find(Self.referenceBegin, in: document, from: document.startIndex),
            let end = Self.find(Self.referenceEnd, in: document, from: begin.upperBound)
        else { return nil }
        return String(document[..<begin.lowerBound]) + markdownReference() + String(document[end.upperBound...])
    }

    /// The first occurrence of `needle` in `text` at or after `start` (no Foundation here).
    static func find(_ needle: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        var index = start
        while index < text.endIndex {
            if text[index...].hasPrefix(needle) { return index..<text.index(index, offsetBy: needle.count) }
            index = text.index(after: index)
        }
        return nil
    }

    /// Markdown: one section per module or class, in the annotations' order; each function with its signature, its
    /// first doc sentence, and the keys of its option tables.
    public func markdownReference() -> String {
        var owners: [String] = []
        var members: [String: [Function]] = [:]
        for function in functions {
            let owner =
                function.owner ?? (function.name.contains(".") ? String(function.name.prefix { $0 != "." }) : "globals")
            if members[owner] == nil { owners.append(owner) }
            members[owner, default: []].append(function)
        }
        var out = [Self.referenceBegin, ""]
        out.append(
            "Generated from the annotations; `?` marks an optional argument or key. Regenerate with "
                + "`\(Self.regenerateCommand)`.")
        for owner in owners {
            out.append("")
            let summary = Self.firstSentence(classes[owner]?.doc ?? [])
            out.append("#### `\(owner)`" + (summary.isEmpty ? "" : ": " + summary))
            out.append("")
            for function in members[owner] ?? [] {
                var line = "- `\(function.signature)`"
                let summary = Self.firstSentence(function.doc)
                if !summary.isEmpty { line += " — " + summary }
                let permissions = function.permissions.map { "`\($0)`" }.joined(separator: ", ")
                if !permissions.isEmpty { line += " (plugins: \(permissions))" }
                out.append(line)
                for parameter in function.parameters {
                    guard let fields = optionFields(parameter.type), !fields.isEmpty else { continue }
                    let keys = fields.map { "`\($0.name)\($0.optional ? "?" : "")`" }.joined(separator: ", ")
                    out.append("  - `\(parameter.name)` keys: \(keys)")
                }
            }
        }
        out.append("")
        out.append(Self.referenceEnd)
        return out.joined(separator: "\n")
    }

    /// The fields of a table type: a class of the annotations (or an alias of one), or an inline `{ a?: T }`.
    public func optionFields(_ type: String) -> [Member]? {
        var type = type
        if type.hasSuffix("?") { type.removeLast() }
        if let alias = aliases[type] { type = alias }
        if let fields = classes[type]?.fields { return fields }
        guard type.hasPrefix("{"), type.hasSuffix("}") else { return nil }
        var parts: [String] = [""]
        var depth = 0
        for c in type.dropFirst().dropLast() {
            if "({[<".contains(c) { depth += 1 }
            if ")}]>".contains(c) { depth -= 1 }
            if depth == 0, c == "," { parts.append("") } else { parts[parts.count - 1].append(c) }
        }
        return parts.compactMap { part in
            guard let colon = part.firstIndex(of: ":") else { return nil }
            let declared = part[..<colon].filter { $0 != " " }
            let name = declared.filter { $0 != "?" }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            let fieldType = part[part.index(after: colon)...].trimmingSpaces
            return Member(name: name, type: String(fieldType), optional: declared.hasSuffix("?"), description: "")
        }
    }

    /// The doc's first sentence (up to ". " or the end of its first paragraph), on one line.
    static func firstSentence(_ doc: [String]) -> String {
        let paragraph = doc.prefix { !$0.isEmpty }.joined(separator: " ")
        var sentence = ""
        var previous: Character = " "
        for c in paragraph {
            if previous == ".", c == " " { break }
            sentence.append(c)
            previous = c
        }
        return sentence
    }
}
