/// Handlers of requests on paths: `STAT`/`LSTAT`, `SETSTAT`, `REMOVE`, `MKDIR`, `RMDIR`, `REALPATH`, `RENAME`,
/// `posix-rename` and `statvfs`.
extension SFTPSession {
    func stat(id: UInt32, _ path: VirtualPath) throws(SFTPRequestFailure) {
        let attributes = try fileSystemCall { () throws(SFTPFileSystemError) in try fileSystem.attributes(of: path) }
        replyAttributes(id: id, attributes)
    }

    func setstat(id: UInt32, _ path: VirtualPath, _ attributes: SFTPAttributes) throws(SFTPRequestFailure) {
        try fileSystemCall { () throws(SFTPFileSystemError) in try fileSystem.setAttributes(attributes, of: path) }
        replyOK(id: id)
    }

    func remove(id: UInt32, _ path: VirtualPath) throws(SFTPRequestFailure) {
        try fileSystemCall { () throws(SFTPFileSystemError) in try fileSystem.removeFile(path) }
        observer?.record(.removed(path))
        replyOK(id: id)
    }

    func mkdir(id: UInt32, _ path: VirtualPath, _ attributes: SFTPAttributes) throws(SFTPRequestFailure) {
        try fileSystemCall { () throws(SFTPFileSystemError) in
            try fileSystem.makeDirectory(path, attributes: attributes)
        }
        observer?.record(.directoryCreated(path))
        replyOK(id: id)
    }

    func rmdir(id: UInt32, _ path: VirtualPath) throws(SFTPRequestFailure) {
        try fileSystemCall { () throws(SFTPFileSystemError) in try fileSystem.removeDirectory(path) }
        observer?.record(.directoryRemoved(path))
        replyOK(id: id)
    }

    /// Lexical: the path was normalised when decoded, and the tree has no symbolic links to resolve. Like OpenSSH,
    /// the name and long name are both the path, and no attributes are sent.
    func realpath(id: UInt32, _ path: VirtualPath) {
        let text = path.string
        replyNames(id: id, [(text, text, .empty)])
    }

    func rename(id: UInt32, _ source: VirtualPath, _ target: VirtualPath, replacing: Bool) throws(SFTPRequestFailure) {
        try fileSystemCall { () throws(SFTPFileSystemError) in
            try fileSystem.rename(source, to: target, replacingExisting: replacing)
        }
        observer?.record(.renamed(from: source, to: target, replacingExisting: replacing))
        replyOK(id: id)
    }

    func statvfs(id: UInt32, _ path: VirtualPath) throws(SFTPRequestFailure) {
        let statistics = try fileSystemCall { () throws(SFTPFileSystemError) in try fileSystem.statistics(for: path) }
        replyStatistics(id: id, statistics)
    }
}
