/// An open file, as returned by `SFTPFileSystem.openFile`.
///
/// Used from the session's thread only. Buffers passed in are valid only during the call: copy what must be kept.
public protocol SFTPFileHandle: AnyObject {
    /// Reads up to `buffer.count` bytes at `offset` into `buffer`; returns how many were read, 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) -> Int

    /// Writes all of `bytes` at `offset`, or throws. With `.append`, writes at the end regardless of `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError)

    /// The file's current attributes (`FSTAT`).
    func attributes() throws(SFTPFileSystemError) -> SFTPAttributes

    /// Applies the fields set in `attributes` (`FSETSTAT`); a file system may ignore fields it does not keep
    /// (ownership, say), or refuse them.
    func setAttributes(_ attributes: SFTPAttributes) throws(SFTPFileSystemError)

    /// Makes written bytes durable (`fsync@openssh.com`).
    func synchronize() throws(SFTPFileSystemError)

    /// Closes the handle at the client's request (`CLOSE`); for an upload, this is where it is made durable and
    /// committed. A thrown error is sent to the client as the `CLOSE` status, and the upload must then not count as
    /// delivered. Called at most once, and never after `abort`.
    func close() throws(SFTPFileSystemError)

    /// Releases the handle because the session ended without `CLOSE`: an upload is discarded, not committed.
    /// Called at most once, and never after `close`.
    func abort()
}
