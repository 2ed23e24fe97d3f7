internal import CLua
internal import CLuaShims

/// How `aikit.inspect` and the REPL render values.
public struct InspectOptions: Sendable {
    /// Tables nested deeper than this print as `{...}`.
    public var depth: Int
    /// Array elements (and other entries) shown per table before "... (N more)".
    public var maxItems: Int
    /// Spaces per level.
    public var indent: Int
    /// A table whose one-line form fits in this many columns prints on one line.
    public var width: Int

    public init(depth: Int = 8, maxItems: Int = 50, indent: Int = 2, width: Int = 80) {
        self.depth = depth
        self.maxItems = maxItems
        self.indent = indent
        self.width = width
    }

    /// What `aikit.inspect` accepts; the printer clamps any other value into these (so a direct caller's
    /// `indent: 1 << 40` cannot ask for terabytes of spaces, nor `depth` recurse past the C stack).
    public static let depthRange = 0...100
    public static let maxItemsRange = 1...1_000_000
    public static let indentRange = 0...16
    public static let widthRange = 0...100_000

    /// The options clamped into their ranges.
    var bounded: InspectOptions {
        func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
            min(max(value, range.lowerBound), range.upperBound)
        }
        return InspectOptions(
            depth: clamp(depth, Self.depthRange), maxItems: clamp(maxItems, Self.maxItemsRange),
            indent: clamp(indent, Self.indentRange), width: clamp(width, Self.widthRange))
    }
}

/// The pretty printer: nested tables indented, keys sorted, cycles marked `<cycle>`, long tables truncated with a
/// count, strings quoted, userdata through `__tostring`. Reads the stack without running metamethods except
/// `__tostring`/`__name`, which run protected.
struct Inspector {
    let L: OpaquePointer
    let options: InspectOptions

    init(L: OpaquePointer, options: InspectOptions) {
        self.L = L
        self.options = options.bounded
    }

    func render(_ index: Int32) -> String {
        var path: Set<UnsafeRawPointer> = []
        return render(lua_absindex(L, index), level: 0, path: &path)
    }

    private func render(_ index: Int32, level: Int, path: inout Set<UnsafeRawPointer>) -> String {
        switch lua_type(L, index) {
        case LUA_TNONE, LUA_TNIL: return "nil"
        case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0 ? "true" : "false"
        case LUA_TNUMBER: return numberText(index)
        case LUA_TSTRING: return Inspector.quote(bytes(index))
        case LUA_TTABLE: return table(index, level: level, path: &path)
        default: return tostring(index)
        }
    }

    private func numberText(_ index: Int32) -> String {
        if lua_isinteger(L, index) != 0 { return String(clua_tointeger(L, index, nil)) }
        return tostring(index)
    }

    private func bytes(_ index: Int32) -> [UInt8] {
        var length = 0
        let pointer = clua_tolstring(L, index, &length)
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    /// `luaL_tolstring`, protected (it may run `__tostring`).
    private func tostring(_ index: Int32) -> String {
        guard lua_checkstack(L, 3) != 0 else { return "?" }
        if aikit_ptolstring(L, index) == LUA_OK {
            defer { lua_settop(L, -2) }
            return String(decoding: bytes(-1), as: UTF8.self)
        }
        defer { lua_settop(L, -2) }
        return "<__tostring failed: \(String(decoding: bytes(-1), as: UTF8.self))>"
    }

    private struct Entry {
        let rank: Int
        let sortKey: String
        let number: Double
        let key: String
        let value: String
    }

    private func table(_ index: Int32, level: Int, path: inout Set<UnsafeRawPointer>) -> String {
        guard let identity = lua_topointer(L, index) else { return "{}" }
        if path.contains(identity) { return "<cycle>" }
        if level >= options.depth { return "{...}" }
        guard lua_checkstack(L, 4) != 0 else { return "{...}" }
        if aikit_fill_lazy(L, index) != LUA_OK { lua_settop(L, -2) }  // shows lazy fields (a trace) too
        path.insert(identity)
        defer { path.remove(identity) }

        var items: [String] = []
        var hidden = 0
        let count = Int(lua_rawlen(L, index))
        var arrayCount = 0
        while arrayCount < count {
            lua_rawgeti(L, index, lua_Integer(arrayCount + 1))
            defer { lua_settop(L, -2) }
            if lua_type(L, -1) == LUA_TNIL { break }
            arrayCount += 1
            if items.count < options.maxItems {
                items.append(render(lua_gettop(L), level: level + 1, path: &path))
            } else {
                hidden += 1
            }
        }
        var entries: [Entry] = []
        lua_pushnil(L)
        while aikit_next_skipping(L, index, lua_Integer(arrayCount)) != 0 {
            defer { lua_settop(L, -2) }
            if items.count + entries.count >= options.maxItems {
                hidden += 1
                continue
            }
            let keyIndex = lua_gettop(L) - 1
            entries.append(
                entry(
                    keyIndex, value: render(lua_gettop(L), level: level + 1, path: &path),
                    path: &path, level: level))
        }
        entries.sort { ($0.rank, $0.number, $0.sortKey) < ($1.rank, $1.number, $1.sortKey) }
        items += entries.map { "\($0.key) = \($0.value)" }
        if hidden > 0 { items.append("... (\(hidden) more)") }
        if items.isEmpty { return "{}" }

        let inline = "{ " + items.joined(separator: ", ") + " }"
        if !inline.contains("\n") && inline.count + level * options.indent <= options.width { return inline }
        let pad = String(repeating: " ", count: (level + 1) * options.indent)
        let closing = String(repeating: " ", count: level * options.indent)
        return "{\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + closing + "}"
    }

