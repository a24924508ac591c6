import Foundation

/// A public key registered for an account. Several may be active at once (key rotation).
public struct RegisteredKey: Hashable, Sendable {
    public var id: Int64
    public var account: String
    public var algorithm: SSHKeyAlgorithm
    public var bits: Int
    /// `SHA256:…` exactly as `ssh-keygen -lf` prints it.
    public var fingerprint: String
    /// The Base64 key blob, as in the `.pub` file.
    public var base64: String
    public var comment: String
    public var createdAt: Date
    public var expiresAt: Date?
    /// Empty means any address.
    public var allowedSources: [CIDR]
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: Int64, account: String, algorithm: SSHKeyAlgorithm, bits: Int, fingerprint: String, base64: String,
        comment: String, createdAt: Date, expiresAt: Date?, allowedSources: [CIDR], lastUsedAt: Date?,
        revokedAt: Date?
    ) {
        self.id = id
        self.account = account
        self.algorithm = algorithm
        self.bits = bits
        self.fingerprint = fingerprint
        self.base64 = base64
        self.comment = comment
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.allowedSources = allowedSources
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Where the key stands at `now`.
    public func state(at now: Date) -> State {
        if revokedAt != nil { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        return .active
    }

    /// Lifecycle state shown in listings.
    public enum State: String, Sendable {
        case active, expired, revoked
    }

    /// Whether a login from `address` with this key is allowed at `now`; the reason when not.
    public func refusal(at now: Date, from address: String) -> String? {
        switch state(at: now) {
        case .revoked: return "key \(fingerprint) was revoked"
        case .expired: return "key \(fingerprint) expired"
        case .active: break
        }
        if !allowedSources.isEmpty && !allowedSources.contains(where: { $0.contains(address) }) {
            return "key \(fingerprint) may not be used from \(address)"
        }
        return nil
    }
}
