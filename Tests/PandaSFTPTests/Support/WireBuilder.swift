/// Builds client packets byte by byte, independently of the engine's own writer, so the tests check the wire format
/// rather than the engine against itself.
struct WireBuilder {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    mutating func u64(_ value: UInt64) {
        u32(UInt32(value >> 32))
        u32(UInt32(value & 0xffff_ffff))
    }

    mutating func string(_ value: [UInt8]) {
        u32(UInt32(value.count))
        bytes += value
    }

    mutating func string(_ value: String) { string(Array(value.utf8)) }

    /// Attributes with only the given fields.
    mutating func attributes(size: UInt64? = nil, permissions: UInt32? = nil, times: (UInt32, UInt32)? = nil) {
        var flags: UInt32 = 0
        if size != nil { flags |= 0x1 }
        if permissions != nil { flags |= 0x4 }
        if times != nil { flags |= 0x8 }
        u32(flags)
        if let size { u64(size) }
        if let permissions { u32(permissions) }
        if let times {
            u32(times.0)
            u32(times.1)
        }
    }
}

/// Client packets, length-prefixed.
enum Packet {
    static func make(type: UInt8, _ body: (inout WireBuilder) -> Void) -> [UInt8] {
        var payload = WireBuilder()
        payload.u8(type)
        body(&payload)
        var packet = WireBuilder()
        packet.u32(UInt32(payload.bytes.count))
        return packet.bytes + payload.bytes
    }

    static func initialize(version: UInt32 = 3) -> [UInt8] {
        make(type: 1) { $0.u32(version) }
    }

    /// A request: type, id, then the fields.
    static func request(_ type: UInt8, id: UInt32, _ fields: (inout WireBuilder) -> Void = { _ in }) -> [UInt8] {
        make(type: type) {
            $0.u32(id)
            fields(&$0)
        }
    }

    static func extended(_ name: String, id: UInt32, _ fields: (inout WireBuilder) -> Void = { _ in }) -> [UInt8] {
        request(200, id: id) {
            $0.string(name)
            fields(&$0)
        }
    }
}

/// SFTP request type bytes and flags used by the tests.
enum FXP {
    static let open: UInt8 = 3, close: UInt8 = 4, read: UInt8 = 5, write: UInt8 = 6, lstat: UInt8 = 7
    static let fstat: UInt8 = 8, setstat: UInt8 = 9, fsetstat: UInt8 = 10, opendir: UInt8 = 11, readdir: UInt8 = 12
    static let remove: UInt8 = 13, mkdir: UInt8 = 14, rmdir: UInt8 = 15, realpath: UInt8 = 16, stat: UInt8 = 17
    static let rename: UInt8 = 18, readlink: UInt8 = 19, symlink: UInt8 = 20, extended: UInt8 = 200

    static let flagRead: UInt32 = 0x1, flagWrite: UInt32 = 0x2, flagAppend: UInt32 = 0x4, flagCreate: UInt32 = 0x8
    static let flagTruncate: UInt32 = 0x10, flagExclusive: UInt32 = 0x20
}
