import Glibc  // O_PATH, /proc/self/fd: the sandbox is Linux's
import LuaRuntime
internal import SystemCalls

/// Linux's O_PATH (<fcntl.h> defines it only under _GNU_SOURCE, which Swift's Glibc module does not see).
private let openPathOnly: Int32 = 0o10000000

/// The plugin sandbox's file operations. Each takes the path as the bytes Lua holds, refuses a NUL byte before
/// anything else (the OS would see only the bytes before it), opens the parent folder as the kernel resolves it
/// (`..`, symlinks), reads that folder's real path back from `/proc/self/fd`, lets the policy decide on it, and then
/// works relative to that very folder descriptor with `O_NOFOLLOW`, so what was checked is what is touched.
struct SandboxFiles {
    let policy: SandboxPolicy
    let quota: PluginDiskQuota

    /// A failure the OS reported, returned to Lua as `nil, message, errno` the way `io.open` does.
    struct OSFailure: Error, CustomStringConvertible {
        let message: String
        let code: Int32
        var description: String { message }

        /// "PATH: reason" for error number `code` (errno by default).
        init(_ path: String, _ code: Int32 = errno) {
            message = "\(path): \(String(cString: strerror(code)))"
            self.code = code
        }

        init(_ path: [UInt8], _ code: Int32 = errno) { self.init(String(decoding: path, as: UTF8.self), code) }
    }

    /// A path resolved for one operation: the real parent folder (open, `O_PATH`) and the final name in it.
    struct Resolved {
        let folder: Int32
        let lexical: String
        let real: String
        let name: [UInt8]

        func close() { _ = Glibc.close(folder) }
    }

    // MARK: Operations

    /// Opens a file for `io.open`; returns the descriptor and, for a file opened for writing, the quota its
    /// writes count against (the caller hands both to Lua).
    func open(_ path: [UInt8], mode: String) throws -> (descriptor: Int32, quota: WriteQuota?) {
        let flags = try SandboxFiles.flags(forMode: mode)
        let access: SandboxPolicy.Access = flags & O_ACCMODE == O_RDONLY ? .read : .write
        let target = try resolve(path, access: access)
        if access == .write { try quota.authorizeWrite() }
        defer { target.close() }
        // No O_TRUNC yet: a file behind a hard link must be refused before anything in it changes.
        let wanted = (flags & ~O_TRUNC) | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
        let fd = target.name.withUnsafeBufferPointer { name in
            openat(
                target.folder, UnsafeRawPointer(name.baseAddress!).assumingMemoryBound(to: CChar.self), wanted, 0o666)
        }
        if fd < 0 {
            let code = errno
            if code == ELOOP {
                throw LuaScriptError("\(target.lexical) is a symbolic link; plugins may not open files through links")
            }
            throw OSFailure(path, code)
        }
        do {
            try SandboxFiles.checkOpened(fd, target: target)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            if flags & O_TRUNC != 0, ftruncate(fd, 0) != 0 {
                throw OSFailure(target.lexical)
            }
            return (fd, access == .write ? quota.quota : nil)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    /// The whole file (for `loadfile`, `dofile` and a folder plugin's own modules).
    func read(_ path: [UInt8]) throws -> [UInt8] {
        let fd = try open(path, mode: "r").descriptor
        defer { SystemCall.close(fd) }
        switch SystemCall.readAll(fd) {
        case .success(let bytes): return bytes
        case .failure(let error):
            errno = error.number
            throw OSFailure(path)
        }
    }

    /// `os.remove`: the name itself is removed (a link, never what it points to).
    func remove(_ path: [UInt8]) throws {
        let target = try resolve(path, access: .write)
        defer { target.close() }
        let status = target.name.withUnsafeBufferPointer { name -> Int32 in
            let pointer = UnsafeRawPointer(name.baseAddress!).assumingMemoryBound(to: CChar.self)
            if unlinkat(target.folder, pointer, 0) == 0 { return 0 }
            if errno == EISDIR { return unlinkat(target.folder, pointer, AT_REMOVEDIR) }
            return -1
        }
        if status != 0 {
            throw OSFailure(path)
        }
    }

    /// `os.rename`: both ends must be writable.
    func rename(_ from: [UInt8], to: [UInt8]) throws {
        let source = try resolve(from, access: .write)
        defer { source.close() }
        let destination = try resolve(to, access: .write)
        defer { destination.close() }
        let status = source.name.withUnsafeBufferPointer { old in
            destination.name.withUnsafeBufferPointer { new in
                renameat(
                    source.folder, UnsafeRawPointer(old.baseAddress!).assumingMemoryBound(to: CChar.self),
                    destination.folder, UnsafeRawPointer(new.baseAddress!).assumingMemoryBound(to: CChar.self))
            }
        }
        if status != 0 {
            throw OSFailure(from)
        }
    }

    /// For host functions that open by path (market stores, imports, CSV writers): the real path to use, after the
    /// same checks. What the name holds is opened (`O_PATH | O_NOFOLLOW`, relative to the checked folder) and
    /// judged on that descriptor, as `io.open` judges: a symbolic link, a device or FIFO, or a file with more than
    /// one hard link (whose other name may lie outside the granted folders) is refused; a folder passes (its files
    /// are checked one by one when opened). A name that does not exist yet passes (the host creates it).
    func check(_ path: [UInt8], access: SandboxPolicy.Access) throws -> String {
        let target = try resolve(path, access: access)
        defer { target.close() }
        let fd = target.name.withUnsafeBufferPointer {
            openat(
                target.folder, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self),
                openPathOnly | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return target.real }
            throw OSFailure(target.lexical, code)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw OSFailure(target.lexical) }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            throw LuaScriptError("\(target.lexical) is a symbolic link; plugins may not open files through links")
        case S_IFDIR: return target.real
        default: try SandboxFiles.checkOpened(fd, target: target)
        }
        return target.real
    }

