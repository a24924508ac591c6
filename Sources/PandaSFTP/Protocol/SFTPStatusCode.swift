/// The status codes of an `SSH_FXP_STATUS` reply that version 3 defines (filexfer-02 §7).
public enum SFTPStatusCode: UInt32, Sendable, CaseIterable {
    case ok = 0
    case endOfFile = 1
    case noSuchFile = 2
    case permissionDenied = 3
    case failure = 4
    case badMessage = 5
    case noConnection = 6
    case connectionLost = 7
    case operationUnsupported = 8

    /// The generic English text OpenSSH sends with this code; used when there is nothing more specific to say.
    public var defaultMessage: String {
        switch self {
        case .ok: "Success"
        case .endOfFile: "End of file"
        case .noSuchFile: "No such file or directory"
        case .permissionDenied: "Permission denied"
        case .failure: "Failure"
        case .badMessage: "Bad message"
        case .noConnection: "No connection"
        case .connectionLost: "Connection lost"
        case .operationUnsupported: "Operation unsupported"
        }
    }
}
