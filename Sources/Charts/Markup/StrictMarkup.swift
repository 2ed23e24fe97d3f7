import Markup

/// A small strict XML tokenizer that checks markup against an allow-list and writes it back canonically: every
/// element and attribute named in the list (exact case), every attribute value checked by its kind, quoted and
/// escaped; text escaped; only the five predefined entities and numeric character references. Comments, DOCTYPEs,
/// CDATA sections and processing instructions are refused, as is anything unterminated or mis-nested. An error names
/// what was refused and its line and column.
///
/// Written back rather than passed through, so what a browser parses is what was checked (no parser differences
/// between this tokenizer and HTML's).
enum StrictMarkup {
    /// Elements may nest this deep (charts use 3).
    static let maxDepth = 64

    static func rewrite(_ markup: String, allowing list: MarkupAllowList) throws(ChartError) -> String {
        var parser = Parser(bytes: Array(markup.utf8), list: list)
        return try parser.run()
    }

    struct Parser {
        let bytes: [UInt8]
        let list: MarkupAllowList
        var index = 0
        var out = ""
        /// Open elements: name and where they started.
        var stack: [(name: String, at: Int)] = []
        /// The last start tag is written up to its attributes; `>` or `/>` follows once its content is known.
        var open = false
        var rootSeen = false

        init(bytes: [UInt8], list: MarkupAllowList) {
            self.bytes = bytes
            self.list = list
            out.reserveCapacity(bytes.count + bytes.count / 8)
        }