    private func entry(_ keyIndex: Int32, value: String, path: inout Set<UnsafeRawPointer>, level: Int) -> Entry {
        switch lua_type(L, keyIndex) {
        case LUA_TSTRING:
            let text = String(decoding: bytes(keyIndex), as: UTF8.self)
            let key = Inspector.isIdentifier(text) ? text : "[\(Inspector.quote(bytes(keyIndex)))]"
            return Entry(rank: 1, sortKey: text, number: 0, key: key, value: value)
        case LUA_TNUMBER:
            let number = clua_tonumber(L, keyIndex, nil)
            return Entry(rank: 0, sortKey: "", number: number, key: "[\(numberText(keyIndex))]", value: value)
        case LUA_TBOOLEAN:
            let text = lua_toboolean(L, keyIndex) != 0 ? "true" : "false"
            return Entry(rank: 2, sortKey: text, number: 0, key: "[\(text)]", value: value)
        default:
            let text = render(keyIndex, level: level + 1, path: &path)
            return Entry(rank: 3, sortKey: text, number: 0, key: "[\(text)]", value: value)
        }
    }

    static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
        "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(48...57).contains(first), !keywords.contains(text) else { return false }
        return text.utf8.allSatisfy {
            $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)
        }
    }

    /// A Lua string literal for arbitrary bytes (as `%q` would write it, with `\n` spelled out).
    static func quote(_ bytes: [UInt8]) -> String {
        var out = "\""
        var scalars = String.UnicodeScalarView()
        let text = String(decoding: bytes, as: UTF8.self)
        let valid = Array(text.utf8) == bytes
        if valid {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": scalars.append(contentsOf: "\\\"".unicodeScalars)
                case "\\": scalars.append(contentsOf: "\\\\".unicodeScalars)
                case "\n": scalars.append(contentsOf: "\\n".unicodeScalars)
                case "\r": scalars.append(contentsOf: "\\r".unicodeScalars)
                case "\t": scalars.append(contentsOf: "\\t".unicodeScalars)
                default:
                    if scalar.value < 32 || scalar.value == 127 {
                        scalars.append(contentsOf: "\\\(scalar.value)".unicodeScalars)
                    } else {
                        scalars.append(scalar)
                    }
                }
            }
            out += String(scalars)
        } else {
            for byte in bytes {
                switch byte {
                case 34: out += "\\\""
                case 92: out += "\\\\"
                case 10: out += "\\n"
                case 32..<127: out.append(Character(Unicode.Scalar(byte)))
                default: out += "\\x" + String(byte, radix: 16).leftPadded(2)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension LuaState {
    /// Renders the value at `index` of the main thread as the REPL prints it.
    public func inspect(at index: Int32, options: InspectOptions = InspectOptions()) -> String {
        Inspector(L: L, options: options).render(index)
    }
}
