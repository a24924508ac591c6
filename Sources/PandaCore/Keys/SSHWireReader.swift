/// Reads the SSH wire encoding (RFC 4251 §5) of a key blob: `string` and `mpint` fields.
///
/// Used only to read what libssh 0.10 has no accessor for (the algorithm name and the RSA modulus size).
public struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next length-prefixed field, or nil when the data ends early.
    public mutating func readString() -> [UInt8]? {
        guard offset + 4 <= bytes.count else { return nil }
        let length =
            Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
            | Int(bytes[offset + 3])
        guard length <= bytes.count - offset - 4 else { return nil }
        let value = Array(bytes[(offset + 4)..<(offset + 4 + length)])
        offset += 4 + length
        return value
    }

    /// Significant bits of an unsigned `mpint` (leading zero bytes ignored).
    public static func bitLength(ofMPInt value: [UInt8]) -> Int {
        guard let first = value.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (value.count - first - 1) * 8 + (8 - value[first].leadingZeroBitCount)
    }
}
