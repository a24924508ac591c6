/// Reads SSH wire types (RFC 4251 §5) from the body of one packet, in place, without copying.
///
/// Byte strings are returned as slices of the packet, valid only while the packet's bytes are: handlers must use
/// them (or copy them) before the request returns.
struct SFTPPacketReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    mutating func readUInt8() throws(SFTPDecodingError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32() throws(SFTPDecodingError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated }
        defer { offset += 4 }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func readUInt64() throws(SFTPDecodingError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated }
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The next `count` bytes, as a slice of the packet.
    mutating func readBytes(count: Int) throws(SFTPDecodingError) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw .truncated }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// An SSH `string`: a `uint32` length, then that many bytes, returned as a slice of the packet.
    mutating func readString() throws(SFTPDecodingError) -> UnsafeRawBufferPointer {
        let length = try readUInt32()
        // Compare before converting: a length near 4 GiB must fail here, not overflow anywhere.
        guard UInt64(length) <= UInt64(remaining) else { throw .truncated }
        return try readBytes(count: Int(length))
    }
}
