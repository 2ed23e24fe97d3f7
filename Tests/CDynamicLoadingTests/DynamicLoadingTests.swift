import CDynamicLoading
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct DynamicLoadingTests {
    /// The NUL-terminated message in `buffer`.
    func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `body` with a NULL-terminated C array of `strings`.
    func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { UnsafePointer(strdup($0)!) } + [nil]
        defer { pointers.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    @Test func opensTheFirstLibraryThatExists() throws {
        var error = [CChar](repeating: 0, count: 512)
        let handle = withCStrings(["libaikit-no-such.so.1", "libc.so.6"]) {
            aikit_dlopen_first($0, &error, error.count)
        }
        #expect(handle != nil)
        var slot: UnsafeMutableRawPointer? = nil
        let status = withCStrings(["getpid"]) { symbols in
            withUnsafeMutablePointer(to: &slot) { aikit_dlsym_all(handle, symbols, $0, &error, error.count) }
        }
        #expect(status == 0)
        #expect(slot != nil)
    }

    @Test func namesEveryLibraryTriedAndWhy() {
        var error = [CChar](repeating: 0, count: 512)
        let handle = withCStrings(["libaikit-no-such.so.1", "libaikit-none.so.2"]) {
            aikit_dlopen_first($0, &error, error.count)
        }
        #expect(handle == nil)
        let message = text(error)
        #expect(message.contains("libaikit-no-such.so.1, libaikit-none.so.2"))
        #expect(message.contains("No such file"))
    }

    @Test func aMissingSymbolIsNamedAndLeavesNoSlotSet() {
        var error = [CChar](repeating: 0, count: 512)
        let handle = withCStrings(["libc.so.6"]) { aikit_dlopen_first($0, &error, error.count) }
        var slots: (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) = (nil, nil)
        let status = withCStrings(["getpid", "aikit_no_such_symbol"]) { symbols in
            withUnsafeMutableBytes(of: &slots) {
                aikit_dlsym_all(
                    handle, symbols, $0.baseAddress!.assumingMemoryBound(to: UnsafeMutableRawPointer?.self),
                    &error, error.count)
            }
        }
        #expect(status == -1)
        #expect(text(error).contains("aikit_no_such_symbol"))
        #expect(slots.0 == nil && slots.1 == nil)
    }
}
