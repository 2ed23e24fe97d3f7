import LuaRuntime
internal import SystemCalls

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The whole file as bytes, or nil if it cannot be opened.
func readFileBytes(_ path: String) -> [UInt8]? {
    switch SystemCall.readRegularFile(path) {
    case .success(let bytes): return bytes
    case .failure(let error):
        errno = error.number
        return nil
    }
}

/// Writes `text` to `path` (replacing it), or throws saying why not, with the path and the system's reason.
///
/// A regular file (or a new one) is written to a temporary file beside it and renamed over it, so a full disk or a
/// crash leaves the old file or the new one, never half of one; a replaced file keeps its permission bits. Anything
/// else (`/dev/stdout`, a FIFO, a device) is written in place, since a rename would replace the node itself. Every
/// `fwrite`, `fflush` and `fclose` is checked: stdio buffers, so a full disk often shows only at the end.
func writeTextFile(_ text: String, to path: String) throws {
    var info = stat()
    let exists = stat(path, &info) == 0
    if exists, (info.st_mode & S_IFMT) != S_IFREG {
        try writeAll(text, to: fopen(path, "wb"), named: path)
        return
    }
    // Through a symbolic link, the file it points to is the one replaced (the link stays).
    let target = exists ? realPath(path) ?? path : path
    let slash = target.lastIndex(of: "/")
    let folder = slash.map { target[..<$0].isEmpty ? "/" : String(target[..<$0]) } ?? "."
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    var template = Array("\(folder)/.\(name).aikit-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw writeError(path) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    do {
        // mkstemp makes 0600; give the file the mode it had, or the one a plain fopen would have given it.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, exists ? info.st_mode & 0o7777 : 0o666 & ~mask)
        try writeAll(text, to: fdopen(descriptor, "wb"), named: path, descriptor: descriptor)
        guard rename(temporary, target) == 0 else { throw writeError(path) }
    } catch {
        unlink(temporary)
        throw error
    }
}

/// Writes `text` to an opened stream and closes it, checking every step; `descriptor` (the temporary file's, or -1)
/// is synced, and closed when `fdopen` failed.
private func writeAll(
    _ text: String, to opened: UnsafeMutablePointer<FILE>?, named path: String,
    descriptor: Int32 = -1
) throws {
    guard let file = opened else {
        let error = writeError(path)
        if descriptor >= 0 { close(descriptor) }
        throw error
    }
    let bytes = Array(text.utf8)
    let written = bytes.isEmpty ? 0 : fwrite(bytes, 1, bytes.count, file)
    var writeErrno = written == bytes.count && fflush(file) == 0 ? 0 : errno
    // A temporary file is synced before it replaces the old one: some file systems report a full disk only here.
    if writeErrno == 0, descriptor >= 0, fsync(descriptor) != 0 { writeErrno = errno }
    let closed = fclose(file) == 0
    if writeErrno != 0 { throw writeError(path, writeErrno) }
    guard closed else { throw writeError(path) }
}

/// "cannot write PATH: reason" for `errno` (or the given error number).
private func writeError(_ path: String, _ number: Int32 = errno) -> LuaScriptError {
    LuaScriptError("cannot write \(path): \(String(cString: strerror(number)))")
}

/// The kernel's resolution of an existing path (symbolic links, `.`, `..`), or nil.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The whole file as (UTF-8) text, or nil if it cannot be opened.
func readTextFile(_ path: String) -> String? {
    readFileBytes(path).map { String(decoding: $0, as: UTF8.self) }
}

/// Modification time (nanoseconds) and size of a file, or nil if it does not exist.
func fileStamp(_ path: String) -> (mtime: Int64, size: Int64)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), Int64(info.st_size))
}

/// Whether a path is a directory.
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// Entries of a directory (names), sorted; empty if it cannot be read.
func directoryEntries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}
