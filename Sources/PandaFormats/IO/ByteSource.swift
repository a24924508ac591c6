/// Where a `CSVReader` gets its bytes: a file descriptor, memory, or anything the caller adapts.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns how many, 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int
}

/// Bytes held in memory, handed out at most `maximumReadSize` at a time (tests use 1 to cut every
/// record at every possible point).
public struct MemoryByteSource: ByteSource, Sendable {
    private let bytes: [UInt8]
    private let maximumReadSize: Int
    private var offset = 0

    public init(_ bytes: some Sequence<UInt8>, maximumReadSize: Int = .max) {
        self.bytes = Array(bytes)
        self.maximumReadSize = max(1, maximumReadSize)
    }

    public init(_ text: String, maximumReadSize: Int = .max) {
        self.init(Array(text.utf8), maximumReadSize: maximumReadSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int {
        let count = min(buffer.count, maximumReadSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
        }
        offset += count
        return count
    }
}
