/// What a request is about to do to a path; the argument of the one permission check, `SFTPFileSystem.authorize`.
///
/// Fine-grained on purpose: an account's tree allows, say, writing and listing `/validate` but not reading back
/// from it, and removing from `/inbound` but not from `/results`.
public enum SFTPAccess: Sendable, Hashable, CaseIterable {
    /// `STAT`, `LSTAT`, `statvfs@openssh.com`: learn whether the path exists and its attributes.
    case readAttributes
    /// `OPENDIR`: list a directory.
    case list
    /// `OPEN` with `READ`: read a file's content.
    case read
    /// `OPEN` with `WRITE`, `APPEND`, `CREAT` or `TRUNC`: create or change a file's content.
    case write
    /// `SETSTAT`: change size, permissions or times.
    case changeAttributes
    /// `REMOVE`: delete a file.
    case remove
    /// `MKDIR`.
    case makeDirectory
    /// `RMDIR`.
    case removeDirectory
    /// `RENAME`, `posix-rename@openssh.com`: the path being moved away.
    case renameSource
    /// `RENAME`, `posix-rename@openssh.com`: the new name (replaced, for `posix-rename`, if it exists).
    case renameTarget

    /// Whether the access changes the tree (refused in read-only folders); `false` for attribute reads, listing and
    /// reading.
    public var modifiesTree: Bool {
        switch self {
        case .readAttributes, .list, .read: false
        case .write, .changeAttributes, .remove, .makeDirectory, .removeDirectory, .renameSource, .renameTarget: true
        }
    }
}
