/// A decoded request, its fields read in place from the packet (the `write` data is a slice of the input).
enum SFTPRequest {
    case open(VirtualPath, SFTPOpenFlags, SFTPAttributes)
    case close(SFTPHandleID)
    case read(SFTPHandleID, offset: UInt64, length: UInt32)
    case write(SFTPHandleID, offset: UInt64, data: UnsafeRawBufferPointer)
    /// `STAT` and `LSTAT`: the same without symbolic links.
    case stat(VirtualPath)
    case fstat(SFTPHandleID)
    case setstat(VirtualPath, SFTPAttributes)
    case fsetstat(SFTPHandleID, SFTPAttributes)
    case opendir(VirtualPath)
    case readdir(SFTPHandleID)
    case remove(VirtualPath)
    case mkdir(VirtualPath, SFTPAttributes)
    case rmdir(VirtualPath)
    case realpath(VirtualPath)
    case rename(VirtualPath, VirtualPath, replacingExisting: Bool)
    case statvfs(VirtualPath)
    case fstatvfs(SFTPHandleID)
    case fsync(SFTPHandleID)
    case limits
    /// A request the table refuses before decoding its fields (`SYMLINK`, `READLINK`, `hardlink@openssh.com`).
    case refused

    /// The paths the request names, first the one it acts on.
    var paths: (VirtualPath?, VirtualPath?) {
        switch self {
        case .open(let path, _, _), .stat(let path), .setstat(let path, _), .opendir(let path), .remove(let path),
            .mkdir(let path, _), .rmdir(let path), .realpath(let path), .statvfs(let path):
            (path, nil)
        case .rename(let source, let target, _):
            (source, target)
        case .close, .read, .write, .fstat, .fsetstat, .readdir, .fstatvfs, .fsync, .limits, .refused:
            (nil, nil)
        }
    }

    /// The handle the request names, if any.
    var handle: SFTPHandleID? {
        switch self {
        case .close(let id), .read(let id, _, _), .write(let id, _, _), .fstat(let id), .fsetstat(let id, _),
            .readdir(let id), .fstatvfs(let id), .fsync(let id):
            id
        default:
            nil
        }
    }
}
