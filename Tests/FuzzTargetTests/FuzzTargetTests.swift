import AIKitTesting
import Foundation
import FuzzTargets
import LuaFuzzing
import Testing

/// Replays the fuzz corpus (seeds from the fixtures, plus every input libFuzzer once crashed on) and a bounded set
/// of deterministic mutations of each seed through every fuzz target: none may trap, crash or hang.
@Suite struct FuzzTargetTests {
    static var corpus: URL { Bundle.module.resourceURL!.appendingPathComponent("Corpus") }

    static func inputs(_ target: String) throws -> [(String, [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    @Test func everyTargetHasSeeds() throws {
        for target in FuzzTargets.all.keys {
            #expect(try !Self.inputs(target).isEmpty, "no corpus for \(target)")
        }
    }

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func corpusReplaysCleanly(_ target: String) throws {
        let run = try #require(FuzzTargets.all[target])
        for (_, bytes) in try Self.inputs(target) { run(bytes) }
    }

    /// Byte mutations from a seeded generator, so a failure reproduces.
    struct Mutator {
        var random: SeededRandom
        mutating func next() -> UInt64 { random.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

        /// Flips, inserts and deletes bytes, duplicates a slice, or splices in a hostile token.
        mutating func mutate(_ input: [UInt8]) -> [UInt8] {
            var bytes = input
            let tokens = [
                "\"", ",", "\n", "\r", "\0", "NaN", "1e400", "-1", "9223372036854775808", "[", "{", "}", "]",
                "\u{FEFF}", "\"\"\"",
            ]
            for _ in 0...below(4) {
                let at = below(bytes.count + 1)
                switch below(5) {
                case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: next())
                case 1: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
                case 2 where at < bytes.count: bytes.remove(at: at)
                case 3 where at < bytes.count:
                    let end = min(bytes.count, at + below(64))
                    bytes.insert(contentsOf: bytes[at..<end], at: at)
                default: bytes.insert(contentsOf: Array(tokens[below(tokens.count)].utf8), at: at)
                }
            }
            return bytes
        }
    }

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func mutatedSeedsNeverCrash(_ target: String) throws {
        let run = try #require(FuzzTargets.all[target])
        var mutator = Mutator(random: SeededRandom(seed: 0xA1C0_2026))
        for (_, seed) in try Self.inputs(target) {
            for _ in 0..<150 { run(mutator.mutate(seed)) }
        }
    }
}
