/// A public key a client offered, as the authenticator needs it to look the key up.
public struct SSHPresentedKey: Sendable, Hashable {
    /// The key type, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, `ssh-dss`.
    public let type: String
    /// The public key blob, base64 (the middle field of an `authorized_keys` line).
    public let base64: String
    /// `SHA256:…` as `ssh-keygen -lf` prints it.
    public let fingerprint: String
    /// Modulus size for RSA/DSA, curve size for ECDSA, 256 for Ed25519 (so weak keys can be refused).
    public let bits: Int

    /// A key as libssh reported it (tests and other transports build their own).
    public init(type: String, base64: String, fingerprint: String, bits: Int) {
        self.type = type
        self.base64 = base64
        self.fingerprint = fingerprint
        self.bits = bits
    }
}

/// One `publickey` authentication request.
public struct SSHAuthRequest: Sendable {
    /// The user name the client sent (untrusted; usually the account name).
    public let username: String
    /// The offered key.
    public let key: SSHPresentedKey
    /// The client's IP address, e.g. `192.0.2.10` or `2001:db8::1` (for allowed-source checks).
    public let address: String
    /// False for a probe ("would you accept this key?"), true once the server has verified the client's
    /// signature with this key. The server asks at both stages; only an accepted verified request logs in.
    public let signatureVerified: Bool

    /// A request as the server asks it (public so authenticators can be tested without a server).
    public init(username: String, key: SSHPresentedKey, address: String, signatureVerified: Bool) {
        self.username = username
        self.key = key
        self.address = address
        self.signatureVerified = signatureVerified
    }
}

/// The authenticator's answer.
public enum SSHAuthDecision: Sendable, Equatable {
    /// The key belongs to `account` and may log in from this address now. `maxSessions`, when given,
    /// replaces `SSHServerLimits.maxSessionsPerAccount` for this account (per-account settings).
    case accept(account: String, maxSessions: Int? = nil)
    /// Refused; `reason` goes to the audit log, never to the client.
    case reject(reason: String)
}

/// Decides whether a key may log in; the executable implements it against the store (keys, revocation,
/// expiry, allowed source addresses, weak key types).
///
/// Called on the connection's own thread, so a blocking database lookup is fine.
public protocol SSHAuthenticator: Sendable {
    func authenticate(_ request: SSHAuthRequest) -> SSHAuthDecision
}

/// Who is logged in on a connection.
public struct SSHLogin: Sendable, Equatable {
    public let connection: SSHConnectionInfo
    /// The account the authenticator named.
    public let account: String
    /// The user name the client sent.
    public let username: String
    /// The key whose signature the server verified.
    public let key: SSHPresentedKey
}
