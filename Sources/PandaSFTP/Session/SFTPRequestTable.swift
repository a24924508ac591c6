/// What the permission check must establish before a request's handler runs.
enum SFTPRequestAccess: Sendable {
    /// Nothing: the request touches no file (`REALPATH` is lexical, `limits@openssh.com` is a constant).
    case none
    /// `SFTPFileSystem.authorize` for the request's one path.
    case path(SFTPAccess)
    /// `renameSource` for the first path and `renameTarget` for the second.
    case rename
    /// `read` and/or `write` for the path, depending on the `OPEN` flags.
    case open
    /// An open file handle, opened for reading, for writing, or either.
    case fileHandle(HandleUse)
    /// An open directory handle.
    case directoryHandle
    /// Any open handle (`CLOSE`).
    case anyHandle
    /// Never allowed; answered with this error.
    case refused(SFTPFileSystemError)

    enum HandleUse: Sendable {
        case reading, writing, any
    }
}

/// One row of the request table: a request's name (for logs and audit), its access class, and its decoder.
struct SFTPRequestRoute: Sendable {
    let name: String
    let access: SFTPRequestAccess
    let decode: @Sendable (inout SFTPPacketReader) throws(SFTPRequestFailure) -> SFTPRequest
}

/// The one table of requests: which packet types and extensions the engine answers, and what each needs.
///
/// A request goes: table lookup → decode → `SFTPSession.authorize` (the one permission check, driven by the access
/// column) → `SFTPSession.perform` (the handler). Types and extensions not listed get `SSH_FX_OP_UNSUPPORTED`.
enum SFTPRequestTable {
    private static let noSymlinks = SFTPFileSystemError.unsupported("symbolic links are not supported")

    /// Requests by packet type.
    static let requests: [(SFTPPacketType, SFTPRequestRoute)] = [
        (.open, SFTPRequestRoute(name: "open", access: .open, decode: SFTPRequest.decodeOpen)),
        (.close, SFTPRequestRoute(name: "close", access: .anyHandle, decode: SFTPRequest.decodeClose)),
        (.read, SFTPRequestRoute(name: "read", access: .fileHandle(.reading), decode: SFTPRequest.decodeRead)),
        (.write, SFTPRequestRoute(name: "write", access: .fileHandle(.writing), decode: SFTPRequest.decodeWrite)),
        (.lstat, SFTPRequestRoute(name: "lstat", access: .path(.readAttributes), decode: SFTPRequest.decodeStat)),
        (.fstat, SFTPRequestRoute(name: "fstat", access: .fileHandle(.any), decode: SFTPRequest.decodeFstat)),
        (
            .setstat,
            SFTPRequestRoute(name: "setstat", access: .path(.changeAttributes), decode: SFTPRequest.decodeSetstat)
        ),
        (
            .fsetstat,
            SFTPRequestRoute(name: "fsetstat", access: .fileHandle(.writing), decode: SFTPRequest.decodeFsetstat)
        ),
        (.opendir, SFTPRequestRoute(name: "opendir", access: .path(.list), decode: SFTPRequest.decodeOpendir)),
        (.readdir, SFTPRequestRoute(name: "readdir", access: .directoryHandle, decode: SFTPRequest.decodeReaddir)),
        (.remove, SFTPRequestRoute(name: "remove", access: .path(.remove), decode: SFTPRequest.decodeRemove)),
        (.mkdir, SFTPRequestRoute(name: "mkdir", access: .path(.makeDirectory), decode: SFTPRequest.decodeMkdir)),
        (.rmdir, SFTPRequestRoute(name: "rmdir", access: .path(.removeDirectory), decode: SFTPRequest.decodeRmdir)),
        (.realpath, SFTPRequestRoute(name: "realpath", access: .none, decode: SFTPRequest.decodeRealpath)),
        (.stat, SFTPRequestRoute(name: "stat", access: .path(.readAttributes), decode: SFTPRequest.decodeStat)),
        (.rename, SFTPRequestRoute(name: "rename", access: .rename, decode: SFTPRequest.decodeRename)),
        (
            .readlink,
            SFTPRequestRoute(name: "readlink", access: .refused(noSymlinks), decode: SFTPRequest.decodeNothing)
        ),
        (.symlink, SFTPRequestRoute(name: "symlink", access: .refused(noSymlinks), decode: SFTPRequest.decodeNothing)),
    ]

    /// `SSH_FXP_EXTENDED` requests by name.
    static let extendedRequests: [(String, SFTPRequestRoute)] = [
        (
            SFTPExtension.posixRename,
            SFTPRequestRoute(name: "posix-rename", access: .rename, decode: SFTPRequest.decodePosixRename)
        ),
        (
            SFTPExtension.statvfs,
            SFTPRequestRoute(name: "statvfs", access: .path(.readAttributes), decode: SFTPRequest.decodeStatvfs)
        ),
        (
            SFTPExtension.fstatvfs,
            SFTPRequestRoute(name: "fstatvfs", access: .fileHandle(.any), decode: SFTPRequest.decodeFstatvfs)
        ),
        (
            SFTPExtension.fsync,
            SFTPRequestRoute(name: "fsync", access: .fileHandle(.any), decode: SFTPRequest.decodeFsync)
        ),
        (SFTPExtension.limits, SFTPRequestRoute(name: "limits", access: .none, decode: SFTPRequest.decodeLimits)),
        (
            SFTPExtension.hardlink,
            SFTPRequestRoute(
                name: "hardlink", access: .refused(.unsupported("hard links are not supported")),
                decode: SFTPRequest.decodeNothing)
        ),
    ]

    /// `requests` indexed by type byte, so dispatch is one array access.
    private static let byType: [SFTPRequestRoute?] = {
        var table = [SFTPRequestRoute?](repeating: nil, count: 256)
        for (type, route) in requests { table[Int(type.rawValue)] = route }
        return table
    }()

    /// Extension names as bytes, so a request's name is matched without building a `String`.
    private static let extendedByName: [([UInt8], SFTPRequestRoute)] = extendedRequests.map { (Array($0.0.utf8), $0.1) }

    /// The route for a packet type, if the engine answers it.
    static func route(for type: UInt8) -> SFTPRequestRoute? {
        byType[Int(type)]
    }

    /// The route for an extension name as sent on the wire, if the engine answers it.
    static func extendedRoute(named name: UnsafeRawBufferPointer) -> SFTPRequestRoute? {
        extendedByName.first { $0.0.elementsEqual(name) }?.1
    }
}
