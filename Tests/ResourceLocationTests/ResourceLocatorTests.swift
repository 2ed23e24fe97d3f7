import Foundation
import Testing

@testable import ResourceLocation

/// A throwaway folder with files at the given relative paths; removed by `remove()`.
struct Layout {
    let root: String

    init(_ files: [String]) throws {
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("aikit-resources-\(UUID().uuidString)")
            .path
        for file in files {
            let path = root + "/" + file
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Suite struct ResourceLocatorTests {
    @Test func installedLayoutBesideTheExecutable() throws {
        let layout = try Layout(["bin/aikit", "share/aikit/sample/NVDA.csv"])
        defer { layout.remove() }
        let locator = ResourceLocator(
            executable: layout.root + "/bin/aikit", environment: [:], systemFolder: layout.root + "/none")
        #expect(try locator.folder(of: .sample) == layout.root + "/share/aikit/sample")
    }

    @Test func environmentOverrideComesFirst() throws {
        let layout = try Layout(["bin/aikit", "share/aikit/sample/NVDA.csv", "mine/NVDA.csv"])
        defer { layout.remove() }
        let locator = ResourceLocator(
            executable: layout.root + "/bin/aikit", environment: ["AIKIT_SAMPLE_DIR": layout.root + "/mine"],
            systemFolder: layout.root + "/none")
        #expect(try locator.folder(of: .sample) == layout.root + "/mine")
    }

    /// A development build (`.build/<triple>/debug/aikit`) reads its own checkout's files, wherever the checkout was
    /// moved, and before the system folder.
    @Test func checkoutFoundByWalkingUpFromTheExecutable() throws {
        let layout = try Layout([
            "moved/repo/Package.swift", "moved/repo/Sources/MarketData/Resources/sample/NVDA.csv",
            "moved/repo/.build/x86_64-unknown-linux-gnu/debug/aikit",
            "system/sample/NVDA.csv",
        ])
        defer { layout.remove() }
        let locator = ResourceLocator(
            executable: layout.root + "/moved/repo/.build/x86_64-unknown-linux-gnu/debug/aikit", environment: [:],
            systemFolder: layout.root + "/system")
        #expect(try locator.folder(of: .sample) == layout.root + "/moved/repo/Sources/MarketData/Resources/sample")
    }

    @Test func systemFolderForABinaryCopiedAnywhere() throws {
        let layout = try Layout(["elsewhere/aikit", "system/sample/NVDA.csv"])
        defer { layout.remove() }
        let locator = ResourceLocator(
            executable: layout.root + "/elsewhere/aikit", environment: [:], systemFolder: layout.root + "/system")
        #expect(try locator.folder(of: .sample) == layout.root + "/system/sample")
    }

    /// A folder without the marker file (an empty `share/aikit/sample`) is not the resource.
    @Test func missingEverywhereSaysWhereItLooked() throws {
        let layout = try Layout(["bin/aikit", "share/aikit/sample/README"])
        defer { layout.remove() }
        let locator = ResourceLocator(
            executable: layout.root + "/bin/aikit", environment: ["AIKIT_SAMPLE_DIR": layout.root + "/override"],
            systemFolder: layout.root + "/system")
        let error = #expect(throws: ResourceNotFound.self) { try locator.folder(of: .sample) }
        #expect(
            error?.lookedIn == [
                layout.root + "/override", layout.root + "/share/aikit/sample", layout.root + "/system/sample",
            ])
        let message = error?.description ?? ""
        #expect(message.contains("NVDA.csv") && message.contains(layout.root + "/share/aikit/sample"))
        #expect(message.contains("AIKIT_SAMPLE_DIR"))
    }

    @Test(arguments: [
        ("/usr/bin/aikit", "/usr/bin"), ("/usr/bin", "/usr"), ("/aikit", "/"), ("/", "/"), ("a/b/", "a"),
        ("aikit", "."),
    ])
    func parent(path: String, expected: String) {
        #expect(ResourceLocator.parent(of: path) == expected)
    }

    /// `/usr/bin/aikit`'s installed folder is the system folder itself: looked in once.
    @Test func installedUnderUsrIsTheSystemFolder() {
        let locator = ResourceLocator(executable: "/usr/bin/aikit", environment: [:])
        #expect(locator.candidates(for: .sample) == ["/usr/share/aikit/sample"])
    }

    @Test func executableIsThisProcess() throws {
        let executable = try #require(ResourceLocator.currentExecutable())
        #expect(executable.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: executable))
    }
}
