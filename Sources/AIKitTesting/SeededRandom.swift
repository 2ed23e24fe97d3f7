public import Randomness

/// The seeded generator the tests, the Lua fuzzer and the benchmarks share; it lives in the leaf target `Randomness`
/// (so the shipped fuzzer needs no test support) and is offered here under its old name for the tests.
public typealias SeededRandom = Randomness.SeededRandom
