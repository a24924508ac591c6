import Foundation
import PandaSFTP

/// A failed system call on the host file system, with its `errno`.
///
/// Its text names the operation but never reaches an SFTP client: `sftpError` turns it into a
/// message about virtual paths.
struct HostError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32

    var description: String { "\(operation): \(String(cString: strerror(code)))" }

    /// The one mapping from host errors to what an SFTP client is told.
    var sftpError: SFTPFileSystemError {
        switch code {
        case ENOENT: .noSuchFile
        // A symbolic link met with O_NOFOLLOW: behave as if nothing were there.
        case ELOOP: .noSuchFile
        case EEXIST: .alreadyExists
        case ENOTDIR: .notADirectory
        case EISDIR: .isADirectory
        case ENOTEMPTY: .notEmpty
        case EACCES, EPERM, EROFS: .permissionDenied("the server could not access the file")
        case ENOSPC, EDQUOT: .quotaExceeded("the server is out of disk space; try again later")
        case EFBIG: .fileTooLarge("the file is larger than the server can store")
        case ENAMETOOLONG: .invalidName("the file name is too long")
        default: .failure("the server could not complete the operation; try again")
        }
    }
}

/// Runs a system call that returns -1 on failure, retrying on EINTR.
@discardableResult
func hostCall(_ operation: String, _ body: () -> Int32) throws(HostError) -> Int32 {
    while true {
        let result = body()
        if result != -1 { return result }
        if errno == EINTR { continue }
        throw HostError(operation: operation, code: errno)
    }
}
