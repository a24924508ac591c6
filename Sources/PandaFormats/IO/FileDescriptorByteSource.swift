import Foundation

/// Reads an open file descriptor from its current offset; the caller owns (and closes) it.
public struct FileDescriptorByteSource: ByteSource, Sendable {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .readFailed(errno: errno)
        }
    }
}
