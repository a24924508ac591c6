/// Where the SSH server listens, where its host keys live, and its limits.
public struct SSHServerConfiguration: Sendable {
    /// A numeric address or host name; `0.0.0.0` for every IPv4 address, `::` for IPv6 and IPv4.
    public var host: String
    /// The TCP port; 0 picks a free one (read it from `SSHServer.boundPort` after `start()`).
    public var port: Int
    /// Directory of the host keys; created (mode 0700) with new keys on first start.
    public var hostKeyDirectory: String
    /// Connection, session and timing limits.
    public var limits: SSHServerLimits
    /// Connections the kernel queues while `maxUnauthenticatedConnections` are in progress.
    public var listenBacklog: Int
    /// How long `stop()` lets sessions finish before it cuts their sockets.
    public var shutdownGracePeriod: Duration

    /// Defaults: all IPv4 addresses, port 2222, default limits, a 1024-connection listen queue, 5 s to stop.
    public init(
        hostKeyDirectory: String, host: String = "0.0.0.0", port: Int = 2222, limits: SSHServerLimits = .init(),
        listenBacklog: Int = 1024, shutdownGracePeriod: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.hostKeyDirectory = hostKeyDirectory
        self.limits = limits
        self.listenBacklog = listenBacklog
        self.shutdownGracePeriod = shutdownGracePeriod
    }
}

/// Limits that protect the server from slow, noisy or hostile clients. libssh enforces none of these itself.
public struct SSHServerLimits: Sendable, Equatable {
    /// Time from TCP accept to successful authentication (OpenSSH `LoginGraceTime`).
    public var loginGraceTime: Duration
    /// Rejected authentication requests per connection before it is closed (OpenSSH `MaxAuthTries`).
    public var maxAuthAttempts: Int
    /// Connections being set up at once (OpenSSH `MaxStartups`). Beyond it, new connections wait in the
    /// kernel's listen queue instead of being refused, so a burst of hundreds of logins from one
    /// address is served in turn.
    public var maxUnauthenticatedConnections: Int
    /// Authenticated connections per account at once.
    public var maxSessionsPerAccount: Int
    /// Authenticated connections at once, all accounts together.
    public var maxSessions: Int
    /// Session channels one connection may open (OpenSSH `MaxSessions`).
    public var maxChannelsPerConnection: Int
    /// An authenticated connection without channel traffic for this long is closed.
    public var idleTimeout: Duration

    /// Defaults follow OpenSSH where it has the setting (60 s grace, 6 attempts, 10 channels).
    public init(
        loginGraceTime: Duration = .seconds(60), maxAuthAttempts: Int = 6, maxUnauthenticatedConnections: Int = 256,
        maxSessionsPerAccount: Int = 10, maxSessions: Int = 1000, maxChannelsPerConnection: Int = 10,
        idleTimeout: Duration = .seconds(15 * 60)
    ) {
        self.loginGraceTime = loginGraceTime
        self.maxAuthAttempts = maxAuthAttempts
        self.maxUnauthenticatedConnections = maxUnauthenticatedConnections
        self.maxSessionsPerAccount = maxSessionsPerAccount
        self.maxSessions = maxSessions
        self.maxChannelsPerConnection = maxChannelsPerConnection
        self.idleTimeout = idleTimeout
    }
}
