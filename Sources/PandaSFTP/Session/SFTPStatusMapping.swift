/// The one mapping from failures to the status code and English message a client is sent.
///
/// Messages are fixed sentences or come from the file system's own error values (which speak of virtual paths),
/// so no host path or `errno` text can reach a client from here.
enum SFTPStatusMapping {
    /// The status and message for `failure`.
    static func status(for failure: SFTPRequestFailure) -> (code: SFTPStatusCode, message: String) {
        switch failure {
        case .fileSystem(let error): status(for: error)
        case .malformedRequest: (.badMessage, "Bad message: the request could not be decoded")
        case .invalidPath(let error): (.badMessage, error.message)
        case .invalidHandle: (.failure, "Invalid handle: the file is not open (or was already closed)")
        case .notOpenForReading: (.permissionDenied, "The file was not opened for reading")
        case .notOpenForWriting: (.permissionDenied, "The file was not opened for writing")
        case .tooManyOpenHandles(let limit):
            (.failure, "Too many open files: at most \(limit) per session; close some before opening more")
        case .unsupportedRequest(let what): (.operationUnsupported, "Operation unsupported: \(what)")
        case .endOfFile: (.endOfFile, SFTPStatusCode.endOfFile.defaultMessage)
        }
    }

    /// The status and message for a file system error. OpenSSH's errno mapping decides the codes: `ENOTDIR` is
    /// `NO_SUCH_FILE`, `EINVAL`/`ENAMETOOLONG` are `BAD_MESSAGE`, everything without a code of its own is `FAILURE`.
    static func status(for error: SFTPFileSystemError) -> (code: SFTPStatusCode, message: String) {
        switch error {
        case .noSuchFile: (.noSuchFile, SFTPStatusCode.noSuchFile.defaultMessage)
        case .permissionDenied(let reason): (.permissionDenied, nonEmpty(reason, or: .permissionDenied))
        case .alreadyExists: (.failure, "File already exists")
        case .notADirectory: (.noSuchFile, "Not a directory")
        case .isADirectory: (.failure, "Is a directory")
        case .notEmpty: (.failure, "Directory not empty")
        case .quotaExceeded(let message): (.failure, nonEmpty(message, or: .failure, fallback: "Quota exceeded"))
        case .fileTooLarge(let message): (.failure, nonEmpty(message, or: .failure, fallback: "File too large"))
        case .invalidName(let message): (.badMessage, nonEmpty(message, or: .badMessage, fallback: "Invalid file name"))
        case .unsupported(let message): (.operationUnsupported, nonEmpty(message, or: .operationUnsupported))
        case .failure(let message): (.failure, nonEmpty(message, or: .failure))
        }
    }

    private static func nonEmpty(_ message: String, or code: SFTPStatusCode, fallback: String? = nil) -> String {
        message.isEmpty ? (fallback ?? code.defaultMessage) : message
    }
}
