import FuzzTargets

#if canImport(Glibc)
    import Glibc
#endif

// Built for fuzzing (`Benchmarks/fuzz.sh`: -sanitize=fuzzer,address -DFUZZING), libFuzzer's driver runs and calls
// fuzzOne with each input for the target named by AIKIT_FUZZ_TARGET. Built normally, the program replays files:
// `aikit-fuzz TARGET FILE...` (how a crash libFuzzer found is reproduced under a debugger).
#if FUZZING
    /// libFuzzer's entry for programs that keep their own `main` (SwiftPM names an executable's entry
    /// `<module>_main`, so libFuzzer's `main` is not the one linked).
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    @_cdecl("aikit_fuzz_main")
    public func aikitFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOne(data, size) }
    }

    nonisolated(unsafe) private var selected: (([UInt8]) -> Void)? = nil

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        if selected == nil {
            let name = getenv("AIKIT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
            guard let target = FuzzTargets.all[name] else {
                print("set AIKIT_FUZZ_TARGET to one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))")
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
                print(
                    "usage: aikit-fuzz TARGET FILE...   targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))"
                )
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
