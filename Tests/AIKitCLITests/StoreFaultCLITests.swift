import Foundation
import Testing

/// Store and file faults seen from the command line: each is a clear error (or works), never a crash or a silent loss.
@Suite struct StoreFaultCLITests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "aikit-cli-faults-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    @Test(arguments: ["a", "ab", "./a"])
    func aStoreNamedByAShortRelativePathOpens(name: String) throws {
        defer { remove() }
        let result = try AikitProcess.run(["script", "-e", "local s = market.open('\(name)') print(s:path(), s:check())"],
                                          directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(name)\tok\n")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name)"))
    }
}