        mutating func run() throws(ChartError) -> String {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") {
                    try tag()
                } else {
                    try text()
                }
            }
            if let unclosed = stack.last {
                throw refusal("<\(unclosed.name)>", at: unclosed.at, "is never closed")
            }
            if let root = list.root, !rootSeen {
                throw ChartError("\(list.name) must be one <\(root)> element; this holds none")
            }
            return out
        }

        // MARK: Tags

        mutating func tag() throws(ChartError) {
            let start = index
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "!") {
                let head = String(decoding: bytes[start..<min(bytes.count, start + 9)], as: UTF8.self)
                let what =
                    head.hasPrefix("<!--")
                    ? "a comment" : head.hasPrefix("<![CDATA[") ? "a CDATA section" : "a DOCTYPE or entity declaration"
                throw refusal(what, at: start, "is not allowed in \(list.name)")
            }
            if next == UInt8(ascii: "?") {
                throw refusal("a processing instruction (<?…?>)", at: start, "is not allowed in \(list.name)")
            }
            if next == UInt8(ascii: "/") {
                index += 2
                let name = self.name()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                    throw refusal("the end tag </\(name)", at: start, "is not closed with >")
                }
                index += 1
                guard let top = stack.last else { throw refusal("</\(name)>", at: start, "closes no element") }
                guard top.name == name else {
                    throw refusal("</\(name)>", at: start, "does not close <\(top.name)> (\(position(top.at)))")
                }
                stack.removeLast()
                if open {
                    out += list.selfClosing ? "/>" : "></\(name)>"
                    open = false
                } else {
                    out += "</\(name)>"
                }
                return
            }
            index += 1
            let name = self.name()
            guard !name.isEmpty else {
                throw refusal("'<'", at: start, "does not start a tag; write &lt; for a literal <")
            }
            guard let attributes = list.elements[name] else {
                throw refusal(
                    "element <\(name)>", at: start,
                    "is not allowed in \(list.name); allowed: \(list.elements.keys.sorted().joined(separator: ", "))")
            }
            if let parent = stack.last, list.textOnly.contains(parent.name) {
                throw refusal("element <\(name)>", at: start, "is not allowed inside <\(parent.name)> (text only)")
            }
            if stack.isEmpty, let root = list.root {
                guard name == root, !rootSeen else {
                    throw refusal(
                        "element <\(name)>", at: start,
                        "is not allowed in \(list.name) outside its one <\(root)> element")
                }
                rootSeen = true
            }
            guard stack.count < StrictMarkup.maxDepth else {
                throw refusal("element <\(name)>", at: start, "nests deeper than \(StrictMarkup.maxDepth) elements")
            }
            closeOpenTag()
            out += "<" + name
            var seen: [String] = []
            while true {
                let gap = skipSpace()
                guard index < bytes.count else { throw refusal("the tag <\(name)", at: start, "is not closed with >") }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    stack.append((name, start))
                    open = true
                    return
                }
                if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") {
                    index += 2
                    out += list.selfClosing ? "/>" : "></\(name)>"
                    return
                }
                let at = index
                guard gap else { throw refusal("the tag <\(name)", at: at, "needs a space before each attribute") }
                let key = self.name()
                guard !key.isEmpty else {
                    throw refusal("the tag <\(name)", at: at, "holds '\(character(at: at))' where an attribute belongs")
                }
                let value = try attributeValue(of: key, on: name, at: at)
                if key.lowercased().hasPrefix("on") {
                    throw refusal(
                        "attribute '\(key)' of <\(name)>", at: at, "is not allowed in \(list.name) (no event handlers)")
                }
                guard let kind = attributes[key] ?? list.common[key] else {
                    let allowed = (Array(attributes.keys) + Array(list.common.keys)).sorted()
                    throw refusal(
                        "attribute '\(key)' of <\(name)>", at: at,
                        "is not allowed in \(list.name); allowed: \(allowed.joined(separator: ", "))")
                }
                guard !seen.contains(key) else {
                    throw refusal("attribute '\(key)' of <\(name)>", at: at, "is given twice")
                }
                seen.append(key)
                if let why = MarkupValue.problem(value, kind) {
                    let shown = value.count > 60 ? String(value.prefix(60)) + "…" : value
                    throw refusal("the value '\(shown)' of attribute '\(key)' on <\(name)>", at: at, why)
                }
                out += " \(key)=\"\(Markup.escape(value))\""
            }
        }

        /// An attribute's `="value"` (either quote), entities decoded.
        mutating func attributeValue(of key: String, on element: String, at: Int) throws(ChartError) -> String {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw refusal("attribute '\(key)' of <\(element)>", at: at, "has no =\"value\"")
            }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw refusal("attribute '\(key)' of <\(element)>", at: at, "needs its value in quotes")
            }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < bytes.count, bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "<") {
                    throw refusal("attribute '\(key)' of <\(element)>", at: at, "holds '<' (write &lt;)")
                }
                index += 1
            }
            guard index < bytes.count else {
                throw refusal("the value of attribute '\(key)' of <\(element)>", at: at, "is never closed")
            }
            index += 1
            return try decode(valueStart, index - 1)
        }

        /// Writes `>` after a start tag whose content begins.
        mutating func closeOpenTag() {
            if open {
                out += ">"
                open = false
            }
        }

        // MARK: Text

        mutating func text() throws(ChartError) {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
            let content = try decode(start, index)
            if stack.isEmpty {
                guard content.allSatisfy(\.isWhitespace) else {
                    throw refusal(
                        "text", at: start,
                        list.root.map { "is not allowed in \(list.name) outside its <\($0)> element" }
                            ?? "is not allowed outside an element in \(list.name)")
                }
                out += content
                return
            }
            closeOpenTag()
            out += Markup.escape(content)
        }

        /// Bytes `from..<to` as text, with `&amp; &lt; &gt; &quot; &apos;` and `&#n;`/`&#xh;` decoded; any other
        /// `&` is refused.
        func decode(_ from: Int, _ to: Int) throws(ChartError) -> String {
            guard bytes[from..<to].contains(UInt8(ascii: "&")) else {
                return String(decoding: bytes[from..<to], as: UTF8.self)
            }
            var text = ""
            var run = from
            var at = from
            while at < to {
                guard bytes[at] == UInt8(ascii: "&") else {
                    at += 1
                    continue
                }
                text += String(decoding: bytes[run..<at], as: UTF8.self)
                guard let end = bytes[at..<min(to, at + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                    throw refusal(
                        "'&'", at: at, "does not start a character reference; write &amp; for a literal &")
                }
                let reference = String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
                guard let character = Self.character(reference) else {
                    throw refusal(
                        "the entity '&\(reference);'", at: at,
                        "is not allowed in \(list.name) (only &amp; &lt; &gt; &quot; &apos; and numeric references)")
                }
                text.unicodeScalars.append(character)
                at = end + 1
                run = at
            }
            return text + String(decoding: bytes[run..<to], as: UTF8.self)
        }

        static func character(_ reference: String) -> Unicode.Scalar? {
            switch reference {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            default:
                guard reference.hasPrefix("#") else { return nil }
                let digits = reference.dropFirst()
                let value =
                    digits.hasPrefix("x") || digits.hasPrefix("X")
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                guard let value, value >= 0x20 || value == 9 || value == 10 || value == 13,
                    let scalar = Unicode.Scalar(value)
                else { return nil }
                return scalar
            }
        }

        // MARK: Scanning

        /// A tag or attribute name: a letter, then letters, digits and `-_:.`.
        mutating func name() -> String {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                let letter =
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                let other =
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
                guard letter || (index > start && other) else { break }
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// Skips spaces, tabs and line breaks; whether there were any.
        @discardableResult
        mutating func skipSpace() -> Bool {
            let start = index
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            return index > start
        }

        func character(at offset: Int) -> String {
            String(decoding: bytes[offset..<min(bytes.count, offset + 1)], as: UTF8.self)
        }

        /// "line 3, column 14" of a byte offset (columns count bytes from 1).
        func position(_ offset: Int) -> String {
            var line = 1
            var lineStart = 0
            for at in 0..<min(offset, bytes.count) where bytes[at] == 0x0A {
                line += 1
                lineStart = at + 1
            }
            return "line \(line), column \(offset - lineStart + 1)"
        }

        func refusal(_ what: String, at offset: Int, _ why: String) -> ChartError {
            ChartError("\(what) (\(position(offset))) \(why)")
        }
    }
}
