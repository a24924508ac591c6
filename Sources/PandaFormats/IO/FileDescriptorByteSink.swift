import Foundation

/// Writes to an open file descriptor; the caller owns it (and fsyncs and closes it).
public struct FileDescriptorByteSink: ByteSink, Sendable {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FormatError) {
        var offset = 0
        while offset < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count >= 0 {
                offset += count
            } else if errno != EINTR {
                throw .writeFailed(errno: errno)
            }
        }
    }
}
