/// One decoder per request layout (filexfer-02 §6), as referenced from `SFTPRequestTable`. The id has been read.
extension SFTPRequest {
    static func decodeOpen(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        let path = try reader.requestPath()
        var flags = SFTPOpenFlags(rawValue: try reader.requestUInt32()).intersection(.all)
        // OpenSSH opens O_RDONLY when neither READ nor WRITE is given; say so explicitly to the file system.
        if !flags.contains(.read) && !flags.contains(.write) && !flags.modifiesFile { flags.insert(.read) }
        // EXCL means nothing without CREAT (open(2) ignores it too).
        if !flags.contains(.create) { flags.remove(.exclusive) }
        return .open(path, flags, try reader.requestAttributes())
    }

    static func decodeHandle(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPHandleID {
        SFTPHandleID(wire: try reader.requestString())
    }

    static func decodeClose(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .close(try decodeHandle(&reader))
    }

    static func decodeRead(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .read(try decodeHandle(&reader), offset: try reader.requestUInt64(), length: try reader.requestUInt32())
    }

    static func decodeWrite(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .write(try decodeHandle(&reader), offset: try reader.requestUInt64(), data: try reader.requestString())
    }

    static func decodeStat(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .stat(try reader.requestPath())
    }

    static func decodeFstat(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .fstat(try decodeHandle(&reader))
    }

    static func decodeSetstat(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .setstat(try reader.requestPath(), try reader.requestAttributes())
    }

    static func decodeFsetstat(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .fsetstat(try decodeHandle(&reader), try reader.requestAttributes())
    }

    static func decodeOpendir(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .opendir(try reader.requestPath())
    }

    static func decodeReaddir(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .readdir(try decodeHandle(&reader))
    }

    static func decodeRemove(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .remove(try reader.requestPath())
    }

    static func decodeMkdir(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .mkdir(try reader.requestPath(), try reader.requestAttributes())
    }

    static func decodeRmdir(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .rmdir(try reader.requestPath())
    }

    static func decodeRealpath(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        // "" and "." both normalise to "/": the tree has no other current directory.
        .realpath(try reader.requestPath())
    }

    static func decodeRename(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .rename(try reader.requestPath(), try reader.requestPath(), replacingExisting: false)
    }

    static func decodePosixRename(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .rename(try reader.requestPath(), try reader.requestPath(), replacingExisting: true)
    }

    static func decodeStatvfs(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .statvfs(try reader.requestPath())
    }

    static func decodeFstatvfs(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .fstatvfs(try decodeHandle(&reader))
    }

    static func decodeFsync(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .fsync(try decodeHandle(&reader))
    }

    static func decodeLimits(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .limits
    }

    /// For refused requests: their fields do not matter, so none are read.
    static func decodeNothing(_ reader: inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest {
        .refused
    }
}

extension SFTPPacketReader {
    /// Wire decoding errors inside a request with a readable id become `SSH_FX_BAD_MESSAGE`, not a closed channel.
    mutating func requestUInt32() throws(SFTPRequestFailure) -> UInt32 {
        do { return try readUInt32() } catch { throw .malformedRequest }
    }

    mutating func requestUInt64() throws(SFTPRequestFailure) -> UInt64 {
        do { return try readUInt64() } catch { throw .malformedRequest }
    }

    mutating func requestString() throws(SFTPRequestFailure) -> UnsafeRawBufferPointer {
        do { return try readString() } catch { throw .malformedRequest }
    }

    mutating func requestAttributes() throws(SFTPRequestFailure) -> SFTPAttributes {
        do { return try SFTPAttributes(from: &self) } catch { throw .malformedRequest }
    }

    mutating func requestPath() throws(SFTPRequestFailure) -> VirtualPath {
        let bytes = try requestString()
        do { return try VirtualPath(utf8: bytes) } catch { throw .invalidPath(error) }
    }
}
