import Foundation
import PandaCore

/// The append-only audit log.
public struct AuditRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Appends an entry stamped with the current time.
    public func record(
        account: String?, actor: String, event: String, address: String? = nil, detail: String = ""
    ) throws {
        let now = clock.now()
        try database.write { db in
            try Self.insert(
                AuditEntry(at: now, account: account, actor: actor, event: event, address: address, detail: detail),
                into: db)
        }
    }

    /// Appends inside a caller's transaction, so an action and its audit line commit together.
    public static func insert(_ entry: AuditEntry, into db: any SQLConnection) throws {
        try db.execute(
            "INSERT INTO audit_log (at, account, actor, event, address, detail) VALUES (?, ?, ?, ?, ?, ?)",
            entry.at, entry.account, entry.actor, entry.event, entry.address, entry.detail)
    }

    /// The newest `limit` entries (of one account when given), oldest first.
    public func list(account: String? = nil, limit: Int = 100) throws -> [AuditEntry] {
        try database.read { db in
            let rows: [SQLRow]
            if let account {
                rows = try db.query(Self.select + " WHERE account = ? ORDER BY id DESC LIMIT ?", account, limit)
            } else {
                rows = try db.query(Self.select + " ORDER BY id DESC LIMIT ?", limit)
            }
            return rows.reversed().map {
                AuditEntry(
                    id: $0.int64(0), at: $0.date(1), account: $0.optionalString(2), actor: $0.string(3),
                    event: $0.string(4), address: $0.optionalString(5), detail: $0.string(6))
            }
        }
    }

    static let select = "SELECT id, at, account, actor, event, address, detail FROM audit_log"
}
