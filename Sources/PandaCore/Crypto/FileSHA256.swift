import Foundation

/// The SHA-256 of a whole file, read through an open descriptor with `pread` (its position is untouched), 1 MiB
/// at a time: what the server records for an upload and what the agent compares reports against.
public enum FileSHA256 {
    /// A read that failed; `code` is its `errno`.
    public struct ReadFailed: Error, Equatable {
        public let code: Int32
    }

    /// The file's size and lower-case hex digest.
    public static func digest(descriptor fd: Int32) throws(ReadFailed) -> (size: Int64, hex: String) {
        let hasher = SHA256Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset: Int64 = 0
        while true {
            let count = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadFailed(code: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += Int64(count)
        }
        return (offset, Digest.hex(hasher.finalize()))
    }
}
