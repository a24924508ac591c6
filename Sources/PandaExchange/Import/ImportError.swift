import PandaCore

/// Why the importer could not handle a file (the file's own problems are not errors: they are reported).
public enum ImportError: UserFacingError, Equatable {
    /// A file named on the command line cannot be read.
    case cannotRead(path: String, reason: String)
    /// The ledger has no such file for the account.
    case noSuchFile(account: String, file: String)
    /// `file approve|discard` on a file that is not held (approval is one-shot).
    case notHeld(account: String, file: Int64, status: String)
    /// Reading the file or writing its reports failed; it is retried.
    case failed(String)
    /// The server is stopping; the file is processed after the restart.
    case stopping

    public var message: String {
        switch self {
        case .cannotRead(let path, let reason):
            "cannot read \(path): \(reason)"
        case .noSuchFile(let account, let file):
            "account \(account) has no file \(file); see `panda files \(account)`"
        case .notHeld(let account, let file, let status):
            "file \(file) of \(account) is \(status), not held; only a held file can be approved or discarded,"
                + " and only once"
        case .failed(let reason):
            "the file could not be processed: \(reason)"
        case .stopping:
            "the importer is stopping; the file will be processed after the restart"
        }
    }
}
