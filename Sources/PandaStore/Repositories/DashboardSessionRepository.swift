import Foundation
import PandaCore

/// A signed-in dashboard session: which token opened it and until when it lasts.
public struct DashboardSession: Sendable, Equatable {
    /// SHA-256 of the session cookie's value.
    public var idSHA256: String
    public var token: APIToken
    public var createdAt: Date
    public var expiresAt: Date
}

/// Dashboard sessions. The cookie's value is a random secret; only its SHA-256 is stored, so the table
/// cannot be used to sign in.
public struct DashboardSessionRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Opens a session for `tokenID` under the cookie secret `secret`, lasting `lifetime`; expired sessions
    /// are removed at the same time.
    public func open(secret: String, tokenID: Int64, lifetime: TimeInterval) throws {
        let now = clock.now()
        try database.write { db in
            try db.execute("DELETE FROM dashboard_sessions WHERE expires_at <= ?", now)
            try db.execute(
                "INSERT INTO dashboard_sessions (id_sha256, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                APITokenRepository.hash(secret), tokenID, now, now.addingTimeInterval(lifetime))
        }
    }

    /// The unexpired session whose cookie secret is `secret`, with its (unrevoked) token; nil otherwise.
    public func find(secret: String) throws -> DashboardSession? {
        let digest = APITokenRepository.hash(secret)
        let now = clock.now()
        return try database.read { db in
            guard
                let row = try db.queryOne(
                    """
                    SELECT s.id_sha256, s.created_at, s.expires_at, t.id, t.name, t.prefix, t.created_at,
                        t.last_used_at, t.revoked_at
                    FROM dashboard_sessions s JOIN api_tokens t ON t.id = s.token_id
                    WHERE s.id_sha256 = ? AND s.expires_at > ? AND t.revoked_at IS NULL
                    """, digest, now)
            else { return nil }
            guard Digest.constantTimeEqual(Array(row.string(0).utf8), Array(digest.utf8)) else { return nil }
            return DashboardSession(
                idSHA256: row.string(0), token: APITokenRepository.token(from: SQLRow(Array(row.values.dropFirst(3)))),
                createdAt: row.date(1), expiresAt: row.date(2))
        }
    }

    /// Ends the session (sign-out).
    public func close(secret: String) throws {
        try database.write { db in
            try db.execute("DELETE FROM dashboard_sessions WHERE id_sha256 = ?", APITokenRepository.hash(secret))
        }
    }
}
