import LuaRuntime

/// Tab completion and the name under the cursor, shared by the terminal REPL and the notebook kernel.
extension ScriptEnvironment {
    /// Characters of a completable name: identifiers joined by `.` (fields) and `:` (methods).
    static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:")

    /// The name being typed at the end of `line` ("market.ba", "f:ro"), possibly empty.
    public static func typedName(in line: Substring) -> Substring {
        line[(line.lastIndex { !nameCharacters.contains($0) }.map(line.index(after:)) ?? line.startIndex)...]
    }

    /// Completions at `cursor` (in Unicode scalars) of `code`, all the code typed so far (a notebook cell; the
    /// REPL's pending lines and the line being edited): the candidates, each a whole word, and the range of scalars
    /// in `code` they replace. The one completion path of the notebook kernel and of the terminal REPL.
    public func completion(in code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(0, cursor), scalars.count)
        var before = String.UnicodeScalarView()
        before.append(contentsOf: scalars[..<cursor])
        let prefix = String(before)
        let line = prefix[(prefix.lastIndex(of: "\n").map(prefix.index(after:)) ?? prefix.startIndex)...]
        let typed = Self.typedName(in: line).unicodeScalars.count
        return (completions(for: prefix), cursor - typed, cursor)
    }

    /// Completions for the end of `line` (the word at the cursor): globals, keywords, fields after `.`, methods
    /// after `:`. Each candidate is the whole word, ready to replace the typed one.
    public func completions(for line: String) -> [String] {
        let word = String(Self.typedName(in: line[...]))
        var separator: Character? = nil
        var prefixPath = ""
        var partial = word
        if let last = word.lastIndex(where: { $0 == "." || $0 == ":" }) {
            separator = word[last]
            prefixPath = String(word[..<last])
            partial = String(word[word.index(after: last)...])
        }
        let path =
            prefixPath.isEmpty
            ? [] : prefixPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if path.contains(where: { $0.isEmpty || $0.contains(":") }) { return [] }
        var names = Set(lua.completionNames(path: path, methods: separator == ":"))
        if path == ["plugins"], separator == ".", let plugins {
            names.formUnion(plugins.sources.map(\.name))  // discovered, not yet loaded
        }
        if separator == nil {
            let keys = optionKeys(before: line.dropLast(word.count))
            if !keys.isEmpty {
                // At a key's position in a call's table: the options first (and only, once one matches).
                let matching = keys.filter { $0.hasPrefix(partial) }
                if !matching.isEmpty { return matching }
            }
            names.formUnion(moduleNames)
            names.formUnion(Self.keywords)
        }
        let head = separator.map { prefixPath + String($0) } ?? ""
        return names.filter { $0.hasPrefix(partial) }.sorted().map { head + $0 }
    }

    static let keywords: [String] = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
        "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]
}
