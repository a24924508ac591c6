/// What a file system operation can fail with; `SFTPStatusMapping` turns each into an SFTP status and message.
///
/// Messages travel to the user's SFTP client: they must speak of virtual paths (`/outbound is read-only`) and
/// never contain host paths, `errno` text or anything about other accounts. A path another account owns must
/// fail with `noSuchFile`, exactly like a missing one.
public enum SFTPFileSystemError: Error, Sendable, Hashable {
    /// The path does not exist (or must look as if it did not).
    case noSuchFile
    /// The access is not allowed; the reason is shown to the user, e.g. "/outbound is read-only".
    case permissionDenied(String)
    /// The path exists and the operation needs it not to (`EXCL` open, `MKDIR`, plain `RENAME`).
    case alreadyExists
    /// A component of the path, or the path itself, is not a directory where one is needed.
    case notADirectory
    /// The path is a directory where a file is needed.
    case isADirectory
    /// The directory to remove still has entries.
    case notEmpty
    /// The account's storage quota does not allow the operation; the message says which quota and how large.
    case quotaExceeded(String)
    /// The file would exceed the maximum file size; the message says what the limit is.
    case fileTooLarge(String)
    /// The name is not acceptable (reserved, too long for the backing store, …); the message says why.
    case invalidName(String)
    /// The file system does not offer this operation; the message says what is not supported.
    case unsupported(String)
    /// Anything else; the message says what failed in terms the user can act on.
    case failure(String)
}
