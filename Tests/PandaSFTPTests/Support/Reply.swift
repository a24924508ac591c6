/// Reads SSH wire types from reply bytes; every read is bounds-checked, so a malformed reply fails the test.
struct WireReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func u8() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed(description: "truncated u8 at \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Malformed(description: "truncated u32 at \(offset)") }
        defer { offset += 4 }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64() throws -> UInt64 {
        UInt64(try u32()) << 32 | UInt64(try u32())
    }

    mutating func string() throws -> [UInt8] {
        let count = Int(try u32())
        guard offset + count <= bytes.count else { throw Malformed(description: "truncated string at \(offset)") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func text() throws -> String {
        let raw = try string()
        guard let text = String(validating: raw, as: UTF8.self) else { throw Malformed(description: "not UTF-8") }
        return text
    }

    mutating func attributes() throws -> Attributes {
        var attributes = Attributes()
        let flags = try u32()
        guard flags & ~UInt32(0xf) == 0 else { throw Malformed(description: "unexpected attribute flags \(flags)") }
        if flags & 0x1 != 0 { attributes.size = try u64() }
        if flags & 0x2 != 0 { attributes.owner = (try u32(), try u32()) }
        if flags & 0x4 != 0 { attributes.permissions = try u32() }
        if flags & 0x8 != 0 { attributes.times = (try u32(), try u32()) }
        return attributes
    }
}

/// Attributes as decoded by the tests.
struct Attributes: Equatable {
    var size: UInt64?
    var owner: (UInt32, UInt32)?
    var permissions: UInt32?
    var times: (UInt32, UInt32)?

    static func == (lhs: Attributes, rhs: Attributes) -> Bool {
        lhs.size == rhs.size && lhs.permissions == rhs.permissions && lhs.owner?.0 == rhs.owner?.0
            && lhs.owner?.1 == rhs.owner?.1 && lhs.times?.0 == rhs.times?.0 && lhs.times?.1 == rhs.times?.1
    }
}

/// One entry of a NAME reply.
struct NameEntry: Equatable {
    var name: String
    var longName: String
    var attributes: Attributes
}

/// A decoded server reply.
enum Reply: Equatable {
    case version(UInt32, extensions: [String])
    case status(id: UInt32, code: UInt32, message: String)
    case handle(id: UInt32, [UInt8])
    case data(id: UInt32, [UInt8])
    case name(id: UInt32, [NameEntry])
    case attributes(id: UInt32, Attributes)
    case extendedReply(id: UInt32, [UInt8])

    var id: UInt32? {
        switch self {
        case .version: nil
        case .status(let id, _, _), .handle(let id, _), .data(let id, _), .name(let id, _), .attributes(let id, _),
            .extendedReply(let id, _):
            id
        }
    }

    /// Splits a byte stream into replies, checking each is complete, of a known type and fully consumed.
    static func parseAll(_ stream: [UInt8], maxPacketLength: Int = 256 * 1024) throws -> [Reply] {
        var replies: [Reply] = []
        var framing = WireReader(stream)
        while !framing.isAtEnd {
            let length = Int(try framing.u32())
            guard length >= 1, length <= maxPacketLength else {
                throw WireReader.Malformed(description: "reply length \(length)")
            }
            guard framing.offset + length <= stream.count else {
                throw WireReader.Malformed(description: "reply cut short")
            }
            let body = Array(stream[framing.offset..<framing.offset + length])
            framing.offset += length
            replies.append(try parse(body))
        }
        return replies
    }

    static func parse(_ body: [UInt8]) throws -> Reply {
        var reader = WireReader(body)
        let type = try reader.u8()
        let reply: Reply
        switch type {
        case 2:
            let version = try reader.u32()
            var names: [String] = []
            while !reader.isAtEnd {
                let name = try reader.text()
                let value = try reader.text()
                names.append("\(name)=\(value)")
            }
            reply = .version(version, extensions: names)
        case 101:
            let id = try reader.u32()
            let code = try reader.u32()
            guard code <= 8 else { throw WireReader.Malformed(description: "status code \(code)") }
            let message = try reader.text()
            _ = try reader.text()
            reply = .status(id: id, code: code, message: message)
        case 102:
            reply = .handle(id: try reader.u32(), try reader.string())
        case 103:
            reply = .data(id: try reader.u32(), try reader.string())
        case 104:
            let id = try reader.u32()
            let count = try reader.u32()
            var entries: [NameEntry] = []
            for _ in 0..<count {
                entries.append(
                    NameEntry(name: try reader.text(), longName: try reader.text(), attributes: try reader.attributes())
                )
            }
            reply = .name(id: id, entries)
        case 105:
            reply = .attributes(id: try reader.u32(), try reader.attributes())
        case 201:
            let id = try reader.u32()
            reply = .extendedReply(id: id, Array(body[reader.offset...]))
            reader.offset = body.count
        default:
            throw WireReader.Malformed(description: "reply type \(type)")
        }
        guard reader.isAtEnd else { throw WireReader.Malformed(description: "trailing bytes in reply type \(type)") }
        return reply
    }
}
