import Foundation
import PandaCore
import PandaFormats

/// Reads a file descriptor for the validator and hashes every byte on the way, so the content checked is
/// the content whose SHA-256 is recorded (a file replaced on disk meanwhile is noticed).
struct HashingByteSource: ByteSource {
    private var base: FileDescriptorByteSource
    let hasher: SHA256Hasher

    init(descriptor: Int32, hasher: SHA256Hasher) {
        base = FileDescriptorByteSource(descriptor: descriptor)
        self.hasher = hasher
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int {
        let count = try base.read(into: buffer)
        if count > 0 { hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
        return count
    }

    /// Reads (and hashes) the rest of the input, after the validator stopped early.
    mutating func drain() throws(FormatError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while try read(into: buffer) > 0 {}
    }
}
