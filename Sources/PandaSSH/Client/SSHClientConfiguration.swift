/// Where and as whom the client connects, and which server host keys it trusts.
public struct SSHClientConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    /// Accepted `SHA256:…` fingerprints of the server's host key (several during a key rotation).
    public var expectedHostKeys: [String]
    /// Bound on connecting, the handshake, authentication and every later request, in seconds.
    public var timeoutSeconds: Int

    public init(host: String, port: Int, username: String, expectedHostKeys: [String], timeoutSeconds: Int = 30) {
        self.host = host
        self.port = port
        self.username = username
        self.expectedHostKeys = expectedHostKeys
        self.timeoutSeconds = timeoutSeconds
    }

    /// Whether `fingerprint` is one of the expected ones (`SHA256:` prefix optional in the expected list).
    public func trusts(_ fingerprint: String) -> Bool {
        expectedHostKeys.contains { expected in
            let normalized = expected.hasPrefix("SHA256:") ? expected : "SHA256:" + expected
            return normalized == fingerprint
        }
    }
}
