/// What `ParamikoClient` observed: the login, then each operation's SFTP status.
public struct ParamikoReport: Decodable, Sendable {
    public let authenticated: Bool
    /// The methods the server said can continue, when it refused the one tried.
    public let allowed: [String]?
    public let error: String?
    public let results: [Result]

    /// One operation's outcome.
    public struct Result: Decodable, Sendable, CustomStringConvertible {
        public let op: String
        /// The SFTP status code (0 for success, see `SFTPStatus`), or -1 when paramiko failed otherwise.
        public let status: Int
        public let message: String
        public let names: [String]?
        public let size: Int?
        public let mode: Int?
        public let text: String?

        public var description: String { "\(op): status \(status) \(message)" }
    }
}

/// SFTP v3 status codes (draft-ietf-secsh-filexfer-02 §7), as `ParamikoReport.Result.status` reports them.
public enum SFTPStatus {
    public static let ok = 0
    public static let endOfFile = 1
    public static let noSuchFile = 2
    public static let permissionDenied = 3
    public static let failure = 4
    public static let badMessage = 5
    public static let operationUnsupported = 8
}
