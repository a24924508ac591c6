/// Just enough DER (X.690) to take apart the PKCS#8 / PKCS#1 / SEC1 private keys that libssh exports.
struct DERReader {
    struct Malformed: Error {}

    static let sequence: UInt8 = 0x30
    static let integer: UInt8 = 0x02
    static let octetString: UInt8 = 0x04

    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    /// Reads one element and returns its tag and content.
    mutating func readElement() throws -> (tag: UInt8, content: ArraySlice<UInt8>) {
        guard offset < bytes.endIndex else { throw Malformed() }
        let tag = bytes[offset]
        offset += 1
        guard offset < bytes.endIndex else { throw Malformed() }
        var length = Int(bytes[offset])
        offset += 1
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard count > 0, count <= 4, bytes.endIndex - offset >= count else { throw Malformed() }
            length = 0
            for byte in bytes[offset..<offset + count] {
                length = length << 8 | Int(byte)
            }
            offset += count
        }
        guard length >= 0, bytes.endIndex - offset >= length else { throw Malformed() }
        defer { offset += length }
        return (tag, bytes[offset..<offset + length])
    }

    /// Reads one element that must carry `tag`.
    mutating func read(_ tag: UInt8) throws -> ArraySlice<UInt8> {
        let element = try readElement()
        guard element.tag == tag else { throw Malformed() }
        return element.content
    }
}
