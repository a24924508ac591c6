import Foundation
import PandaCore

/// SHA-256 of a file read through an open descriptor.
enum FileDigest {
    static func sha256(descriptor fd: Int32) throws -> (size: Int64, hex: String) {
        let hasher = SHA256Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset: Int64 = 0
        while true {
            let count = try hostCall("read") {
                Int32(truncatingIfNeeded: pread(fd, buffer.baseAddress, buffer.count, off_t(offset)))
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]))
            offset += Int64(count)
        }
        return (offset, Digest.hex(hasher.finalize()))
    }
}
