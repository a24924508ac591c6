/// Everything that can go wrong on the client side of SSH (the institution's agent), with a message that
/// says what to fix.
public enum SSHClientError: Error, Equatable, CustomStringConvertible {
    /// The private key file cannot be read (missing, permissions).
    case privateKeyUnreadable(path: String, reason: String)
    /// The private key file is protected by a passphrase, which the agent does not support.
    case privateKeyEncrypted(path: String)
    /// The file is not a private key libssh can load.
    case privateKeyInvalid(path: String, reason: String)
    /// No TCP connection or no SSH handshake with the server.
    case connectFailed(host: String, port: Int, reason: String)
    /// The server presented a host key whose fingerprint is not one of the expected ones.
    case hostKeyMismatch(host: String, presented: String, expected: [String])
    /// The server refused the key (not registered, revoked, expired, from a refused address…).
    case authenticationRefused(username: String, fingerprint: String, reason: String)
    /// The SFTP subsystem could not be started.
    case sftpUnavailable(reason: String)
    /// An SFTP request failed; `status` is the SFTP status code (2 no such file, 3 permission denied…).
    case sftp(operation: String, path: String, status: Int, message: String)
    /// The connection was lost or timed out in the middle of a request.
    case connectionLost(operation: String, reason: String)
    /// A local file could not be read or written.
    case localFile(path: String, reason: String)

    /// SFTP status code of "no such file".
    public static let noSuchFile = 2

    /// What happened and what to do about it.
    public var description: String {
        switch self {
        case .privateKeyUnreadable(let path, let reason):
            "cannot read the private key \(path): \(reason); check the path given with --key and its permissions"
        case .privateKeyEncrypted(let path):
            "the private key \(path) is protected by a passphrase, which the agent does not support (it runs"
                + " unattended); create a key without a passphrase for it (ssh-keygen -t ed25519 -N \"\") and"
                + " register its .pub file with the operator"
        case .privateKeyInvalid(let path, let reason):
            "\(path) is not a usable private key (\(reason)); give the private key file (OpenSSH format, ED25519,"
                + " ECDSA or RSA), not the .pub file"
        case .connectFailed(let host, let port, let reason):
            "cannot connect to \(host) port \(port): \(reason); check the host name, the port (--port) and the"
                + " network path to the server"
        case .hostKeyMismatch(let host, let presented, let expected):
            "host key mismatch for \(host): the server presented \(presented) but --host-key expects "
                + expected.joined(separator: " or ")
                + "; nothing was sent. If the operator changed the server's keys, ask them for the fingerprints"
                + " `panda account show` prints; otherwise someone may be intercepting the connection"
        case .authenticationRefused(let username, let fingerprint, let reason):
            "the server refused key \(fingerprint) for user \(username) (\(reason)); ask the operator to register"
                + " the .pub file of this key for \(username) (panda key add), or check --user and --key"
        case .sftpUnavailable(let reason):
            "the server did not start an SFTP session: \(reason)"
        case .sftp(let operation, let path, let status, let message):
            "\(operation) \(path) failed: \(message.isEmpty ? "SFTP status \(status)" : message)"
        case .connectionLost(let operation, let reason):
            "the connection was lost during \(operation): \(reason); run the agent again"
        case .localFile(let path, let reason):
            "cannot use local file \(path): \(reason)"
        }
    }
}
