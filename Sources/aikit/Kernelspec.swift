import AIKitScripting
import SystemCalls

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Jupyter kernelspec folder: kernel.json (how to start the kernel) and the logos notebooks show.
struct Kernelspec {
    let executable: String
    /// Options of `aikit kernel` itself (`--timeout`, `--memory`).
    var arguments: [String] = []
    let displayName: String

    /// kernel.json's text.
    var kernelJSON: String {
        NotebookKernel.kernelJSON(
            argv: [executable, "kernel"] + arguments + ["--connection-file", "{connection_file}"],
            displayName: displayName)
    }

    /// This binary's absolute path (so the kernelspec works from any directory).
    static func executablePath() throws -> String {
        guard let path = SystemCall.executablePath() else {
            throw KernelspecError("cannot find this program's path (/proc/self/exe)")
        }
        return path
    }

    func write(to folder: String) throws {
        guard AikitFolders.create(folder) else {
            throw KernelspecError("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        try Self.write(Array(kernelJSON.utf8), to: folder + "/kernel.json")
        try Self.write(Array(Logo.svg.utf8), to: folder + "/logo-svg.svg")
        for size in [32, 64] { try Self.write(Logo.png(size: size), to: folder + "/logo-\(size)x\(size).png") }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw KernelspecError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            throw KernelspecError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

struct KernelspecError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// aikit's mark: three rising bars on a blue tile, as SVG and as a PNG of any size.
enum Logo {
    static let background: (UInt8, UInt8, UInt8) = (0x1b, 0x4f, 0x8a)
    /// The bars as fractions of the tile: (left, top, right), all reaching the same baseline.
    static let bars: [(Double, Double, Double)] = [(0.18, 0.58, 0.34), (0.42, 0.40, 0.58), (0.66, 0.20, 0.82)]
    static let baseline = 0.80

    static var svg: String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\">"
        out += "<rect width=\"64\" height=\"64\" rx=\"10\" fill=\"#1b4f8a\"/>"
        for (left, top, right) in bars {
            out +=
                "<rect x=\"\(left * 64)\" y=\"\(top * 64)\" width=\"\((right - left) * 64)\" "
                + "height=\"\((baseline - top) * 64)\" fill=\"#ffffff\"/>"
        }
        return out + "</svg>"
    }

    /// An RGB PNG (8-bit, no interlace), its image data in stored (uncompressed) deflate blocks.
    static func png(size: Int) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(size * (size * 3 + 1))
        for y in 0..<size {
            raw.append(0)  // filter: none
            let fy = (Double(y) + 0.5) / Double(size)
            for x in 0..<size {
                let fx = (Double(x) + 0.5) / Double(size)
                let onBar = fy <= baseline && bars.contains { fx >= $0.0 && fx <= $0.2 && fy >= $0.1 }
                if onBar { raw += [255, 255, 255] } else { raw += [background.0, background.1, background.2] }
            }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        var header = bigEndian(UInt32(size)) + bigEndian(UInt32(size))
        header += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, adaptive filters, no interlace
        return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] + chunk("IHDR", header) + chunk("IDAT", zlib)
            + chunk("IEND", [])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}
