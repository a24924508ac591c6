/// Identifies one TCP connection in events and logs.
public struct SSHConnectionInfo: Sendable, Hashable {
    /// Unique within one server run, in accept order.
    public let id: UInt64
    /// The client's IP address.
    public let address: String
    /// The client's TCP port.
    public let port: Int
}

/// Why a TCP connection was closed right after accept, before any SSH traffic.
public enum SSHConnectionRejection: Sendable, Equatable {
    /// The address is banned after repeated failed logins.
    case banned(SSHBan)
    /// The server is stopping.
    case shuttingDown
}

/// A client request the server refused (and answered with a failure, never silently dropped).
public enum SSHRefusedRequest: Sendable, Equatable {
    case exec(command: String)
    case shell
    case pty
    case environment(name: String)
    case x11
    /// A subsystem other than `sftp`, or a second subsystem on the same channel.
    case subsystem(name: String)
    /// `ssh -L`/`-D` (`direct-tcpip`) or `ssh -R` (`tcpip-forward`).
    case portForwarding(kind: String, host: String, port: Int)
    /// A channel type other than `session` (agent, X11, streamlocal…).
    case channel(type: String)
    /// A channel or subsystem request before authentication completed.
    case unauthenticated
    /// More session channels than `maxChannelsPerConnection`.
    case channelLimit
    /// The account already has `maxSessionsPerAccount` connections, or the server `maxSessions`.
    case sessionLimit(account: String)
}

/// Something the audit log records. Delivered synchronously on the connection's thread (or the accept thread
/// for `connectionRejected`), so keep observers quick or hand events to a queue.
public enum SSHServerEvent: Sendable, Equatable {
    case connectionOpened(SSHConnectionInfo)
    case connectionRejected(address: String, reason: SSHConnectionRejection)
    case authenticated(SSHLogin)
    /// A rejected authentication request; `method` is `publickey`, `password`, `keyboard-interactive`…
    case authenticationFailed(
        SSHConnectionInfo, username: String, method: String, keyFingerprint: String?, reason: String)
    case refused(SSHConnectionInfo, account: String?, request: SSHRefusedRequest)
    /// The address was banned after repeated failed logins (the ban list decided).
    case banned(SSHBan)
    case subsystemOpened(SSHLogin, name: String)
    /// The connection ended; bytes are channel payload, `reason` is e.g. `client disconnected`.
    case connectionClosed(
        SSHConnectionInfo, account: String?, duration: Duration, bytesIn: UInt64, bytesOut: UInt64, reason: String)
}

/// Receives `SSHServerEvent`s, e.g. to write the audit log.
public protocol SSHServerObserver: Sendable {
    func observe(_ event: SSHServerEvent)
}
