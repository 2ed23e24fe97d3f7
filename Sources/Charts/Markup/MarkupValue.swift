/// The checks behind `MarkupAllowList.Value`: each says what is wrong with a value, or nil when it may be written.
enum MarkupValue {
    static func problem(_ value: String, _ kind: MarkupAllowList.Value) -> String? {
        switch kind {
        case .text:
            return nil
        case .number:
            return isNumber(value) ? nil : "is not a finite number (like 12, -1.5, 50% or 10px)"
        case .numbers:
            let parts = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" })
            return value == "none" || parts.allSatisfy({ isNumber(String($0)) })
                ? nil : "is not a list of finite numbers"
        case .path:
            return value.allSatisfy({ "MmZzLlHhVvCcSsQqTtAa0123456789.,-+eE \t\n\r".contains($0) })
                ? nil : "is not path data (commands and numbers only)"
        case .transform:
            let allowed = value.allSatisfy {
                $0.isASCII && ($0.isLetter || $0.isNumber || " \t\n\r.,-+()".contains($0))
            }
            let words = value.split(whereSeparator: { !$0.isLetter }).filter { $0 != "e" && $0 != "E" }
            let known: Set<Substring> = ["translate", "rotate", "scale", "matrix", "skewX", "skewY"]
            return allowed && words.allSatisfy(known.contains)
                ? nil : "is not a transform (translate, rotate, scale, matrix, skewX, skewY of numbers)"
        case .token:
            return value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || " -_,.'\"".contains($0)) })
                ? nil : "may hold letters, digits, spaces and -_,.'\" only"
        case .choice(let words):
            return words.contains(value) ? nil : "is not one of \(words.sorted().joined(separator: ", "))"
        case .identifier:
            return isIdentifier(value) ? nil : "is not an id (a letter, then letters, digits, - _ or .)"
        case .paint:
            if ["none", "currentColor", "transparent"].contains(value) || isReference(value) { return nil }
            do {
                _ = try ChartColor(value)
                return nil
            } catch {
                return "is not a colour (#rrggbb, #rgb, a basic name, none or url(#id))"
            }
        case .fragment:
            return value.hasPrefix("#") && isIdentifier(String(value.dropFirst()))
                ? nil : "is not a reference inside the page (#id)"
        case .reference:
            return value == "none" || isReference(value) ? nil : "is not url(#id) or none"
        case .link:
            let safe = value.allSatisfy {
                !$0.isWhitespace && $0 != "\\" && !$0.unicodeScalars.contains { $0.value < 32 }
            }
            return safe && (value.hasPrefix("https://") || (value.hasPrefix("#") && !value.contains(":")))
                ? nil : "is not an https:// address or #id"
        case .style:
            // Searched as bytes: `String.contains` compares Characters, and "(" with a combining mark after it is
            // not "(" to it, though it is to a CSS tokenizer.
            let lower = Array(value.lowercased().utf8)
            let refused = [
                "url(", "src(", "@", "\\", "expression", "image", "element(", "<", ">", "&", "behavior", "binding",
            ]
            return refused.contains(where: { lower.firstRange(of: Array($0.utf8)) != nil })
                ? "may not hold url(, src(, @rules, escapes, expression(), images or markup characters" : nil
        case .exact(let expected):
            return value == expected ? nil : "must be \(expected)"
        }
    }

    /// A finite decimal number (no hex, no `inf`/`nan`) with an optional `px`, `em` or `%`.
    static func isNumber(_ value: String) -> Bool {
        var text = Substring(value)
        for unit in ["px", "em", "%"] where text.hasSuffix(unit) {
            text = text.dropLast(unit.count)
            break
        }
        guard !text.isEmpty, text.allSatisfy({ "0123456789.-+eE".contains($0) }), let number = Double(text) else {
            return false
        }
        return number.isFinite
    }

    static func isIdentifier(_ value: String) -> Bool {
        guard let first = value.first, first.isASCII, first.isLetter || first == "_", value.count <= 64 else {
            return false
        }
        return value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// `url(#id)`.
    static func isReference(_ value: String) -> Bool {
        value.hasPrefix("url(#") && value.hasSuffix(")") && isIdentifier(String(value.dropFirst(5).dropLast()))
    }
}

/// SVG a report may show: markup checked against the report's SVG allow-list (`MarkupAllowList.svg`) and written
/// back canonically. What chart.line, chart.bar, … return passes; scripts, foreign objects, external references,
/// event handlers and entities do not.
public struct SVGDocument: Sendable, Equatable {
    public let markup: String

    /// Checks `markup`; the error names the first element or attribute refused and its line and column.
    public init(_ markup: String) throws(ChartError) {
        self.markup = try StrictMarkup.rewrite(markup, allowing: .svg)
    }
}

/// HTML a report may insert as a block: tables as `Frame.html` writes them, checked against
/// `MarkupAllowList.table` and written back canonically.
public struct HTMLFragment: Sendable, Equatable {
    public let markup: String

    public init(_ markup: String) throws(ChartError) {
        self.markup = try StrictMarkup.rewrite(markup, allowing: .table)
    }
}
