extension SFTPAttributes {
    /// The `flags` bits of the attribute encoding (filexfer-02 §5).
    enum WireFlag {
        static let size: UInt32 = 0x0000_0001
        static let ownership: UInt32 = 0x0000_0002
        static let permissions: UInt32 = 0x0000_0004
        static let times: UInt32 = 0x0000_0008
        static let extended: UInt32 = 0x8000_0000
    }

    /// Decodes attributes; vendor extensions are skipped, unknown flag bits ignored (as OpenSSH does).
    init(from reader: inout SFTPPacketReader) throws(SFTPDecodingError) {
        self.init()
        let flags = try reader.readUInt32()
        if flags & WireFlag.size != 0 {
            size = try reader.readUInt64()
        }
        if flags & WireFlag.ownership != 0 {
            ownership = Ownership(userID: try reader.readUInt32(), groupID: try reader.readUInt32())
        }
        if flags & WireFlag.permissions != 0 {
            permissions = try reader.readUInt32()
        }
        if flags & WireFlag.times != 0 {
            times = Times(accessTime: try reader.readUInt32(), modificationTime: try reader.readUInt32())
        }
        if flags & WireFlag.extended != 0 {
            let count = try reader.readUInt32()
            // Each pair takes at least two length fields: a larger count cannot fit, so refuse it before looping.
            guard UInt64(count) * 8 <= UInt64(reader.remaining) else { throw .invalidValue }
            for _ in 0..<count {
                _ = try reader.readString()
                _ = try reader.readString()
            }
        }
    }

    /// Appends the attributes in wire form.
    func encode(into writer: SFTPPacketWriter) {
        var flags: UInt32 = 0
        if size != nil { flags |= WireFlag.size }
        if ownership != nil { flags |= WireFlag.ownership }
        if permissions != nil { flags |= WireFlag.permissions }
        if times != nil { flags |= WireFlag.times }
        writer.appendUInt32(flags)
        if let size { writer.appendUInt64(size) }
        if let ownership {
            writer.appendUInt32(ownership.userID)
            writer.appendUInt32(ownership.groupID)
        }
        if let permissions { writer.appendUInt32(permissions) }
        if let times {
            writer.appendUInt32(times.accessTime)
            writer.appendUInt32(times.modificationTime)
        }
    }
}
