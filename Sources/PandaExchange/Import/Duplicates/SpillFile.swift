import Foundation

/// A temporary file of `SpillDirectory`, without a name: written from the start, then read back with `pread`
/// (several readers may read one file). Closed when released.
final class SpillFile {
    private let descriptor: Int32
    /// Bytes written so far.
    private(set) var size: Int64 = 0

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Appends `bytes` at the end.
    func append(_ bytes: UnsafeRawBufferPointer) throws(HostError) {
        var done = 0
        while done < bytes.count {
            let written = try hostCall("write spill file") {
                Int32(
                    truncatingIfNeeded: pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(size)))
            }
            done += Int(written)
            size += Int64(written)
        }
    }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(HostError) -> Int {
        let count = try hostCall("read spill file") {
            Int32(truncatingIfNeeded: pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset)))
        }
        return Int(count)
    }
}
