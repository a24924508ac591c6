/// Where a `CSVWriter` puts its bytes.
public protocol ByteSink {
    /// Writes all of `bytes` (or throws).
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FormatError)
}

/// Collects the written bytes in memory.
public struct MemoryByteSink: ByteSink, Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The bytes written so far, decoded as UTF-8 (invalid sequences replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FormatError) {
        self.bytes.append(contentsOf: bytes)
    }
}
