import Foundation
import PandaCore

/// What is known about a public key before it is stored (parsed and checked by `PandaSSH`).
public struct NewPublicKey: Sendable {
    public var algorithm: SSHKeyAlgorithm
    public var bits: Int
    public var fingerprint: String
    public var base64: String
    public var comment: String
    public var expiresAt: Date?
    public var allowedSources: [CIDR]

    public init(
        algorithm: SSHKeyAlgorithm, bits: Int, fingerprint: String, base64: String, comment: String,
        expiresAt: Date?, allowedSources: [CIDR]
    ) {
        self.algorithm = algorithm
        self.bits = bits
        self.fingerprint = fingerprint
        self.base64 = base64
        self.comment = comment
        self.expiresAt = expiresAt
        self.allowedSources = allowedSources
    }
}

/// Registered public keys per account (rotation: several may be active at once).
public struct KeyRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    @discardableResult
    public func add(_ key: NewPublicKey, to username: String) throws -> RegisteredKey {
        let now = clock.now()
        return try database.write { db in
            _ = try AccountRepository.get(username, in: db)
            if try db.queryOne(
                "SELECT 1 FROM public_keys WHERE account = ? AND fingerprint = ? AND revoked_at IS NULL", username,
                key.fingerprint) != nil
            {
                throw StoreError.alreadyExists(
                    what: "key \(key.fingerprint) on account \(username)", hint: "see `panda key list \(username)`")
            }
            try db.execute(
                """
                INSERT INTO public_keys (account, algorithm, bits, fingerprint, key_data, comment, created_at,
                    expires_at, allowed_sources)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    username, key.algorithm.rawValue, key.bits, key.fingerprint, key.base64, key.comment, now,
                    key.expiresAt, Self.encodeSources(key.allowedSources),
                ])
            return RegisteredKey(
                id: db.lastInsertID, account: username, algorithm: key.algorithm, bits: key.bits,
                fingerprint: key.fingerprint, base64: key.base64, comment: key.comment, createdAt: now,
                expiresAt: key.expiresAt, allowedSources: key.allowedSources, lastUsedAt: nil, revokedAt: nil)
        }
    }

    /// The account's keys, newest first; revoked ones too when asked.
    public func list(_ username: String, includeRevoked: Bool = true) throws -> [RegisteredKey] {
        try database.read { db in
            _ = try AccountRepository.get(username, in: db)
            let filter = includeRevoked ? "" : " AND revoked_at IS NULL"
            return try db.query(Self.select + " WHERE account = ?" + filter + " ORDER BY id DESC", username)
                .map(Self.key(from:))
        }
    }

    /// The account's unrevoked keys with this fingerprint (for login).
    public func findActive(account username: String, fingerprint: String) throws -> RegisteredKey? {
        try database.read { db in
            try db.queryOne(
                Self.select + " WHERE account = ? AND fingerprint = ? AND revoked_at IS NULL", username, fingerprint
            ).map(Self.key(from:))
        }
    }

    /// The account's newest key with this fingerprint, revoked or not (to say why a login was refused).
    public func findLatest(account username: String, fingerprint: String) throws -> RegisteredKey? {
        try database.read { db in
            try db.queryOne(
                Self.select + " WHERE account = ? AND fingerprint = ? ORDER BY id DESC LIMIT 1", username, fingerprint
            ).map(Self.key(from:))
        }
    }

    /// Revokes the account's active key with `fingerprint` (with or without the `SHA256:` prefix).
    @discardableResult
    public func revoke(account username: String, fingerprint: String) throws -> RegisteredKey {
        let normalized = fingerprint.hasPrefix("SHA256:") ? fingerprint : "SHA256:" + fingerprint
        let now = clock.now()
        return try database.write { db in
            _ = try AccountRepository.get(username, in: db)
            guard
                let row = try db.queryOne(
                    Self.select + " WHERE account = ? AND fingerprint = ? AND revoked_at IS NULL", username, normalized)
            else {
                throw StoreError.notFound(
                    what: "an active key \(normalized) on account \(username)",
                    hint: "see `panda key list \(username)` for the fingerprints")
            }
            var key = try Self.key(from: row)
            try db.execute("UPDATE public_keys SET revoked_at = ? WHERE id = ?", now, key.id)
            key.revokedAt = now
            return key
        }
    }

    public func markUsed(keyID: Int64, at date: Date) throws {
        try database.write { db in
            try db.execute("UPDATE public_keys SET last_used_at = ? WHERE id = ?", date, keyID)
        }
    }

    static let select = """
        SELECT id, account, algorithm, bits, fingerprint, key_data, comment, created_at, expires_at, allowed_sources,
            last_used_at, revoked_at
        FROM public_keys
        """

    static func key(from row: SQLRow) throws -> RegisteredKey {
        guard let algorithm = SSHKeyAlgorithm(rawValue: row.string(2)) else {
            throw StoreError.invalid("stored key \(row.int64(0)) has unknown algorithm \(row.string(2))")
        }
        return RegisteredKey(
            id: row.int64(0), account: row.string(1), algorithm: algorithm, bits: row.int(3),
            fingerprint: row.string(4), base64: row.string(5), comment: row.string(6), createdAt: row.date(7),
            expiresAt: row.optionalDate(8), allowedSources: decodeSources(row.string(9)),
            lastUsedAt: row.optionalDate(10), revokedAt: row.optionalDate(11))
    }

    static func encodeSources(_ sources: [CIDR]) -> String {
        sources.map(\.description).joined(separator: ",")
    }

    static func decodeSources(_ text: String) -> [CIDR] {
        (try? CIDR.parseList(text)) ?? []
    }
}
