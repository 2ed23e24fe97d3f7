import Foundation
import Frames
import MarketData

/// Temporary stores and files for the import tests.
struct ImportScratch {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "aikit-import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    func write(_ name: String, _ text: String) throws -> String {
        let target = path(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    func store(_ name: String = "market.sqlite") throws -> SQLiteMarketStore {
        try SQLiteMarketStore(path: path(name))
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

enum Fixture {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}

/// Everything a store holds, for "unchanged" checks.
struct StoreSnapshot: Equatable {
    let bars: Frame
    let sectors: Frame
    let events: Frame
    let securities: [Security]

    init(_ store: any MarketStore) throws {
        bars = try store.bars(BarQuery())
        sectors = try store.sectors(SectorQuery())
        events = try store.events(EventQuery())
        securities = try store.securities()
    }
}

func day(_ text: String) -> Int64 { MarketTime.parse(text)! }
