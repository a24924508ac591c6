/// Why one request failed; always answered with a `STATUS` reply, never a reason to close the session.
enum SFTPRequestFailure: Error, Equatable {
    /// The file system refused or failed.
    case fileSystem(SFTPFileSystemError)
    /// The request's fields could not be decoded although its id could.
    case malformedRequest
    /// A path in the request cannot name anything in the tree.
    case invalidPath(VirtualPathError)
    /// The handle is unknown, closed, or of the wrong kind.
    case invalidHandle
    /// `READ` on a handle opened without `READ`.
    case notOpenForReading
    /// `WRITE` (or `FSETSTAT`) on a handle opened without `WRITE`.
    case notOpenForWriting
    /// `OPEN`/`OPENDIR` while `SFTPLimits.maxOpenHandles` handles are open.
    case tooManyOpenHandles(limit: Int)
    /// A request type or extension the engine does not implement.
    case unsupportedRequest(String)
    /// `READ` at or past the end of the file, `READDIR` after the last entry.
    case endOfFile
}
