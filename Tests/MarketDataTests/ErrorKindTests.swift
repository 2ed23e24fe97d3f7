import Frames
import MarketData
import Testing

/// The kinds of the domain errors share one implementation (`ErrorKind`): each kind is named after itself (the name
/// scripts and messages show) and equal only to itself.
@Suite struct ErrorKindTests {
    @Test func eachKindIsNamedAfterItselfAndEqualOnlyToItself() {
        let store: [StoreError.Kind] = [
            .cannotOpen, .readOnly, .sqlite, .postgres, .corrupt, .newerSchema, .unknownSymbol, .unknownSeries,
            .badArgument, .writeInProgress, .frame,
        ]
        #expect(
            store.map(\.description) == [
                "cannotOpen", "readOnly", "sqlite", "postgres", "corrupt", "newerSchema", "unknownSymbol",
                "unknownSeries", "badArgument", "writeInProgress", "frame",
            ])
        #expect(Set(store).count == store.count)
        let frame: [FrameError.Kind] = [
            .noColumn, .wrongKind, .lengthMismatch, .badArgument, .nameClash, .duplicateKey, .missingData,
        ]
        #expect(Set(frame.map(\.description)).count == frame.count)
        #expect(ImportError.options("x").kind == .options && ImportError.options("x").kind != .file)
        #expect(StoreError.corrupt("x").kind == .corrupt && StoreError.corrupt("x").kind != .frame)
    }
}
