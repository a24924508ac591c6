import PandaCore

/// Problems that stop the agent before any file is sent (exit status 1), with what to do about them.
public enum AgentError: UserFacingError, Equatable {
    /// A FILE named on the command line cannot be read.
    case inputFile(path: String, reason: String)
    /// The reports directory cannot be created or written.
    case reportsDirectory(path: String, reason: String)
    /// The private temporary directory cannot be created.
    case temporaryDirectory(reason: String)
    /// The connection or login failed (`reason` is the client's message).
    case connection(String)
    /// students.csv cannot be fetched.
    case studentsUnavailable(path: String, reason: String)
    /// students.csv is not a roster.
    case studentsFile(String)

    public var message: String {
        switch self {
        case .inputFile(let path, let reason): "cannot read \(path): \(reason); nothing was uploaded"
        case .reportsDirectory(let path, let reason):
            "cannot use the reports directory \(path): \(reason); choose another with --reports"
        case .temporaryDirectory(let reason): "cannot create a private temporary directory: \(reason)"
        case .connection(let reason): reason
        case .studentsUnavailable(let path, let reason):
            "cannot fetch \(path): \(reason); has the operator published students.csv (panda cycle publish),"
                + " and is --students right? Nothing was uploaded"
        case .studentsFile(let reason): "students.csv cannot be read: \(reason); nothing was uploaded"
        }
    }
}