    // MARK: Resolution

    /// The longest path the OS takes (PATH_MAX includes the terminating NUL).
    static let maximumLength = Int(PATH_MAX) - 1

    func resolve(_ path: [UInt8], access: SandboxPolicy.Access) throws -> Resolved {
        try LuaState.refuseNUL(in: path)
        guard !path.isEmpty else { throw LuaScriptError("the path is empty") }
        guard path.count <= SandboxFiles.maximumLength else {
            throw LuaScriptError(
                "the path is \(path.count) bytes long; the OS takes at most \(SandboxFiles.maximumLength)")
        }
        let text = String(decoding: path, as: UTF8.self)
        let slash = path.lastIndex(of: UInt8(ascii: "/"))
        let name = Array(slash.map { path[($0 + 1)...] } ?? path[...])
        if name.isEmpty || name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] {
            throw LuaScriptError("\(text) names a folder, not a file")
        }
        var folderBytes: [UInt8] =
            slash.map { $0 == 0 ? [UInt8(ascii: "/")] : Array(path[..<$0]) } ?? [UInt8(ascii: ".")]
        let lexical = SandboxPolicy.lexical(text)
        // Decide on the written form first, so a refused plugin learns nothing about what exists outside its folders.
        try policy.authorize(access, lexical: lexical, real: lexical)
        folderBytes.append(0)
        let folder = folderBytes.withUnsafeBufferPointer {
            Glibc.open(
                UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self),
                openPathOnly | O_DIRECTORY | O_CLOEXEC)
        }
        guard folder >= 0 else {
            throw OSFailure(text)
        }
        guard let realFolder = SandboxFiles.pathOfDescriptor(folder) else {
            _ = Glibc.close(folder)
            throw LuaScriptError("cannot tell where \(text) really is (is /proc mounted?); refused")
        }
        let nameText = String(decoding: name, as: UTF8.self)
        let real = realFolder == "/" ? "/" + nameText : realFolder + "/" + nameText
        do {
            try policy.authorize(access, lexical: lexical, real: real)
        } catch {
            _ = Glibc.close(folder)
            throw error
        }
        return Resolved(folder: folder, lexical: lexical, real: real, name: name + [0])
    }

    /// Where an open descriptor really is, as the kernel records it.
    static func pathOfDescriptor(_ fd: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasPrefix("/") && !path.hasSuffix(" (deleted)") ? path : nil
    }

    /// Only regular files with a single link: never a device, FIFO or folder, never a hard link whose other name
    /// may lie outside the allowed folders.
    static func checkOpened(_ fd: Int32, target: Resolved) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw OSFailure(target.lexical)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let kind = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
            throw LuaScriptError("\(target.lexical) is \(kind); plugins may open regular files only")
        }
        guard info.st_nlink <= 1 else {
            throw LuaScriptError(
                "\(target.lexical) has \(info.st_nlink) hard links; plugins may open only "
                    + "files with one name, since another name may lie outside the folders they were granted")
        }
    }

    /// open(2) flags for an `io.open` mode, which must be what Lua accepts: r, w or a, an optional +, then b's.
    static func flags(forMode mode: String) throws -> Int32 {
        let bytes = Array(mode.utf8)
        var valid = !bytes.isEmpty && [UInt8(ascii: "r"), UInt8(ascii: "w"), UInt8(ascii: "a")].contains(bytes[0])
        var rest = bytes.dropFirst()
        let plus = rest.first == UInt8(ascii: "+")
        if plus { rest = rest.dropFirst() }
        valid = valid && rest.allSatisfy { $0 == UInt8(ascii: "b") }
        guard valid else { throw LuaArgumentError(2, "invalid mode '\(mode.replacingNUL)'") }
        switch (bytes[0], plus) {
        case (UInt8(ascii: "r"), false): return O_RDONLY
        case (UInt8(ascii: "r"), true): return O_RDWR
        case (UInt8(ascii: "w"), false): return O_WRONLY | O_CREAT | O_TRUNC
        case (UInt8(ascii: "w"), true): return O_RDWR | O_CREAT | O_TRUNC
        case (_, false): return O_WRONLY | O_CREAT | O_APPEND
        default: return O_RDWR | O_CREAT | O_APPEND
        }
    }
}

extension String {
    /// The text with NUL bytes shown as `\0` (for messages).
    var replacingNUL: String { split(separator: "\0", omittingEmptySubsequences: false).joined(separator: "\\0") }
}
