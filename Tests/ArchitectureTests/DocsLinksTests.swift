import Foundation
import Testing

/// Every relative link in README.md and docs/*.md names a file of the checkout (README points readers into docs/,
/// docs point at one another and at sources); a renamed or removed page fails here, not in a reader's browser.
@Suite struct DocsLinksTests {
    static let root = Architecture.root

    /// The Markdown files readers follow links from.
    static func pages() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// The targets of `[text](target)` links in `markdown`, with their line numbers, outside code blocks.
    static func links(in markdown: String) -> [(line: Int, target: String)] {
        var found: [(Int, String)] = []
        var inCode = false
        for (number, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") { inCode.toggle() }
            if inCode { continue }
            var rest = Substring(line)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                found.append((number + 1, String(after[..<close])))
                rest = after[close...]
            }
        }
        return found
    }

    @Test func linksAreReadOutsideCodeBlocks() {
        let text = "See [a](docs/a.md) and [b](b.md#x).\n```\n[c](nowhere.md)\n```\n[d](https://example.com)"
        #expect(Self.links(in: text).map(\.target) == ["docs/a.md", "b.md#x", "https://example.com"])
    }

    @Test func everyRelativeLinkNamesAFile() throws {
        var broken: [String] = []
        for page in try Self.pages() {
            let text = try String(contentsOf: Self.root.appendingPathComponent(page), encoding: .utf8)
            let folder = page.contains("/") ? String(page[..<page.lastIndex(of: "/")!]) + "/" : ""
            for (line, target) in Self.links(in: text) {
                if target.contains("://") || target.hasPrefix("mailto:") || target.hasPrefix("#") { continue }
                let path = String(target.split(separator: "#", maxSplits: 1)[0])
                let resolved = Self.root.appendingPathComponent(folder + path).standardizedFileURL.path
                if !FileManager.default.fileExists(atPath: resolved) {
                    broken.append("\(page):\(line): \(target) (no \(resolved.dropFirst(Self.root.path.count + 1)))")
                }
            }
        }
        #expect(broken.isEmpty, "links to nothing:\n\(broken.joined(separator: "\n"))")
    }
}
