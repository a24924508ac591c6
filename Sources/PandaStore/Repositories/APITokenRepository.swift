import Foundation
import PandaCore

/// An admin API token as listed (the token itself is never stored, only its SHA-256).
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The token's first characters, to tell tokens apart.
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

/// Admin API tokens: created with a random secret shown once, found by the hash of what a client presents.
public struct APITokenRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Characters of a token kept in clear for `token list`.
    public static let prefixLength = 10

    /// Stores a token called `name` whose secret is `token`; a name is unique among unrevoked tokens.
    @discardableResult
    public func create(name: String, token: String) throws -> APIToken {
        let now = clock.now()
        let prefix = String(token.prefix(Self.prefixLength))
        return try database.write { db in
            if try db.queryOne("SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL", name) != nil {
                throw StoreError.alreadyExists(
                    what: "an API token named \(name)", hint: "revoke it first or choose another --name")
            }
            try db.execute(
                "INSERT INTO api_tokens (name, token_sha256, prefix, created_at) VALUES (?, ?, ?, ?)", name,
                Self.hash(token), prefix, now)
            return APIToken(
                id: db.lastInsertID, name: name, prefix: prefix, createdAt: now, lastUsedAt: nil, revokedAt: nil)
        }
    }

    /// Every token, oldest first; revoked ones too when asked.
    public func list(includeRevoked: Bool = true) throws -> [APIToken] {
        try database.read { db in
            try db.query(Self.select + (includeRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY id")
                .map(Self.token(from:))
        }
    }

    /// The unrevoked token whose secret is `presented`, or nil. The lookup is by SHA-256, and the stored hash
    /// is compared again in constant time, so response times say nothing about a guessed token.
    public func authenticate(_ presented: String) throws -> APIToken? {
        let digest = Self.hash(presented)
        return try database.read { db in
            guard
                let row = try db.queryOne(
                    Self.select.replacingOccurrences(of: "SELECT ", with: "SELECT token_sha256, ")
                        + " WHERE token_sha256 = ? AND revoked_at IS NULL", digest)
            else { return nil }
            guard Digest.constantTimeEqual(Array(row.string(0).utf8), Array(digest.utf8)) else { return nil }
            return Self.token(from: SQLRow(Array(row.values.dropFirst())))
        }
    }

    /// Revokes the unrevoked token called `name`; its dashboard sessions end with it.
    @discardableResult
    public func revoke(name: String) throws -> APIToken {
        let now = clock.now()
        return try database.write { db in
            guard let row = try db.queryOne(Self.select + " WHERE name = ? AND revoked_at IS NULL", name) else {
                throw StoreError.notFound(what: "an active API token named \(name)", hint: "see `panda token list`")
            }
            var token = Self.token(from: row)
            try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", now, token.id)
            try db.execute("DELETE FROM dashboard_sessions WHERE token_id = ?", token.id)
            token.revokedAt = now
            return token
        }
    }

    public func markUsed(id: Int64, at date: Date) throws {
        try database.write { db in try db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", date, id) }
    }

    /// Lower-case hex SHA-256 of a token's text.
    public static func hash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }

    static let select = "SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens"

    static func token(from row: SQLRow) -> APIToken {
        APIToken(
            id: row.int64(0), name: row.string(1), prefix: row.string(2), createdAt: row.date(3),
            lastUsedAt: row.optionalDate(4), revokedAt: row.optionalDate(5))
    }
}

extension Store {
    /// Admin API tokens.
    public var apiTokens: APITokenRepository { APITokenRepository(database: database, clock: clock) }
    /// Dashboard sessions.
    public var dashboardSessions: DashboardSessionRepository {
        DashboardSessionRepository(database: database, clock: clock)
    }
}
