/// The file tree one SFTP session sees, e.g. an account's jailed folders; the engine's only way to touch files.
///
/// Every path is a normalised `VirtualPath`. Before any operation, the engine calls `authorize` once per path the
/// request names, with what the request is about to do: that is the one place to refuse by policy ("/outbound is
/// read-only"). The operations may still fail for reasons only they can see (missing file, quota), and must refuse
/// by themselves anything `authorize` would not have allowed, since they are the last line of defence.
///
/// There are no symbolic links: `stat` and `lstat` both use `attributes(of:)`, and implementations must not follow
/// links on the host. Used from the session's thread only.
public protocol SFTPFileSystem: AnyObject {
    /// Throws unless `access` to `path` is allowed (typically `permissionDenied` with a reason, or `noSuchFile` for
    /// paths that must look absent).
    func authorize(_ access: SFTPAccess, path: VirtualPath) throws(SFTPFileSystemError)

    /// The attributes of `path` (`STAT`, `LSTAT`).
    func attributes(of path: VirtualPath) throws(SFTPFileSystemError) -> SFTPAttributes

    /// Opens a file. `flags` is never empty of both `.read` and `.write`-like bits (the engine adds `.read` when a
    /// client sends neither). `attributes` are those asked for at creation (permissions, usually), if any.
    func openFile(_ path: VirtualPath, flags: SFTPOpenFlags, attributes: SFTPAttributes) throws(SFTPFileSystemError)
        -> any SFTPFileHandle

    /// The entries of a directory, without `.` and `..`, in the order clients should see them.
    func listDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) -> [SFTPDirectoryEntry]

    /// Deletes a file (`REMOVE`); directories fail with `isADirectory`.
    func removeFile(_ path: VirtualPath) throws(SFTPFileSystemError)

    /// Creates a directory (`MKDIR`) with the permissions in `attributes`, if any.
    func makeDirectory(_ path: VirtualPath, attributes: SFTPAttributes) throws(SFTPFileSystemError)

    /// Removes an empty directory (`RMDIR`).
    func removeDirectory(_ path: VirtualPath) throws(SFTPFileSystemError)

    /// Renames `source` to `target`. With `replacingExisting` false (plain `RENAME`, as OpenSSH does it) an
    /// existing target fails with `alreadyExists`; with true (`posix-rename@openssh.com`) it is replaced atomically.
    func rename(_ source: VirtualPath, to target: VirtualPath, replacingExisting: Bool) throws(SFTPFileSystemError)

    /// Applies the fields set in `attributes` to `path` (`SETSTAT`); may ignore or refuse fields it does not keep.
    func setAttributes(_ attributes: SFTPAttributes, of path: VirtualPath) throws(SFTPFileSystemError)

    /// Space figures for the tree containing `path` (`statvfs@openssh.com`, `fstatvfs@openssh.com`).
    func statistics(for path: VirtualPath) throws(SFTPFileSystemError) -> SFTPFileSystemStatistics
}
