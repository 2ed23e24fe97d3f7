import FuzzTargets

#if canImport(Glibc)
    import Glibc
#endif

// Built for fuzzing (`Benchmarks/fuzz.sh`: -sanitize=fuzzer,address -DFUZZING), libFuzzer owns `main` and calls this
// with each input for the target named by AIKIT_FUZZ_TARGET. Built normally, the program replays files:
// `aikit-fuzz TARGET FILE...` (how a crash libFuzzer found is reproduced under a debugger).
#if FUZZING
    nonisolated(unsafe) private var selected: (([UInt8]) -> Void)? = nil

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        if selected == nil {
            let name = getenv("AIKIT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
            guard let target = FuzzTargets.all[name] else {
                fputs("set AIKIT_FUZZ_TARGET to one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))\n", stderr)
                exit(2)
            }
            selected = target
        }
        selected!(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
#else
    @main
    struct FuzzReplay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTargets.all[name] else {
                print("usage: aikit-fuzz TARGET FILE...   targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))")
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let file = fopen(path, "rb") else { continue }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[0..<count] }
                fclose(file)
                target(bytes)
                print("ok \(path)")
            }
        }
    }
#endif
